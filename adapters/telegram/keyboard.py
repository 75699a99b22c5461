"""The inline keyboard under an answer: full text of each citation, more results, the other
language, 👍/👎.

callback_data is "<action>|<key>[|<arg>]" (Telegram allows 64 bytes), where the key points into
`PendingAnswers`; a full-text button is stateless, "f|<en|zh|zt>|<item id>" (ids are ≤ 50 bytes),
so it keeps working after the pending answers expire or the bot restarts. Document passages have
ids "<document id>#<n>"; one whose button would not fit in 64 bytes keeps its `show` hint only.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.foundation.messages import Messages

MORE, LANG, VOTE, FULL = "m", "l", "v", "f"
MAX_FULL_BUTTONS = 5
CALLBACK_BYTES = 64  # Telegram's limit on callback_data


def full_code(lang: str, script: str) -> str:
    """The language and script of a full-text button: en, zh (simplified) or zt (traditional)."""
    return "en" if lang == "en" else ("zt" if script == "hant" else "zh")


def answer_keyboard(key: str, messages: Messages, lang: str, more: bool, switch_lang: bool,
                    feedback: bool, full: Sequence[tuple[int, str]] = (),
                    code: str = "en") -> InlineKeyboardMarkup | None:
    """`full`: (number, item id) of the citations that get a "Full text n" button."""
    rows: list[list[InlineKeyboardButton]] = []
    # A document passage's id can be long ("doc-id#12"): one over Telegram's limit gets no button.
    full = [(n, i) for n, i in full if len(f"{FULL}|{code}|{i}".encode()) <= CALLBACK_BYTES]
    if full:
        rows.append([InlineKeyboardButton(messages.get("full_text_button", lang, n=n),
                                          callback_data=f"{FULL}|{code}|{item_id}")
                     for n, item_id in full[:MAX_FULL_BUTTONS]])
    row: list[InlineKeyboardButton] = []
    if more:
        row.append(InlineKeyboardButton(messages.get("more_button", lang),
                                        callback_data=f"{MORE}|{key}"))
    if switch_lang:
        row.append(InlineKeyboardButton(messages.get("other_lang_button", lang),
                                        callback_data=f"{LANG}|{key}"))
    if row:
        rows.append(row)
    if feedback:
        rows.append([InlineKeyboardButton("👍", callback_data=f"{VOTE}|{key}|1"),
                     InlineKeyboardButton("👎", callback_data=f"{VOTE}|{key}|-1")])
    return InlineKeyboardMarkup(rows) if rows else None


def parse_callback(data: str | None) -> tuple[str, str, str]:
    """(action, key, arg); empty strings when the data is not ours."""
    parts = (data or "").split("|")
    if len(parts) < 2 or parts[0] not in (MORE, LANG, VOTE, FULL):
        return "", "", ""
    return parts[0], parts[1], parts[2] if len(parts) > 2 else ""
