"""Slack events in, rendered answers out: the slash command, mentions, direct messages, buttons.

Every listener acknowledges at once (Slack allows 3 seconds) and hands the real work to a small
thread pool of our own, so acknowledgements never queue behind slow answers. With
`process_before_response=True` (tests, FaaS) the work runs inline before the response instead.
Whatever fails ends in `on_error`, the one catch-all: it logs with the traceback and sends the
user a polite note in their language, never the traceback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import replace
from typing import Any
from urllib.error import URLError

from slack_bolt import App

from adapters.slack import buttons, render
from adapters.slack.dedupe import Memory, is_repeat
from bot.command_parsing import Context
from bot.foundation import metrics
from bot.foundation.answers import Answer
from bot.runtime import Runtime

PLATFORM = "slack"
_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
log = logging.getLogger(__name__)


def strip_mentions(text: str) -> str:
    """The text of a mention without the <@U…> parts."""
    return " ".join(_MENTION.sub(" ", text or "").split())


class SlackHandlers:
    """Registers the listeners on a bolt App and answers through `runtime.commands`."""

    def __init__(self, runtime: Runtime, pool: Executor | None, seen: Memory | None = None) -> None:
        self.runtime = runtime
        self.messages = runtime.engine.messages
        self.pool = pool   # None: run inline (process_before_response)
        self.seen = seen   # ids of events and commands already answered (Slack retries, replays)
        self.admins = set(runtime.settings.slack.subscription_admins)

    def register(self, app: App) -> None:
        app.command(self.runtime.settings.slack.command)(self.on_command)
        app.event("app_mention")(self.on_mention)
        app.event("message")(self.on_message)
        app.action(re.compile("^nfp_"))(self.on_action)
        app.error(self.on_error)

    # -- listeners: acknowledge, then work -----------------------------------------------------

    def on_command(self, ack: Callable, body: dict, respond: Callable, say: Callable,
                   logger: logging.Logger) -> None:
        ack()
        self._work(lambda: self.answer_command(body, respond), body, respond, say, logger)

    def on_mention(self, body: dict, event: dict, respond: Callable, say: Callable,
                   logger: logging.Logger) -> None:
        if event.get("bot_id") or event.get("subtype"):
            return
        self._work(lambda: self.answer_event(body, event, say, threaded=True), body, respond, say, logger)

    def on_message(self, body: dict, event: dict, respond: Callable, say: Callable,
                   logger: logging.Logger) -> None:
        if event.get("channel_type") != "im" or event.get("bot_id") or event.get("subtype"):
            return
        self._work(lambda: self.answer_event(body, event, say, threaded=False), body, respond, say, logger)

    def on_action(self, ack: Callable, body: dict, action: dict, respond: Callable, say: Callable,
                  logger: logging.Logger) -> None:
        ack()
        self._work(lambda: self.answer_action(body, action, respond), body, respond, say, logger)

    def _work(self, job: Callable[[], None], body: dict, respond: Callable, say: Callable,
              logger: logging.Logger) -> None:
        def run() -> None:
            try:
                if self.seen is not None and is_repeat(self.seen, body):
                    return
                job()
            except Exception as exc:  # noqa: BLE001 - the adapter's one catch-all
                self.on_error(exc, body, logger, respond, say)

        if self.pool is None:
            run()
        else:
            self.pool.submit(run)

    # -- answers -------------------------------------------------------------------------------

    def context(self, team_id: str | None, channel_id: str | None, user_id: str,
                conversation: str | None = None) -> Context:
        """The core's Context: chat ids carry the workspace ("T1:C1") so several can share state."""
        chat = f"{team_id}:{channel_id}" if team_id else str(channel_id)
        return Context(platform=PLATFORM, chat_id=chat, user_id=user_id,
                       lang=self.runtime.commands.user_lang(PLATFORM, user_id),
                       can_manage=not self.admins or user_id in self.admins,
                       conversation=conversation)

    def answer_command(self, body: dict, respond: Callable) -> None:
        text = (body.get("text") or "").strip() or "help"
        user = body.get("user_id", "")
        ctx = self.context(body.get("team_id"), body.get("channel_id"), user)
        answer = self.runtime.commands.handle(ctx, text)
        message = render.to_message(answer, self.messages, text=text, asked_by=user, share=True)
        respond(**message, response_type="ephemeral")

    def answer_event(self, body: dict, event: dict, say: Callable, threaded: bool) -> None:
        text = strip_mentions(event.get("text", "")) or "help"
        user = event.get("user", "")
        team, channel = body.get("team_id"), event.get("channel")
        thread = event.get("thread_ts") or event.get("ts") if threaded else None
        ctx = self.context(team, channel, user, conversation_key(team, channel, thread))
        answer = self.runtime.commands.handle(ctx, text)
        message = render.to_message(answer, self.messages, text=text)
        if threaded:
            say(**message, thread_ts=thread)
        else:
            say(**message)

    def answer_action(self, body: dict, action: dict, respond: Callable) -> None:
        action_id, value = action.get("action_id", ""), action.get("value", "")
        user = (body.get("user") or {}).get("id", "")
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        team = (body.get("team") or {}).get("id")
        thread = (body.get("container") or {}).get("thread_ts")
        dm = (body.get("channel") or {}).get("name") == "directmessage" or str(channel).startswith("D")
        ctx = self.context(team, channel, user,
                           conversation_key(team, channel, thread) if thread or dm else None)
        if action_id in (buttons.VOTE_UP, buttons.VOTE_DOWN):
            vote = buttons.Vote.from_value(value)
            self.runtime.feedback.record(PLATFORM, user, vote.question, vote.item_id, vote.vote)
            respond(**render.plain_message(self.messages.get("feedback_thanks", vote.lang)),
                    response_type="ephemeral", replace_original=False)
            return
        request = buttons.Request.from_value(value)
        answer = self.recompute(replace(ctx, lang=request.lang), request)  # type: ignore[arg-type]
        if action_id == buttons.SHARE:
            message = render.to_message(answer, self.messages, text=request.text, asked_by=user)
            respond(**message, response_type="in_channel", replace_original=False)
            respond(delete_original=True)
            return
        message = render.to_message(answer, self.messages, text=request.text, share=True)
        respond(**message, response_type="ephemeral", replace_original=False)

    def recompute(self, ctx: Context, request: buttons.Request) -> Answer:
        """The answer a button stands for: a later page of a question, or the text again."""
        if request.offset > 0:
            return self.runtime.commands.ask(ctx, request.text, offset=request.offset, lang=ctx.lang)
        return self.runtime.commands.handle(ctx, request.text)

    # -- the one error handler -----------------------------------------------------------------

    def on_error(self, error: Exception, body: dict, logger: logging.Logger,
                 respond: Callable | None = None, say: Callable | None = None) -> None:
        """Log with the traceback; tell the user politely, in their language."""
        logger.error("Slack request failed: %s", error, exc_info=error)
        kind = error_kind(error)
        if kind is not None:
            metrics.PLATFORM_ERRORS.labels("slack", kind).inc()
        body = body if isinstance(body, dict) else {}
        note = render.plain_message(self.messages.get("error", self._lang_of(body)))
        event = body.get("event") or {}
        try:
            if body.get("response_url") and respond is not None:
                respond(**note, response_type="ephemeral", replace_original=False)
            elif event.get("channel") and say is not None:
                thread = event.get("thread_ts") or (event.get("ts") if event.get("type") == "app_mention" else None)
                say(**note, thread_ts=thread) if thread else say(**note)
        except Exception:  # noqa: BLE001 - nothing more to do than log
            logger.warning("could not tell the user about the failure", exc_info=True)

    def _lang_of(self, body: dict) -> str:
        user = body.get("user_id") or (body.get("user") or {}).get("id") or (body.get("event") or {}).get("user")
        chosen = self.runtime.commands.user_lang(PLATFORM, user) if user else None
        text = body.get("text") or (body.get("event") or {}).get("text") or ""
        for action in body.get("actions") or ():
            if isinstance(action, dict):
                text += action.get("value", "")
        return chosen or ("zh" if _HAN.search(text) else self.runtime.engine.default_lang)


__all__: list[Any] = ["SlackHandlers", "strip_mentions"]


def conversation_key(team: str | None, channel: str | None, thread_ts: str | None) -> str:
    """A direct message channel is one conversation; in a channel, each thread is one (a top-level
    mention starts the thread of the bot's answer, keyed by the mention's ts)."""
    key = f"slack:{team or '-'}:{channel}"
    return f"{key}:{thread_ts}" if thread_ts else key


def error_kind(error: Exception) -> str | None:
    """The `nfpbot_platform_errors_total` kind of an error from Slack's API (None: not one)."""
    from slack_sdk.errors import SlackApiError

    from adapters.slack.tips import outcome_of
    if isinstance(error, SlackApiError):
        outcome = outcome_of(error)
        return metrics.error_kind(outcome.kind, outcome.detail) or "other"
    if isinstance(error, TimeoutError):
        return "timeout"
    return "network" if isinstance(error, (ConnectionError, URLError)) else None
