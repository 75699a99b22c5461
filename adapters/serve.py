"""Starts the adapters the configuration enables; the console chat when no platform has a token."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.foundation.config import Settings
from bot.foundation.errors import ConfigError

if TYPE_CHECKING:
    from bot.runtime import Runtime

log = logging.getLogger(__name__)

HOW_TO_ENABLE = (
    "No platform token is configured, so nfpbot runs the console chat.\n"
    "  Telegram: export TELEGRAM_BOT_TOKEN=... (from @BotFather), then `make run` or `nfpbot serve telegram`.\n"
    "  Slack: export SLACK_BOT_TOKEN=xoxb-... and SLACK_APP_TOKEN=xapp-... (Socket Mode), or\n"
    "         SLACK_SIGNING_SECRET=... for HTTP mode (`nfpbot serve slack --http`). See README.md.\n"
    "  Feishu/Lark: export FEISHU_APP_ID=cli_... and FEISHU_APP_SECRET=... (docs/feishu.md).\n"
    "  DingTalk: export DINGTALK_CLIENT_ID=... and DINGTALK_CLIENT_SECRET=... (Stream mode; docs/dingtalk.md).\n"
    "  Web chat: `nfpbot serve web`, or set web.enabled (NFPBOT_WEB__ENABLED=true) for `make run`.\n"
)


def enabled_platforms(settings: Settings) -> list[str]:
    s = settings.secrets
    out = []
    if s.telegram_bot_token:
        out.append("telegram")
    if s.slack_bot_token or (s.slack_client_id and s.slack_client_secret):
        out.append("slack")
    if s.dingtalk_client_id and s.dingtalk_client_secret:
        out.append("dingtalk")
    if settings.web.enabled:
        out.append("web")
    from adapters.feishu.checks import credentials_set  # no lark_oapi import (checks.py says why)
    if credentials_set(settings):
        out.append("feishu")
    return out


def run_main(settings: Settings) -> None:
    """`make run`: the configured platforms, else the console chat."""
    platforms = enabled_platforms(settings)
    if not platforms:
        from adapters.console import chat
        from bot.runtime import Runtime
        runtime = Runtime.from_settings(settings)
        print(HOW_TO_ENABLE, file=sys.stderr)  # stderr: piped answers on stdout stay clean
        chat(runtime.commands, banner=runtime.engine.messages.get("welcome", "en"),
             history=Path(settings.data_dir) / "console_history")
        return
    serve_platforms(settings, "all")


def serve_platforms(settings: Settings, platform: str, slack_http: bool | None = None,
                    slack_port: int | None = None, web_port: int | None = None,
                    feishu_port: int | None = None) -> None:
    """Run one platform in this process, or several (Telegram's loop in the main thread, the
    others in threads of their own).

    Slack's mode, unless given: Socket Mode when an app-level token is set, else HTTP mode.
    Every platform's secrets are checked before anything starts, so a missing one fails at once.
    """
    from bot.runtime import Runtime
    wanted = enabled_platforms(settings) if platform == "all" else [platform]
    if not wanted:
        raise ConfigError("no platform token is set. Fix: export TELEGRAM_BOT_TOKEN, "
                          "SLACK_BOT_TOKEN, FEISHU_APP_ID/FEISHU_APP_SECRET or "
                          "DINGTALK_CLIENT_ID/DINGTALK_CLIENT_SECRET (see README.md), set "
                          "web.enabled, or run `nfpbot chat`"
                          " or `nfpbot serve web`.")
    if slack_http is None:
        slack_http = not settings.secrets.slack_app_token
    if "slack" in wanted:
        from adapters.slack.serving import check_secrets
        check_secrets(settings.secrets, slack_http)
    if "telegram" in wanted and not settings.secrets.telegram_bot_token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set. Fix: create a bot with @BotFather and "
                          "export TELEGRAM_BOT_TOKEN=... (see docs/telegram.md).")
    if "dingtalk" in wanted:
        from adapters.dingtalk.serving import check_secrets as check_dingtalk
        check_dingtalk(settings.secrets)
    if "web" in wanted:
        from adapters.web.security import Access
        Access(settings.web, settings.secrets)   # web.auth basic without its credentials fails here
    if "feishu" in wanted:
        from adapters.feishu.checks import check_settings
        check_settings(settings)
    runtime = Runtime.from_settings(settings)
    from adapters.ops import start_ops
    for name in wanted:   # not ready until the adapter registers its connection check
        runtime.health.register(name, lambda: False)
    start_ops(runtime)
    runners = {"telegram": lambda: _serve_telegram(runtime),
               "slack": lambda: _serve_slack(runtime, slack_http, slack_port),
               "web": lambda: _serve_web(runtime, web_port),
               "feishu": lambda: _serve_feishu(runtime, feishu_port),
               "dingtalk": lambda: _serve_dingtalk(runtime)}
    main = "telegram" if "telegram" in wanted else wanted[0]
    import threading
    for name in wanted:
        if name != main:
            threading.Thread(target=runners[name], name=name, daemon=True).start()
    runners[main]()


def _serve_telegram(runtime: Runtime) -> None:
    from adapters.telegram import serve
    serve(runtime)


def _serve_slack(runtime: Runtime, http: bool, port: int | None) -> None:
    from adapters.slack import serve
    serve(runtime, http=http, port=port)


def _serve_dingtalk(runtime: Runtime) -> None:
    from adapters.dingtalk import serve
    serve(runtime)


def _serve_web(runtime: Runtime, port: int | None) -> None:
    from adapters.web import serve
    serve(runtime, port=port)


def _serve_feishu(runtime: Runtime, port: int | None) -> None:
    from adapters.feishu import serve  # lark_oapi is imported in this (the adapter's) thread
    serve(runtime, port=port)


def send_tips_now(settings: Settings, platform: str) -> dict:
    """Deliver the due tips of today once, through each platform's sender."""
    from bot.runtime import Runtime
    runtime = Runtime.from_settings(settings)
    report: dict = {}
    wanted = enabled_platforms(settings) if platform == "all" else [platform]
    for name in wanted:
        if name == "telegram":
            from adapters.telegram import send_tips_now as tg
            report["telegram"] = tg(runtime)
        elif name == "slack":
            from adapters.slack import send_tips_now as sl
            report["slack"] = sl(runtime)
        elif name == "feishu":
            from adapters.feishu import send_tips_now as fs
            report["feishu"] = fs(runtime)
        elif name == "dingtalk":
            from adapters.dingtalk import send_tips_now as dt
            report["dingtalk"] = dt(runtime)
    return report
