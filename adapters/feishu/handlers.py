"""Feishu events in, cards out: messages (private chats; groups only when the bot is @mentioned),
card button presses, and the bot's removal from a group.

The SDK calls these handlers on its connection's event loop and acknowledges the event when they
return; Feishu redelivers an event not acknowledged within 3 seconds. So every handler returns at
once and the answer is worked out on a small thread pool of our own (inline when `pool` is None).
A redelivered event (after a reconnect, or a slow acknowledgement) is recognised by its message or
event id in the state (shared by every process) and not answered twice; the reply's `uuid` makes
Feishu itself drop a second send of the same answer.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import replace
from typing import Any

import lark_oapi as lark
from lark_oapi.event.callback.model.p2_card_action_trigger import (
    P2CardActionTrigger,
    P2CardActionTriggerResponse,
)

from adapters.feishu import buttons
from adapters.feishu.api import FeishuApi, FeishuError
from adapters.feishu.card import plain_card, shorter, to_card
from adapters.feishu.events import Incoming, incoming
from bot.command_parsing import Context
from bot.foundation import metrics
from bot.foundation.answers import Answer
from bot.runtime import Runtime
from bot.state.dedupe import SeenRequests
from bot.tips.subscriptions import Subscriptions

PLATFORM = "feishu"
CHAT_TYPES_KEPT = 10_000
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
log = logging.getLogger(__name__)
KINDS = {"rate_limited": "429", "gone": "403", "transient": "network", "too_long": "rejected",
         "rejected": "rejected"}


def conversation_key(chat_id: str, open_id: str, private: bool) -> str:
    """Per private chat; per user and chat in a group (docs: the conversation contract)."""
    return f"feishu:{chat_id}" if private else f"feishu:{chat_id}:{open_id}"


def message_key(message_id: str) -> str:
    return f"feishu:msg:{message_id}"


class FeishuHandlers:
    """Answers through `runtime.commands`; sends with `api`."""

    def __init__(self, runtime: Runtime, api: FeishuApi, pool: Executor | None,
                 bot_open_id: str | None = None) -> None:
        self.runtime = runtime
        self.api = api
        self.pool = pool
        self.bot_open_id = bot_open_id
        self.messages = runtime.engine.messages
        self.seen = SeenRequests(runtime.state)
        self.admins = set(runtime.settings.feishu.subscription_admins)
        self.chat_types: OrderedDict[str, str] = OrderedDict()   # chat id -> p2p/group, recent

    def dispatcher(self, encrypt_key: str = "", verification_token: str = "") -> Any:
        """The SDK's EventDispatcherHandler with our handlers (the long connection ignores the
        keys; HTTP mode verifies and decrypts with them)."""
        return (lark.EventDispatcherHandler.builder(encrypt_key, verification_token)
                .register_p2_im_message_receive_v1(self.on_message)
                .register_p2_card_action_trigger(self.on_card)
                .register_p2_im_chat_member_bot_deleted_v1(self.on_bot_removed)
                .build())

    # -- handlers: return at once, work on the pool -------------------------------------------

    def on_message(self, data: Any) -> None:
        message = incoming(data, self.bot_open_id)
        if message is None or not message.from_user:
            return
        if not message.private and not message.mentions_bot:
            return   # group chatter not addressed to the bot
        self._remember_chat(message.chat_id, message.chat_type)
        self._work(f"feishu:msg:{message.message_id}", lambda: self.answer_message(message),
                   message.message_id, message.text)

    def on_card(self, data: P2CardActionTrigger) -> P2CardActionTriggerResponse:
        event = data.event
        action = getattr(event, "action", None)
        pressed = buttons.Pressed.from_value(getattr(action, "value", None))
        if event is None or pressed is None:
            return P2CardActionTriggerResponse({})
        context = event.context
        chat_id = str(getattr(context, "open_chat_id", "") or "")
        card_id = str(getattr(context, "open_message_id", "") or "")
        user = str(getattr(event.operator, "open_id", "") or "")
        event_id = str(getattr(data.header, "event_id", "") or card_id)
        if pressed.action == buttons.VOTE:
            self._work(f"feishu:event:{event_id}", lambda: self.runtime.feedback.record(
                PLATFORM, user, pressed.text, pressed.item_id, pressed.vote), None, "")
            toast = {"type": "success", "content": self.messages.get("feedback_thanks", pressed.lang)}
            return P2CardActionTriggerResponse({"toast": toast})
        self._work(f"feishu:event:{event_id}",
                   lambda: self.answer_button(pressed, chat_id, user, card_id, event_id),
                   card_id, pressed.text)
        return P2CardActionTriggerResponse({})

    def on_bot_removed(self, data: Any) -> None:
        chat_id = str(getattr(data.event, "chat_id", "") or "")
        if chat_id:
            self._work(f"feishu:event:{getattr(data.header, 'event_id', chat_id)}",
                       lambda: self.forget_chat(chat_id, "the bot was removed"), None, "")

    def _work(self, key: str, job: Callable[[], None], reply_to: str | None, text: str) -> None:
        def run() -> None:
            try:
                if not self.seen.first_time(key):
                    log.info("ignoring a repeated delivery of %s", key)
                    return
                job()
            except Exception as exc:  # noqa: BLE001 - the adapter's one catch-all
                self.on_error(exc, reply_to, text)

        if self.pool is None:
            run()
        else:
            self.pool.submit(run)

    # -- answers -------------------------------------------------------------------------------

    def context(self, chat_id: str, user: str, conversation: str | None,
                reply_to: str | None = None, private: bool = True) -> Context:
        return Context(platform=PLATFORM, chat_id=chat_id, user_id=user,
                       lang=self.runtime.commands.user_lang(PLATFORM, user),
                       can_manage=private or not self.admins or user in self.admins,
                       conversation=conversation, reply_to=reply_to)

    def answer_message(self, message: Incoming) -> None:
        text = message.text or "help"
        ctx = self.context(message.chat_id, message.open_id,
                           conversation_key(message.chat_id, message.open_id, message.private),
                           message_key(message.parent_id) if message.parent_id else None,
                           message.private)
        answer = self.runtime.commands.handle(ctx, text)
        sent = self.reply(message.message_id, to_card(answer, self.messages, text=text),
                          f"a-{message.message_id}", message.chat_id)
        if sent:
            self.runtime.commands.remember_message(ctx, message_key(sent), answer)

    def answer_button(self, pressed: buttons.Pressed, chat_id: str, user: str, card_id: str,
                      event_id: str) -> None:
        chat_type = self.chat_types.get(chat_id)
        private = chat_type == "p2p"
        conversation = conversation_key(chat_id, user, private) if chat_type else None
        ctx = replace(self.context(chat_id, user, conversation, None, private),
                      lang=pressed.lang)  # type: ignore[arg-type]
        answer = self.recompute(ctx, pressed)
        sent = self.reply(card_id, to_card(answer, self.messages, text=pressed.text),
                          f"b-{event_id}", chat_id)
        if sent:
            self.runtime.commands.remember_message(ctx, message_key(sent), answer)

    def recompute(self, ctx: Context, pressed: buttons.Pressed) -> Answer:
        """A later page of a question, or the text again (in the button's language)."""
        if pressed.offset > 0:
            return self.runtime.commands.ask(ctx, pressed.text, offset=pressed.offset,
                                             lang=pressed.lang)  # type: ignore[arg-type]
        return self.runtime.commands.handle(ctx, pressed.text)

    def reply(self, message_id: str, card: dict, uuid: str, chat_id: str) -> str | None:
        """Send `card` as a reply; a card too long is sent shorter; a lost chat is forgotten."""
        try:
            return self.api.reply(message_id, card, uuid)
        except FeishuError as exc:
            if exc.kind == "too_long":
                log.warning("Feishu refused a card as too long (%s); sending it shorter", exc)
                return self.api.reply(message_id, shorter(card), uuid + "s")
            if exc.kind == "gone":
                self.forget_chat(chat_id, exc.msg)
            raise

    def forget_chat(self, chat_id: str, why: str) -> None:
        """The bot can no longer post in `chat_id`: its daily tips stop."""
        if Subscriptions(self.runtime.state).remove(PLATFORM, chat_id):
            log.info("Feishu chat %s unsubscribed: %s", chat_id, why)

    def _remember_chat(self, chat_id: str, chat_type: str) -> None:
        self.chat_types[chat_id] = chat_type
        self.chat_types.move_to_end(chat_id)
        while len(self.chat_types) > CHAT_TYPES_KEPT:
            self.chat_types.popitem(last=False)

    # -- the one error handler -----------------------------------------------------------------

    def on_error(self, error: Exception, reply_to: str | None, text: str) -> None:
        """Log with the traceback; tell the user politely, in their language, when possible."""
        log.error("Feishu request failed: %s", error, exc_info=error)
        if isinstance(error, FeishuError):
            metrics.PLATFORM_ERRORS.labels(PLATFORM, KINDS.get(error.kind, "rejected")).inc()
            return   # Feishu refused to take a message: a note would be refused too
        if not reply_to:
            return
        lang = "zh" if _HAN.search(text) else self.runtime.engine.default_lang
        try:
            self.api.reply(reply_to, plain_card(self.messages.get("error", lang)), None)
        except Exception:  # noqa: BLE001 - nothing more to do than log
            log.warning("could not tell the Feishu user about the failure", exc_info=True)
