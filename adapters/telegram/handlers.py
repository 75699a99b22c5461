"""Telegram updates -> `Commands` -> rendered answers: messages, commands, buttons, errors.

Why one class: the handlers share the runtime, the per-user rate limit and the pending-answer map.
The engine is synchronous, so it runs in a worker thread (`asyncio.to_thread`) and the event loop
keeps serving other chats meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters, Update
from telegram.constants import ChatMemberStatus, ChatType, MessageEntityType, ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import ContextTypes

from adapters.telegram.conversation import conversation_key, message_key
from adapters.telegram.keyboard import (
    FULL,
    MAX_FULL_BUTTONS,
    MORE,
    VOTE,
    answer_keyboard,
    full_code,
    parse_callback,
)
from adapters.telegram.pending import Pending, PendingAnswers
from adapters.telegram.ratelimit import UserRateLimit
from adapters.telegram.render import plain_text_html, render_answer
from bot.answer.full_text import showable
from bot.command_parsing import Context, parse
from bot.foundation import metrics
from bot.foundation.answers import Answer
from bot.runtime import Runtime
from index import has_han

log = logging.getLogger(__name__)

PLATFORM = "telegram"
# Commands whose answer can be shown again in the other language without side effects.
SWITCHABLE = {"help", "themes", "theme", "case", "cases", "lessons", "conventions", "tip"}
MANAGE = {"subscribe", "unsubscribe"}
GROUPS = {ChatType.GROUP, ChatType.SUPERGROUP}
SEND_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class Incoming:
    """What to answer: the text, where, and how it was addressed to the bot."""

    text: str
    slash_required: bool


class TelegramChat:
    """The handlers registered by `build_application`."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.commands = runtime.commands
        self.messages = runtime.engine.messages
        self.pending = PendingAnswers()
        self.rate_limit = UserRateLimit(runtime.settings.telegram.questions_per_minute)

    # -- messages -------------------------------------------------------------------------------

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/command or /command@thisbot (in groups too: privacy mode still delivers these)."""
        message = update.effective_message
        if message is None or not message.text:
            return
        first = message.text.split(maxsplit=1)[0]
        if "@" in first and first.split("@", 1)[1].lower() != (context.bot.username or "").lower():
            return  # addressed to another bot in the group
        if first.split("@", 1)[0].lower() == "/start":
            await self._send_text(context, message, self._welcome())
            return
        await self._answer(update, context, Incoming(message.text, slash_required=True))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Any text in a private chat; in groups only a mention of the bot or a reply to it."""
        message = update.effective_message
        chat = update.effective_chat
        if message is None or chat is None or not message.text:
            return
        text = message.text
        if chat.type in GROUPS or chat.type == ChatType.CHANNEL:
            mention = self._mention(message, context)
            replied = (message.reply_to_message is not None
                       and message.reply_to_message.from_user is not None
                       and message.reply_to_message.from_user.id == context.bot.id)
            if mention is None and not replied:
                return  # group chatter not meant for the bot
            if mention:
                text = re.sub(re.escape(mention), " ", text, flags=re.I).strip()
        await self._answer(update, context, Incoming(text, slash_required=False))

    def _mention(self, message: Message, context: ContextTypes.DEFAULT_TYPE) -> str | None:
        """The '@botname' text when the message mentions this bot."""
        username = (context.bot.username or "").lower()
        for entity, value in message.parse_entities(
                [MessageEntityType.MENTION, MessageEntityType.TEXT_MENTION]).items():
            if entity.type == MessageEntityType.MENTION and value.lower() == "@" + username:
                return value
            if entity.user is not None and entity.user.id == context.bot.id:
                return value
        return None

    async def _answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE,
                      incoming: Incoming) -> None:
        message, chat, user = update.effective_message, update.effective_chat, update.effective_user
        assert message is not None and chat is not None
        user_id = str(user.id if user else chat.id)
        parsed = parse(incoming.text, incoming.slash_required)
        wait = self.rate_limit.wait_seconds(user_id)
        if wait:
            lang = await asyncio.to_thread(self._lang_hint, user_id, incoming.text, user)
            await self._send_text(context, message,
                                  self.messages.get("rate_limited", lang, seconds=wait))
            return
        can_manage = True
        if parsed.command in MANAGE and chat.type in GROUPS:
            can_manage = await self._is_admin(context, message, chat.id, user.id if user else 0)
        tg_lang = (user.language_code or "") if user else ""

        def work() -> tuple[Answer, Context]:
            lang = self.commands.user_lang(PLATFORM, user_id)
            if lang is None and parsed.command not in (None, "ask") and tg_lang.startswith("zh"):
                lang = "zh"  # a bare command from a Chinese-language client
            ctx = Context(PLATFORM, str(chat.id), user_id, lang, can_manage,
                          conversation=conversation_key(chat.id, chat.type, user_id),
                          reply_to=self._replied_key(message, context))
            return self.commands.handle(ctx, incoming.text, incoming.slash_required), ctx

        answer, ctx = await asyncio.to_thread(work)
        is_question = parsed.command in (None, "ask")
        sent = await self._send_answer(context, message, answer, incoming.text, is_question,
                                       switchable=is_question or parsed.command in SWITCHABLE)
        await self._remember(ctx, chat.id, sent, answer if is_question else None)

    def _replied_key(self, message: Message, context: ContextTypes.DEFAULT_TYPE) -> str | None:
        """The key of the bot message this message replies to (its topic continues), if any."""
        replied = message.reply_to_message
        if replied is None or replied.from_user is None or replied.from_user.id != context.bot.id:
            return None
        return message_key(message.chat.id, replied.message_id)

    async def _remember(self, ctx: Context, chat_id: int, sent: list[int],
                        answer: Answer | None) -> None:
        """Keep the topic of an answer under each message it was sent as (for replies to it)."""
        if answer is None or not sent:
            return

        def work() -> None:
            for mid in sent:
                self.commands.remember_message(ctx, message_key(chat_id, mid), answer)
        await asyncio.to_thread(work)

    async def _is_admin(self, context: ContextTypes.DEFAULT_TYPE, message: Message,
                        chat_id: int, user_id: int) -> bool:
        if message.sender_chat is not None and message.sender_chat.id == chat_id:
            return True  # an anonymous administrator posting as the group
        member = await context.bot.get_chat_member(chat_id, user_id)
        return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)

    def _welcome(self) -> str:
        """/start: short and in both languages, since we do not know the user's yet."""
        return self.messages.get("welcome", "en") + "\n\n" + self.messages.get("welcome", "zh")

    def _lang_hint(self, user_id: str, text: str, user: object) -> str:
        chosen = self.commands.user_lang(PLATFORM, user_id)
        if chosen:
            return chosen
        if has_han(text or ""):
            return "zh"
        code = getattr(user, "language_code", None) or ""
        return "zh" if code.startswith("zh") else "en"

    # -- buttons --------------------------------------------------------------------------------

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """More results, other language, 👍/👎. Every query is answered (stops the spinner)."""
        query = update.callback_query
        assert query is not None
        action, key, arg = parse_callback(query.data)
        user_id = str(query.from_user.id)
        if action == FULL:
            await self._full_text(update, context, key, arg)
            return
        pending = self.pending.get(key) if action else None
        if pending is None:
            lang = await asyncio.to_thread(self._lang_hint, user_id, "", query.from_user)
            await query.answer(self.messages.get("button_expired", lang))
            return
        if action == VOTE:
            vote = 1 if arg == "1" else -1
            await asyncio.to_thread(self.runtime.feedback.record, PLATFORM, user_id,
                                    pending.text, pending.top_item, vote)
            await query.answer(self.messages.get("feedback_thanks", pending.lang))
            return
        wait = self.rate_limit.wait_seconds(user_id)
        if wait:
            await query.answer(self.messages.get("rate_limited", pending.lang, seconds=wait))
            return
        await query.answer()
        message = query.message
        if not isinstance(message, Message):
            return  # the original message is too old to be accessible
        chat_id = str(message.chat.id)
        other = "en" if pending.lang == "zh" else "zh"

        def work() -> Answer:
            ctx = Context(PLATFORM, chat_id, user_id, self.commands.user_lang(PLATFORM, user_id),
                          conversation=conversation_key(message.chat.id, message.chat.type, user_id))
            if action == MORE:
                return self.commands.ask(ctx, pending.text, offset=pending.offset + pending.shown,
                                         lang=pending.lang)  # type: ignore[arg-type]
            if pending.is_question:
                return self.commands.ask(ctx, pending.text, lang=other)  # type: ignore[arg-type]
            ctx = Context(PLATFORM, chat_id, user_id, other)  # type: ignore[arg-type]
            return self.commands.handle(ctx, pending.text)

        answer = await asyncio.to_thread(work)
        await self._send_answer(context, message, answer, pending.text, pending.is_question,
                                switchable=True, reply=False)

    async def _full_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE, code: str,
                         item_id: str) -> None:
        """A "Full text n" button: the item's whole text as a new message (stateless)."""
        query = update.callback_query
        assert query is not None
        user_id = str(query.from_user.id)
        lang = "en" if code == "en" else "zh"
        wait = self.rate_limit.wait_seconds(user_id)
        if wait:
            await query.answer(self.messages.get("rate_limited", lang, seconds=wait))
            return
        await query.answer()
        message = query.message
        if not isinstance(message, Message):
            return
        chat_id = str(message.chat.id)
        command = "顯示" if code == "zt" else "show"   # a traditional alias keeps the script

        def work() -> Answer:
            ctx = Context(PLATFORM, chat_id, user_id, lang)  # type: ignore[arg-type]
            return self.commands.run(ctx, "show", item_id, command)

        answer = await asyncio.to_thread(work)
        await self._send_answer(context, message, answer, f"show {item_id}", False,
                                switchable=False, reply=False)

    # -- sending --------------------------------------------------------------------------------

    async def _send_answer(self, context: ContextTypes.DEFAULT_TYPE, message: Message,
                           answer: Answer, text: str, is_question: bool, switchable: bool,
                           reply: bool = True) -> list[int]:
        """Send the answer (in chunks under the size limit); returns the ids of the messages."""
        feedback = is_question and answer.answered and bool(answer.citations)
        more = is_question and answer.answered and answer.more
        switch = switchable and (answer.answered or is_question)
        markup = None
        full = [(n, c.id) for n, c in enumerate(answer.citations, start=answer.offset + 1)
                if showable(c)] if len(answer.citations) <= MAX_FULL_BUTTONS else []
        if feedback or more or switch or full:
            question = answer.question if is_question else text
            key = self.pending.put(Pending(question, is_question, answer.lang, answer.offset,
                                           len(answer.citations),
                                           answer.citations[0].id if answer.citations else None))
            markup = answer_keyboard(key, self.messages.for_script(answer.script), answer.lang,
                                     more, switch, feedback, full,
                                     full_code(answer.lang, answer.script))
        chunks = render_answer(answer, self.messages)
        sent = []
        for n, chunk in enumerate(chunks):
            last = n == len(chunks) - 1
            done = await self._send(context, message, chunk, markup if last else None,
                                    reply=reply and n == 0)
            if done is not None:
                sent.append(done.message_id)
        return sent

    async def _send_text(self, context: ContextTypes.DEFAULT_TYPE, message: Message,
                         text: str) -> None:
        await self._send(context, message, plain_text_html(text), None, reply=True)

    async def _send(self, context: ContextTypes.DEFAULT_TYPE, message: Message, html_text: str,
                    markup: InlineKeyboardMarkup | None, reply: bool) -> Message | None:
        """sendMessage, retried on network errors and followed to a migrated supergroup.

        RetryAfter (429) is retried by AIORateLimiter; BadRequest and Forbidden are not retried
        and reach the error handler.
        """
        chat_id = message.chat.id
        in_group = message.chat.type in GROUPS
        reply_to = (ReplyParameters(message.message_id, allow_sending_without_reply=True)
                    if reply and in_group else None)
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                return await context.bot.send_message(
                    chat_id, html_text, parse_mode=ParseMode.HTML, reply_markup=markup,
                    reply_parameters=reply_to,
                    link_preview_options=LinkPreviewOptions(is_disabled=True))
            except ChatMigrated as exc:
                log.info("chat %s migrated to %s", chat_id, exc.new_chat_id)
                chat_id, reply_to = exc.new_chat_id, None
            except (BadRequest, Forbidden):
                raise
            except NetworkError as exc:
                if attempt == SEND_ATTEMPTS:
                    raise
                log.warning("sendMessage failed (%s); retry %d", exc, attempt)
                await asyncio.sleep(0.2 * attempt)
        return None

    # -- errors ---------------------------------------------------------------------------------

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log with the traceback; tell the user politely (never the traceback itself)."""
        error = context.error
        log.error("error while handling an update: %s", error, exc_info=error)
        if isinstance(error, TelegramError):
            metrics.PLATFORM_ERRORS.labels("telegram", error_kind(error)).inc()
        if isinstance(error, Forbidden) or not isinstance(update, Update):
            return  # the user blocked the bot, or not about a chat
        user = update.effective_user
        lang = self._lang_hint(str(user.id) if user else "", getattr(
            update.effective_message, "text", "") or "", user)
        text = self.messages.get("error", lang)
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(text)
            elif update.effective_chat is not None and update.inline_query is None:
                await context.bot.send_message(update.effective_chat.id, plain_text_html(text),
                                               parse_mode=ParseMode.HTML)
        except TelegramError as exc:
            log.warning("could not tell the user about the error: %s", exc)


def error_kind(error: TelegramError) -> str:
    """The `nfpbot_platform_errors_total` kind of a Telegram error."""
    if isinstance(error, RetryAfter):
        return "429"
    if isinstance(error, Forbidden):
        return "403"
    if isinstance(error, TimedOut):
        return "timeout"
    if isinstance(error, ChatMigrated):
        return "moved"
    if isinstance(error, BadRequest):
        return "rejected"
    return "network" if isinstance(error, NetworkError) else "other"
