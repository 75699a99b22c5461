"""The inline keyboard under an answer: more results, the other language, 👍/👎.

callback_data is "<action>|<key>[|<arg>]" (at most ~20 bytes; Telegram allows 64), where the key
points into `PendingAnswers`.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.messages import Messages

MORE, LANG, VOTE = "m", "l", "v"


def answer_keyboard(key: str, messages: Messages, lang: str, more: bool, switch_lang: bool,
                    feedback: bool) -> InlineKeyboardMarkup | None:
    row: list[InlineKeyboardButton] = []
    if more:
        row.append(InlineKeyboardButton(messages.get("more_button", lang),
                                        callback_data=f"{MORE}|{key}"))
    if switch_lang:
        row.append(InlineKeyboardButton(messages.get("other_lang_button", lang),
                                        callback_data=f"{LANG}|{key}"))
    rows = [row] if row else []
    if feedback:
        rows.append([InlineKeyboardButton("👍", callback_data=f"{VOTE}|{key}|1"),
                     InlineKeyboardButton("👎", callback_data=f"{VOTE}|{key}|-1")])
    return InlineKeyboardMarkup(rows) if rows else None


def parse_callback(data: str | None) -> tuple[str, str, str]:
    """(action, key, arg); empty strings when the data is not ours."""
    parts = (data or "").split("|")
    if len(parts) < 2 or parts[0] not in (MORE, LANG, VOTE):
        return "", "", ""
    return parts[0], parts[1], parts[2] if len(parts) > 2 else ""
