# nfpbot: one image for every serve mode. Not built on the development machine (no container
# engine there); the commands it runs are the ones the test suite exercises (see docs/deploy.md).
#
#   docker build -t nfpbot .
#   docker run --rm -e TELEGRAM_BOT_TOKEN=... -v nfpbot-data:/data -p 127.0.0.1:9095:9095 nfpbot serve telegram
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    NFPBOT_DATA_DIR=/data \
    NFPBOT_OPS__HOST=0.0.0.0 \
    NFPBOT_SLACK__HTTP_HOST=0.0.0.0 \
    NFPBOT_WEB__HOST=0.0.0.0

# pg_dump for `nfpbot state backup` on PostgreSQL (bookworm's client is 15: use a server of at
# most 15, or run pg_dump from the database host). Nothing else from apt.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin nfpbot

WORKDIR /app
# Dependencies first (a layer that changes only with pyproject.toml), then the code and data.
COPY pyproject.toml README.md ./
COPY bot/__init__.py bot/__init__.py
COPY index/__init__.py index/__init__.py
COPY adapters/__init__.py adapters/__init__.py
RUN pip install -e .
COPY bot bot
COPY index index
COPY adapters adapters
COPY config config
COPY knowledge knowledge

# The index and the jieba dictionary cache are built now, into /data, so a container starts in
# about a second; a named volume on /data starts with this copy. The state (SQLite file, hash key)
# is created at first start, 700/600, owned by the unprivileged user.
RUN nfpbot validate && nfpbot index build \
    && chown -R nfpbot:nfpbot /data && chmod 700 /data

USER nfpbot
VOLUME ["/data"]
# 9095: /healthz /readyz /metrics (keep it off the internet); 3000: Slack HTTP mode;
# 8443: Telegram webhook; 8080: the web chat. Put a TLS reverse proxy in front of the last three.
EXPOSE 9095 3000 8443 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9095/healthz', timeout=4)" || exit 1
ENTRYPOINT ["nfpbot"]
CMD ["run"]
