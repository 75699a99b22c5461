"""Answer -> Feishu interactive card (message card JSON 1.0): pure functions, no network.

Every user- or knowledge-derived string is escaped for lark_md (the characters Markdown would
read, as HTML entities, which Feishu's card Markdown documents for this); links are
`[text](url)` for http(s) URLs only. Feishu refuses a card above 30 KB of JSON: citations are
added while the card stays under `BUDGET` bytes and the rest are listed by title; a single text
longer than a div holds (a full text, show ID) continues in further divs.
"""

from __future__ import annotations

import json
import re
from typing import Any

from adapters.excerpt import citation_excerpt
from adapters.feishu import buttons
from adapters.highlight import runs as highlight_runs
from bot.answer.full_text import showable
from bot.foundation.answers import Answer, Citation, cited_below, understood_line
from bot.foundation.messages import Messages

BUDGET = 24_000          # bytes of card JSON (Feishu's limit is 30 KB, the request adds more)
DIV_LIMIT = 4_000        # characters of one text element
BUTTONS_PER_ROW = 4
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "*": "&#42;", "~": "&#126;", "[": "&#91;",
             "]": "&#93;", "`": "&#96;", "_": "&#95;", "#": "&#35;"}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")

Element = dict[str, Any]


def escape(text: str) -> str:
    """lark_md escaping: Markdown's characters as HTML entities."""
    return _SPECIAL.sub(lambda m: _ENTITIES[m.group()], text)


def link(url: str | None, text: str) -> str:
    label = escape(text.strip())
    if not url or not re.match(r"^https?://", url):
        return label
    safe = url.replace(")", "%29").replace("(", "%28").replace(" ", "%20")
    return f"[{label or escape(url)}]({safe})"


def highlighted(snippet: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The escaped snippet with each highlighted span in **bold**."""
    out = []
    for start, end, bold in highlight_runs(snippet, spans, bridge_spaces=True):
        piece = snippet[start:end]
        word = piece.strip()
        if not bold or not word:
            out.append(escape(piece))
            continue
        lead = piece[: len(piece) - len(piece.lstrip())]
        trail = piece[len(lead) + len(word):]
        out.append(f"{escape(lead)}**{escape(word)}**{escape(trail)}")
    return "".join(out)


def div(text: str) -> Element:
    return {"tag": "div", "text": {"tag": "lark_md", "content": text}}


def note(text: str) -> Element:
    return {"tag": "note", "elements": [{"tag": "lark_md", "content": text}]}


def divs(text: str) -> list[Element]:
    """`text` in divs of at most DIV_LIMIT characters, split at line breaks where possible
    (never inside an entity such as &amp;)."""
    out = []
    while len(text) > DIV_LIMIT:
        at = text.rfind("\n", 0, DIV_LIMIT)
        if at < DIV_LIMIT // 2:
            at = DIV_LIMIT
            amp = text.rfind("&", 0, at)
            if amp != -1 and ";" not in text[amp:at]:
                at = amp
        out.append(div(text[:at].rstrip()))
        text = text[at:].lstrip("\n")
    if text.strip():
        out.append(div(text))
    return out


def citation_elements(n: int, cite: Citation, messages: Messages, lang: str) -> list[Element]:
    """[n] title, background label, excerpt; then a note with the source and the show hint."""
    head = f"**[{n}] {escape(cite.title)}**"
    if cite.is_background:
        head += f"\n*{escape(messages.get('background_label', lang))}*"
    text, spans = citation_excerpt(cite)
    source = link(cite.url, cite.source[:300]) if cite.source else link(cite.url, cite.url or "")
    notes = [f"{escape(messages.get('source_label', lang))}: {source}"]
    if showable(cite):
        show = messages.get("show_word", lang)
        notes.append(escape(messages.get("show_hint", lang, show=show, id=cite.id)))
    return [*divs(f"{head}\n{highlighted(text, spans)}"), note("  ·  ".join(notes))]


def button(text: str, value: dict[str, Any], kind: str = "default") -> Element:
    return {"tag": "button", "text": {"tag": "plain_text", "content": text[:40]}, "type": kind,
            "value": value}


def action_rows(answer: Answer, messages: Messages, text: str) -> list[Element]:
    """Full text (per citation), More results, the other language, 👍/👎."""
    lang, other = answer.lang, "en" if answer.lang == "zh" else "zh"
    found: list[Element] = []
    if len(answer.citations) <= buttons.MAX_FULL_BUTTONS:
        show = "顯示" if answer.script == "hant" else "show"
        for n, cite in enumerate(answer.citations, start=answer.offset + 1):
            if showable(cite):
                found.append(button(messages.get("full_text_button", lang, n=n),
                                    buttons.request(buttons.FULL, f"{show} {cite.id}", lang)))
    if answer.more:
        found.append(button(messages.get("more_button", lang),
                            buttons.request(buttons.MORE, answer.question, lang,
                                            answer.offset + len(answer.citations)), "primary"))
    if buttons.repeatable(text):
        question = text if answer.offset == 0 else answer.question
        found.append(button(messages.get("other_lang_button", lang),
                            buttons.request(buttons.OTHER_LANG, question, other, answer.offset)))
    if answer.answered and answer.citations:
        top = answer.citations[0].id
        found += [button("👍", buttons.vote(answer.question, top, 1, lang)),
                  button("👎", buttons.vote(answer.question, top, -1, lang))]
    return [{"tag": "action", "actions": found[i:i + BUTTONS_PER_ROW]}
            for i in range(0, len(found), BUTTONS_PER_ROW)]


def to_card(answer: Answer, messages: Messages, text: str | None = None,
            with_buttons: bool = True) -> dict[str, Any]:
    """The interactive card of an Answer; `text` is what the user typed (buttons recompute it)."""
    lang, text = answer.lang, answer.question if text is None else text
    messages = messages.for_script(answer.script)
    head: list[Element] = []
    line = understood_line(answer)
    if line:
        head.append(note(escape(line[:500])))
    head += divs(escape(answer.lead[:4000]))
    if answer.notice:
        head.append(note(escape(answer.notice[:500])))
    tail: list[Element] = []
    if answer.suggestions:
        tail.append(div("\n".join(f"• {escape(s)}" for s in answer.suggestions)[:1000]))
    if with_buttons:
        tail += action_rows(answer, messages, text)
    numbered = cited_below(answer)   # a list's members named by the lead are not repeated
    body: list[Element] = []
    if answer.compact:
        lines = [f"**[{n}]** {escape(c.title[:150])} `{escape(c.id)}`" for n, c in numbered]
        body, numbered = divs("\n".join(lines).replace("`", "")), []
    rest: list[tuple[int, Citation]] = []
    used = _size(head) + _size(tail) + 200
    for i, (n, cite) in enumerate(numbered):
        part = [{"tag": "hr"}, *citation_elements(n, cite, messages, lang)]
        if used + _size(part) > BUDGET:
            rest = numbered[i:]
            break
        body += part
        used += _size(part)
    if rest:
        titles = "\n".join(f"[{n}] {escape(c.title[:120])}" for n, c in rest)
        body.append(div(f"**{escape(messages.get('slack_more_titles', lang))}**\n{titles}"))
    return {"config": {"wide_screen_mode": True}, "elements": head + body + tail}


def shorter(card: dict[str, Any]) -> dict[str, Any]:
    """A card Feishu refused as too long, cut to its first text and its buttons."""
    elements = card.get("elements", [])
    keep = [e for e in elements[:1]] + [e for e in elements if e.get("tag") == "action"]
    for element in keep:
        if element.get("tag") == "div":
            element["text"]["content"] = element["text"]["content"][:1500]
    return {"config": card.get("config", {}), "elements": keep}


def plain_card(text: str) -> dict[str, Any]:
    """A one-div card for short notes (errors, thanks)."""
    return {"config": {"wide_screen_mode": True}, "elements": [div(escape(text))]}


def _size(elements: list[Element]) -> int:
    return len(json.dumps(elements, ensure_ascii=False).encode("utf-8"))
