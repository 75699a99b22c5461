"""DingTalk robot messages in, markdown answers out (topic /v1.0/im/bot/messages/get).

The handler acknowledges each frame at once (DingTalk re-delivers a message whose
acknowledgement does not come) and answers on a small thread pool, so the socket is never held up
by a search. A message seen before (the same msgId, re-delivered after a reconnect) is skipped:
the memory is the state store's (bot/state/dedupe.py), shared by every process. Answers go back
through the message's session webhook; once that has expired, through the robot API. Whatever
fails is logged with its traceback and the user gets a polite note in their language.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

from dingtalk_stream import AckMessage, ChatbotHandler, ChatbotMessage

from adapters.dingtalk import buttons, render
from adapters.dingtalk.openapi import DingTalkError, OpenApi
from bot.command_parsing import Context
from bot.foundation.answers import Answer
from bot.runtime import Runtime
from bot.state.dedupe import SeenRequests
from index import has_han

PLATFORM = "dingtalk"
PRIVATE, GROUP = "1", "2"          # conversationType
ANSWER_WORKERS = 4
WEBHOOK_MARGIN_MS = 60_000         # a session webhook this close to expiry is not used
log = logging.getLogger(__name__)


def conversation_key(message: ChatbotMessage) -> str:
    """The contract's keys: a private chat is one conversation; in a group, each member's."""
    if message.conversation_type == GROUP:
        return f"dingtalk:{message.conversation_id}:{sender_of(message)}"
    return f"dingtalk:{message.conversation_id}"


def sender_of(message: ChatbotMessage) -> str:
    return str(message.sender_staff_id or message.sender_id or "")


def chat_of(message: ChatbotMessage) -> str:
    """Where a daily tip goes: a group's openConversationId, or "user:<staffId>" for a private
    chat (the robot API writes to people by staff id)."""
    if message.conversation_type == GROUP:
        return str(message.conversation_id)
    return f"user:{sender_of(message)}"


def text_of(message: ChatbotMessage) -> str:
    """The words of a text or rich-text message, white space folded ("" for a picture, a file,
    or a rich text without its content)."""
    if message.message_type not in ("text", "richText"):
        return ""
    try:
        parts = message.get_text_list() or []
    except AttributeError:   # rich text without a content list
        return ""
    return " ".join(" ".join(str(p) for p in parts if p).split())


class NfpChatbotHandler(ChatbotHandler):
    """Answers robot messages through `runtime.commands`; registered on the stream client."""

    def __init__(self, runtime: Runtime, api: OpenApi, pool: Executor | None = None,
                 seen: SeenRequests | None = None) -> None:
        super().__init__()
        self.logger = log   # ours, under the root handlers and their secret filter
        self.runtime = runtime
        self.api = api
        self.messages = runtime.engine.messages
        self.pool = pool or ThreadPoolExecutor(ANSWER_WORKERS, "nfp-dingtalk")
        self.seen = seen or SeenRequests(runtime.state)
        self.admins = set(runtime.settings.dingtalk.subscription_admins)

    async def process(self, callback: Any) -> tuple[int, str]:
        """Acknowledge now; answer on the pool."""
        data = callback.data if isinstance(callback.data, dict) else {}
        self.pool.submit(self._safely, data, getattr(callback.headers, "message_id", None))
        return AckMessage.STATUS_OK, "OK"

    def _safely(self, data: dict, frame_id: str | None) -> None:
        message = None
        try:
            message = ChatbotMessage.from_dict(data)
            key = f"dingtalk:msg:{message.message_id or frame_id}"
            if not self.seen.first_time(key):
                log.info("ignoring a repeated delivery of %s", key)
                return
            self.answer(message)
        except Exception as exc:  # noqa: BLE001 - the adapter's one catch-all
            self.on_error(exc, message)

    # -- answers -------------------------------------------------------------------------------

    def context(self, message: ChatbotMessage) -> Context:
        user = sender_of(message)
        group = message.conversation_type == GROUP
        return Context(platform=PLATFORM, chat_id=chat_of(message), user_id=user,
                       lang=self.runtime.commands.user_lang(PLATFORM, user),
                       can_manage=not group or not self.admins or user in self.admins,
                       conversation=conversation_key(message))

    def answer(self, message: ChatbotMessage) -> None:
        if message.conversation_type == GROUP and message.is_in_at_list is False:
            return   # group chatter that does not @mention the robot (DingTalk rarely sends it)
        text = text_of(message) or "help"
        ctx = self.context(message)
        vote = buttons.parse_vote(text)
        if vote is not None:
            self.runtime.feedback.record(PLATFORM, ctx.user_id, vote.question, vote.item_id,
                                         vote.vote)
            lang = ctx.lang or ("zh" if has_han(vote.question) else "en")
            self.send(message, [render.plain(self.messages.get("feedback_thanks", lang))])
            return
        answer = self.compute(ctx, text)
        private = message.conversation_type != GROUP
        self.send(message, render.to_messages(answer, self.messages, text, private), answer)

    def compute(self, ctx: Context, text: str) -> Answer:
        """A command or question; a "more N QUESTION" link asks QUESTION again for a later page."""
        more = buttons.parse_more(text)
        if more is not None:
            return self.runtime.commands.ask(ctx, more.question, offset=more.offset,
                                             lang=more.lang)  # type: ignore[arg-type]
        return self.runtime.commands.handle(ctx, text)

    def send(self, message: ChatbotMessage, parts: list[render.Message],
             answer: Answer | None = None) -> None:
        """Each part through the session webhook (or the robot API once it has expired); a part
        DingTalk finds too long is sent again shortened."""
        for part in parts:
            try:
                self._send_one(message, part)
            except DingTalkError as exc:
                if exc.kind != "too_long" or answer is None:
                    raise
                log.warning("DingTalk found an answer too long (%s): sending it shortened", exc.code)
                self._send_one(message, render.shortened(answer, self.messages))
                return

    def _send_one(self, message: ChatbotMessage, part: render.Message) -> None:
        group = message.conversation_type == GROUP
        expires = message.session_webhook_expired_time or 0
        if message.session_webhook and expires - WEBHOOK_MARGIN_MS > time.time() * 1000:
            self.api.reply(message.session_webhook, part.title, part.text,
                           at_user=sender_of(message) if group else None)
        elif group:
            self.api.send_group(str(message.conversation_id), part.title, part.text)
        else:
            self.api.send_private(sender_of(message), part.title, part.text)

    # -- the one error handler -----------------------------------------------------------------

    def on_error(self, error: Exception, message: ChatbotMessage | None) -> None:
        log.error("DingTalk message failed: %s", error, exc_info=error)   # DingTalk's own
        # refusals are already counted by the client (openapi.OpenApi.with_retries)
        if message is None:
            return
        user = sender_of(message)
        text = text_of(message)
        lang = self.runtime.commands.user_lang(PLATFORM, user) if user else None
        lang = lang or ("zh" if has_han(text) else self.runtime.engine.default_lang)
        try:
            self._send_one(message, render.plain(self.messages.get("error", lang)))
        except Exception:  # noqa: BLE001 - nothing more to do than log
            log.warning("could not tell the user about the failure", exc_info=True)
