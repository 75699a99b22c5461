"""The ops port (`ops.host`:`ops.port`): /healthz, /readyz and Prometheus /metrics for every serve
mode, as a listener of its own so Socket Mode and polling deployments get one too.

Served by prometheus-client's own threaded WSGI server (what its `start_http_server` uses), with a
socket timeout so idle clients cannot hold threads. /healthz: the process answers. /readyz: 200
when the index is open, the state reachable and each platform connected, else 503 with what is
not. /metrics: prometheus-client's registry (questions, latency, tips, platform errors) plus the
tips held by unconfirmed claims, read from the state at scrape time.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST, ThreadingWSGIServer

from bot.foundation.errors import ConfigError
from bot.runtime import Runtime
from bot.tips.delivery import DeliveryLog

log = logging.getLogger(__name__)
StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class HeldClaims:
    """A collector: tips claimed but not confirmed, per platform, read from the state."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily("nfpbot_tips_pending_under_lease", "Daily tips claimed but not "
                                   "yet confirmed (in flight, or left by a dead sender).",
                                   labels=["platform"])
        lease = timedelta(seconds=self.runtime.settings.tips.lease_seconds)
        dlog = DeliveryLog(self.runtime.state, lease)
        for platform in ("telegram", "slack", "feishu", "dingtalk"):
            family.add_metric([platform], dlog.held(datetime.now(UTC), platform).count)
        yield family


def readiness(runtime: Runtime) -> dict[str, str]:
    """The built-in checks (index, state) and the platforms' own."""
    checks = {"index": "ok" if runtime.engine.store.status().get("built") else "not built"}
    try:
        runtime.state.ping()
        checks["state"] = "ok"
    except Exception as exc:  # noqa: BLE001 - the probe reports it; the log has the detail
        log.warning("state not reachable: %s", exc)
        checks["state"] = f"error: {type(exc).__name__}"
    return checks | runtime.health.report()


def make_app(runtime: Runtime) -> Callable[[dict, StartResponse], Iterable[bytes]]:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(HeldClaims(runtime))

    def app(environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return _reply(start_response, "405 Method Not Allowed", b"GET only\n")
        if path == "/healthz":
            return _reply(start_response, "200 OK", b"ok\n")
        if path == "/readyz":
            checks = readiness(runtime)
            ready = all(v == "ok" for v in checks.values())
            return _reply(start_response, "200 OK" if ready else "503 Service Unavailable",
                          json.dumps(checks).encode() + b"\n", "application/json")
        if path == "/metrics":
            try:
                body = generate_latest(REGISTRY) + generate_latest(registry)
            except Exception:
                log.exception("metrics could not be collected")
                return _reply(start_response, "500 Internal Server Error", b"error\n")
            return _reply(start_response, "200 OK", body, CONTENT_TYPE_LATEST)
        return _reply(start_response, "404 Not Found", b"not found\n")

    return app


def _reply(start_response: StartResponse, status: str, body: bytes,
           content_type: str = "text/plain; charset=utf-8") -> list[bytes]:
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store")])
    return [body]


class _Handler(WSGIRequestHandler):
    timeout = 10  # seconds an idle or slow client may hold a thread

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("ops %s " + format, self.address_string(), *args)


class OpsServer:
    """The listener in a daemon thread; `port` is the bound one (useful with port 0)."""

    def __init__(self, runtime: Runtime, host: str, port: int) -> None:
        try:
            self.server: WSGIServer = make_server(host, port, make_app(runtime),
                                                  ThreadingWSGIServer, handler_class=_Handler)
        except OSError as exc:
            raise ConfigError(f"ops.port {port} on {host} cannot be opened ({exc.strerror}). "
                              "Fix: set ops.port (NFPBOT_OPS__PORT) to a free port, or null to "
                              "switch the ops listener off.") from None
        self.port = int(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, name="nfpbot-ops",
                                       daemon=True)

    def start(self) -> OpsServer:
        self.thread.start()
        log.info("ops: /healthz /readyz /metrics on %s:%d", self.server.server_address[0],
                 self.port)
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_ops(runtime: Runtime) -> OpsServer | None:
    """The ops listener of `runtime.settings.ops`, started; None when switched off."""
    ops = runtime.settings.ops
    if ops.port is None:
        return None
    return OpsServer(runtime, ops.host, ops.port).start()
