"""Inline mode: `@bot question` in any chat offers the answer as articles to send.

Why articles: the user picks what to post. The first article is the whole answer (its first
message-sized chunk); each further one is a single citation. Results are personal (the language
preference differs per user) and cached briefly.
"""

from __future__ import annotations

import asyncio

from telegram import InlineQueryResultArticle, InputTextMessageContent, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from adapters.telegram.handlers import PLATFORM, TelegramChat
from adapters.telegram.render import Run, answer_blocks, citation_block, pack, plain_text_html
from bot.command_parsing import Context
from bot.foundation.answers import Answer
from index import has_han

CACHE_SECONDS = 30
MIN_CHARS = 3       # Latin letters; one or two Chinese characters already make a question


def _too_short(query: str) -> bool:
    query = query.strip()
    return len(query) < (2 if has_han(query) else MIN_CHARS)


def _article(result_id: str, title: str, html_text: str, description: str = "") -> (
        InlineQueryResultArticle):
    return InlineQueryResultArticle(
        result_id, title[:256] or "-",
        InputTextMessageContent(html_text, parse_mode=ParseMode.HTML,
                                link_preview_options=LinkPreviewOptions(is_disabled=True)),
        description=description[:256] or None)


def inline_results(answer: Answer, chat: TelegramChat) -> list[InlineQueryResultArticle]:
    """The full answer, then one article per citation (all escaped HTML)."""
    messages = chat.messages.for_script(answer.script)   # labels in the answer's script
    blocks = answer_blocks(answer, messages)
    if not answer.answered or not answer.citations:
        return [_article("0", answer.lead.split("\n")[0], pack(blocks)[0])]
    lead = (Run(answer.lead),)
    title = messages.get("inline_full_answer", answer.lang, count=len(answer.citations))
    results = [_article("0", title, pack(blocks)[0], answer.question)]
    for n, cite in enumerate(answer.citations, start=answer.offset + 1):
        body = pack([lead, citation_block(n, cite, messages, answer.lang)])[0]
        results.append(_article(str(n), f"[{n}] {cite.title}", body, cite.snippet))
    return results


async def on_inline_query(chat: TelegramChat, update: Update,
                          context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    assert query is not None
    user_id = str(query.from_user.id)
    text = query.query or ""
    if _too_short(text):
        lang = await asyncio.to_thread(chat._lang_hint, user_id, text, query.from_user)
        help_text = chat.messages.get("inline_help_text", lang, bot=context.bot.username or "")
        results = [_article("help", chat.messages.get("inline_help_title", lang),
                            plain_text_html(help_text + "\n\n" + chat.messages.get("help", lang)),
                            help_text)]
    else:
        def work() -> Answer:
            lang = chat.commands.user_lang(PLATFORM, user_id)
            return chat.commands.ask(Context(PLATFORM, "inline", user_id, lang), text)

        results = inline_results(await asyncio.to_thread(work), chat)
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True)


__all__ = ["inline_results", "on_inline_query"]
