"""Settings: config/default.yaml, then a user file, then NFPBOT_* environment variables.

Unknown keys and wrong types fail at start with the key, the file (and line) and the fix. Secrets come
only from the environment, under the names the platform libraries already use.
"""

from __future__ import annotations

import json
import os
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Literal

from bot.foundation.config_checks import CHECKS
from bot.foundation.config_ranges import check_range
from bot.foundation.errors import ConfigError
from bot.foundation.secret_shapes import check_secret_shapes
from bot.foundation.yamlfile import YamlError, line_of, load_yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FILE = REPO_ROOT / "config" / "default.yaml"
ENV_PREFIX = "NFPBOT_"


@dataclass(frozen=True, slots=True)
class SearchSettings:
    limit: int = 3
    max_question_chars: int = 1000
    min_coverage: float = 0.4
    min_score: float = 3.0
    related_ratio: float = 0.3
    expansion_weight: float = 0.7
    background_boost: float = 0.8
    document_boost: float = 0.75
    large_corpus: int = 500
    fusion: Literal["rrf", "mix"] = "mix"
    rrf_k: float = 60.0
    dense_weight: float = 2.0
    min_dense_z: float = 1.5
    min_dense_z_agree: float = 1.0
    min_in_scope: float = -0.01
    max_unknown_share: float = 0.65
    max_unknown_share_zh: float = 0.85


@dataclass(frozen=True, slots=True)
class EmbeddingsSettings:
    provider: Literal["bundled", "http", "none"] = "bundled"
    url: str | None = None
    model: str | None = None
    threads: int = 0
    timeout_seconds: float = 10.0
    batch_size: int = 64
    query_prefix: str = ""
    passage_prefix: str = ""
    cache_dir: Path | None = None
    # embed the passages of ingested documents: "auto" while there are at most documents_limit
    # of them (the bundled model then finishes in minutes), true always, false never
    documents: Literal["auto", True, False] = "auto"
    documents_limit: int = 2000


@dataclass(frozen=True, slots=True)
class TelegramSettings:
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    mode: Literal["polling", "webhook"] = "polling"
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_url: str | None = None
    webhook_path: str = "telegram"
    questions_per_minute: int = 10
    timeout_seconds: float = 20.0
    start_attempts: int = 0               # reaching the Bot API at start; 0 keeps trying
    start_backoff_seconds: float = 1.0    # first wait, doubling up to a minute


@dataclass(frozen=True, slots=True)
class SlackSettings:
    api_url: str = "https://slack.com/api/"
    command: str = "/nfp"
    http_host: str = "0.0.0.0"
    http_port: int = 3000
    subscription_admins: list[str] = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DingTalkSettings:
    # the open API (stream gateway, access token, robot messages); null: the environment variable
    # DINGTALK_OPENAPI_ENDPOINT (what the dingtalk-stream SDK reads), else https://api.dingtalk.com
    openapi_endpoint: str | None = None
    timeout_seconds: float = 10.0
    send_attempts: int = 4            # a reply rate-limited or cut off by the network is tried again
    subscription_admins: list[str] = field(default_factory=list)   # staff ids; empty = anyone


@dataclass(frozen=True, slots=True)
class TipsSettings:
    default_time: str = "09:00"
    default_timezone: str = "UTC"
    check_seconds: float = 60.0
    lease_seconds: float = 600.0
    concurrency: int = 16
    max_attempts: int = 5
    max_day_attempts: int = 20
    backoff_seconds: float = 2.0
    backoff_max_seconds: float = 60.0
    max_retry_after_seconds: float = 300.0


@dataclass(frozen=True, slots=True)
class StateSettings:
    url: str | None = None          # postgresql://USER@HOST:5432/DB; null = SQLite in data_dir
    pool_size: int = 10             # PostgreSQL connections per process


@dataclass(frozen=True, slots=True)
class OpsSettings:
    host: str = "127.0.0.1"
    port: int | None = 9095         # /healthz, /readyz, /metrics; null switches the listener off


@dataclass(frozen=True, slots=True)
class WebSettings:
    enabled: bool = False           # serve the web chat in `serve all` / `make run`
    host: str = "127.0.0.1"
    port: int = 8080
    allowed_origins: list[str] = field(default_factory=list)   # sites that may embed the widget
    requests_per_minute: int = 30   # per client, over /api/*; more get 429 with a message
    client_ip_header: str | None = None   # behind a reverse proxy: X-Forwarded-For or X-Real-IP
    auth: Literal["none", "basic", "header"] = "none"
    auth_header: str = "X-Forwarded-User"   # auth: header - the header the proxy sets
    max_body_bytes: int = 65536     # a request body above this is refused unread (413)


@dataclass(frozen=True, slots=True)
class ReportSettings:
    keep_questions: bool = True     # text of declined and down-voted questions (no user ids)


@dataclass(frozen=True, slots=True)
class ConversationSettings:
    ttl_minutes: float = 30.0       # a conversation's context is forgotten this long after its last turn


@dataclass(frozen=True, slots=True)
class FeishuSettings:
    domain: str = "https://open.feishu.cn"   # Lark: https://open.larksuite.com
    mode: Literal["websocket", "http"] = "websocket"   # long connection, or event callbacks
    http_host: str = "0.0.0.0"
    http_port: int = 3100
    http_path: str = "/feishu/events"
    subscription_admins: list[str] = field(default_factory=list)   # open ids; empty = anyone


@dataclass(frozen=True, slots=True)
class Secrets:
    """Tokens from the environment only; never from a file."""

    telegram_bot_token: str | None = None
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_client_id: str | None = None
    slack_client_secret: str | None = None
    telegram_webhook_secret: str | None = None   # TELEGRAM_WEBHOOK_SECRET, webhook mode only
    nfpbot_hash_key: str | None = None   # NFPBOT_HASH_KEY: key of the user-id hashes (state)
    embeddings_api_key: str | None = None        # EMBEDDINGS_API_KEY, embeddings.provider http
    nfpbot_web_user: str | None = None           # NFPBOT_WEB_USER, web.auth basic
    nfpbot_web_password: str | None = None       # NFPBOT_WEB_PASSWORD, web.auth basic
    feishu_app_id: str | None = None             # FEISHU_APP_ID (cli_...)
    feishu_app_secret: str | None = None         # FEISHU_APP_SECRET
    feishu_verification_token: str | None = None   # FEISHU_VERIFICATION_TOKEN, feishu.mode http
    feishu_encrypt_key: str | None = None        # FEISHU_ENCRYPT_KEY, feishu.mode http
    dingtalk_client_id: str | None = None        # DINGTALK_CLIENT_ID (AppKey), DingTalk stream mode
    dingtalk_client_secret: str | None = None    # DINGTALK_CLIENT_SECRET (AppSecret)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Secrets:
        return cls(**{f.name: (env.get(f.name.upper()) or None) for f in fields(cls)})


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = Path("./var")
    knowledge_dir: Path | None = None
    default_lang: Literal["zh", "en"] = "en"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    search: SearchSettings = field(default_factory=SearchSettings)
    embeddings: EmbeddingsSettings = field(default_factory=EmbeddingsSettings)
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    slack: SlackSettings = field(default_factory=SlackSettings)
    dingtalk: DingTalkSettings = field(default_factory=DingTalkSettings)
    tips: TipsSettings = field(default_factory=TipsSettings)
    state: StateSettings = field(default_factory=StateSettings)
    ops: OpsSettings = field(default_factory=OpsSettings)
    report: ReportSettings = field(default_factory=ReportSettings)
    web: WebSettings = field(default_factory=WebSettings)
    conversation: ConversationSettings = field(default_factory=ConversationSettings)
    feishu: FeishuSettings = field(default_factory=FeishuSettings)
    secrets: Secrets = field(default_factory=Secrets)

    @property
    def knowledge_path(self) -> Path:
        return self.knowledge_dir or REPO_ROOT / "knowledge"


def load_settings(path: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the user file (`path` or NFPBOT_CONFIG), then NFPBOT_* variables."""
    env = os.environ if env is None else env
    merged: dict[str, Any] = {}
    origin: dict[str, str] = {}
    files = [DEFAULT_FILE]
    user = path or (Path(env["NFPBOT_CONFIG"]) if env.get("NFPBOT_CONFIG") else None)
    if user is not None:
        if not Path(user).exists():
            raise ConfigError(f"config file {user} does not exist. Fix: pass an existing file to "
                              "--config or NFPBOT_CONFIG, or leave it out to use the defaults.")
        files.append(Path(user))
    for file in files:
        try:
            data = load_yaml(file)
        except YamlError as exc:
            raise ConfigError(str(exc)) from exc
        if data is None:
            continue
        if not isinstance(data, dict):
            raise ConfigError(f"{file}: the top level must be a mapping of settings (key: value).")
        _merge(merged, data, origin, str(file), "")
    for name in sorted(env):
        if name.startswith(ENV_PREFIX) and name not in NOT_SETTINGS:
            keys = name[len(ENV_PREFIX):].lower().split("__")
            _set_env(merged, keys, env[name], origin, name)
    errors: list[str] = []
    settings = _build(Settings, merged, origin, "", errors)
    if errors:   # every problem of the configuration at once, each with its file:line and fix
        raise ConfigError(errors[0] if len(errors) == 1 else
                          f"{len(errors)} problems in the configuration:\n  " + "\n  ".join(errors))
    secrets = Secrets.from_env(env)
    check_secret_shapes({f.name.upper(): getattr(secrets, f.name) for f in fields(secrets)})
    return _replace_secrets(settings, secrets)


def _merge(into: dict, data: dict, origin: dict, file: str, prefix: str) -> None:
    for key, value in data.items():
        if key.startswith("__"):
            continue
        dotted = f"{prefix}{key}"
        line = line_of(data, key)
        origin[dotted] = f"{file}:{line}" if line else file
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value, origin, file, dotted + ".")
        else:
            into[key] = value


def _set_env(into: dict, keys: list[str], raw: str, origin: dict, name: str) -> None:
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    node = into
    for key in keys[:-1]:
        node = node.setdefault(key, {})
        if not isinstance(node, dict):
            raise ConfigError(f"environment variable {name}: '{key}' is not a section. "
                              f"Fix: use __ only between section and key, e.g. NFPBOT_TIPS__DEFAULT_TIME.")
    node[keys[-1]] = value
    origin[".".join(keys)] = f"environment variable {name}"


def _build(cls: type, data: Any, origin: dict, prefix: str, errors: list[str]) -> Any:
    """`cls` from `data`; each problem is added to `errors` (and that setting keeps its default)."""
    where = origin.get(prefix.rstrip("."), "config")
    if not isinstance(data, dict):
        errors.append(f"{where}: '{prefix.rstrip('.')}' must be a section (a mapping). "
                      "Fix: indent its settings under it as key: value lines.")
        return cls()
    hints = typing.get_type_hints(cls)
    known = {f.name for f in fields(cls)} - {"secrets"}
    for name in sorted(k for k in data if not k.startswith("__") and k not in known):
        errors.append(f"{origin.get(prefix + name, 'config')}: unknown setting '{prefix + name}'. "
                      f"Fix: remove it or use one of: {', '.join(sorted(known))}.")
    values = {}
    for f in fields(cls):
        if f.name not in data or f.name == "secrets":
            continue
        key = prefix + f.name
        hint = hints[f.name]
        if isinstance(hint, type) and is_dataclass(hint):
            values[f.name] = _build(hint, data[f.name], origin, key + ".", errors)
            continue
        where_key = origin.get(key, "config")
        try:
            value = _coerce(hint, data[f.name], key, where_key)
            if key in CHECKS:
                value = CHECKS[key](value, key, where_key)
        except ConfigError as exc:
            errors.append(str(exc))
            continue
        problem = (check_range(value, key, where_key)
                   if isinstance(value, (int, float)) and not isinstance(value, bool) else None)
        if problem:
            errors.append(problem)
            continue
        values[f.name] = value
    return cls(**values)


# NFPBOT_ variables that are no setting: the config file's path and secrets (see Secrets).
NOT_SETTINGS = frozenset({"NFPBOT_CONFIG", "NFPBOT_HASH_KEY", "NFPBOT_WEB_USER",
                          "NFPBOT_WEB_PASSWORD"})
def _coerce(hint: Any, value: Any, key: str, where: str) -> Any:
    origin_t = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin_t in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _coerce(inner[0], value, key, where)
    if origin_t is Literal:
        if value not in args:
            raise ConfigError(f"{where}: '{key}' is {value!r}. Fix: use one of {', '.join(map(str, args))}.")
        return value
    if origin_t is list:
        if not isinstance(value, list):
            raise ConfigError(f"{where}: '{key}' must be a list, not {value!r}. "
                              "Fix: write it as a list, e.g. [a, b].")
        return [_coerce(args[0], v, key, where) for v in value]
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise ConfigError(f"{where}: '{key}' must be true or false, not {value!r}. "
                          "Fix: write true or false (no quotes).")
    if hint in (int, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
                hint is int and isinstance(value, float)):
            example = "10" if hint is int else "2.5"
            raise ConfigError(f"{where}: '{key}' must be a number ({hint.__name__}), not {value!r}. "
                              f"Fix: write a number without quotes, e.g. {example}.")
        return hint(value)
    if hint is Path:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: '{key}' must be a path, not {value!r}. "
                              "Fix: write a directory path, e.g. ./var.")
        return Path(value).expanduser()
    if hint is str:
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise ConfigError(f"{where}: '{key}' must be text, not {value!r}. "
                              "Fix: write a single value (in quotes if it contains ':' or '#').")
        return str(value)
    return value


def _replace_secrets(settings: Settings, secrets: Secrets) -> Settings:
    values = {f.name: getattr(settings, f.name) for f in fields(settings)}
    values["secrets"] = secrets
    return Settings(**values)
