"""The chat page: one HTML document with our own script and style (adapters/web/static/), its
labels in every interface language as a JSON data block (never executed), and the feedback
token in a meta tag. Everything that goes into the HTML is escaped; the answers themselves are
only ever put into the page by the script, as text.

Interface languages: en, zh (simplified) and zh-Hant (traditional, converted from zh), chosen
from ?lang=, else Accept-Language, else the configured default.
"""

from __future__ import annotations

import json
from html import escape
from importlib.resources import files
from typing import Any

from bot.foundation.messages import Messages

UI_LANGS = ("en", "zh", "zh-Hant")
STATIC = files("adapters.web") / "static"
_LABELS = ("web_title", "web_question_label", "web_placeholder", "web_send",
           "web_new_conversation", "web_conversation_started", "web_commands_label", "web_you",
           "web_bot", "web_citations", "web_helpful", "web_not_helpful", "web_thinking",
           "web_close", "web_interface_language", "web_conversation_log", "web_network_error",
           "more_button", "source_label", "background_label", "feedback_thanks", "welcome",
           "other_lang_button", "error")
_TEMPLATED = ("full_text_button", "web_cite_link", "web_understood")   # {n} / {resolved} filled by the script
_HANT_REGIONS = ("zh-tw", "zh-hk", "zh-mo", "zh-hant")


def ui_lang(requested: str | None, accept_language: str, default: str) -> str:
    """The interface language: an explicit choice, else the browser's, else the default."""
    if requested:
        low = requested.strip().lower()
        if low in ("zh-hant", "hant", "zh-tw", "zh-hk"):
            return "zh-Hant"
        if low.startswith("zh"):
            return "zh"
        if low.startswith("en"):
            return "en"
    for tag in _preferred(accept_language):
        if tag.startswith(_HANT_REGIONS):
            return "zh-Hant"
        if tag.startswith("zh"):
            return "zh"
        if tag.startswith("en"):
            return "en"
    return default


def _preferred(header: str) -> list[str]:
    """Accept-Language tags by quality, best first (malformed parts skipped)."""
    ranked: list[tuple[float, int, str]] = []
    for n, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().lower().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag and quality > 0:
            ranked.append((-quality, n, tag))
    return [tag for _, _, tag in sorted(ranked)]


def ui_strings(messages: Messages) -> dict[str, dict[str, Any]]:
    """Every label in every interface language (templates keep their {fields})."""
    out: dict[str, dict[str, Any]] = {}
    for ui in UI_LANGS:
        lang = "en" if ui == "en" else "zh"
        table = messages.for_script("hant" if ui == "zh-Hant" else "hans")
        labels: dict[str, Any] = {key: table.get(key, lang) for key in _LABELS}
        labels |= {key: table.get(key, lang, n="{n}", resolved="{resolved}") for key in _TEMPLATED}
        labels["commands"] = [entry.split(": ", 1) for entry in table.get_list("web_commands", lang)]
        labels["lang"] = lang
        out[ui] = labels
    return out


def render(messages: Messages, ui: str, token: str, embedded: bool) -> bytes:
    """The page's HTML."""
    strings = ui_strings(messages)
    labels = strings[ui]
    data = json.dumps(strings, ensure_ascii=False).replace("<", "\\u003c")   # no </script>
    template = (STATIC / "chat.html").read_text("utf-8")
    return template.format(
        lang=escape(ui), title=escape(labels["web_title"]), token=escape(token),
        embedded="1" if embedded else "0", strings=data,
        question_label=escape(labels["web_question_label"]),
        placeholder=escape(labels["web_placeholder"]), send=escape(labels["web_send"]),
        new_conversation=escape(labels["web_new_conversation"]),
        commands_label=escape(labels["web_commands_label"]),
        log_label=escape(labels["web_conversation_log"]),
        language_label=escape(labels["web_interface_language"]),
        close=escape(labels["web_close"]),
    ).encode("utf-8")


def asset(name: str) -> bytes:
    """A static file shipped with the package (chat.js, chat.css, widget.js)."""
    return (STATIC / name).read_bytes()
