"""Answer -> Slack Block Kit message: pure functions, golden-tested, no network.

Every user- or knowledge-derived string is mrkdwn-escaped (only &, < and >, as Slack asks), links
are `<url|text>` with '|' and '>' removed from the text, and Slack's limits are kept: a section
holds at most 3000 characters, a message 50 blocks, a context block 10 elements; the whole message
stays under ~10k characters (Slack refuses about 13k) by folding overflow citations into a list of
titles. A plain-text `text` fallback goes with the blocks (notifications, old clients).
"""

from __future__ import annotations

import re
from typing import Any

from adapters.excerpt import citation_excerpt
from adapters.highlight import runs as highlight_runs
from adapters.slack import buttons
from bot.answer.full_text import showable
from bot.foundation.answers import Answer, Citation, cited_below, understood_line
from bot.foundation.messages import Messages

SECTION_LIMIT = 3000
MAX_BLOCKS = 50
CONTEXT_ELEMENTS = 10
TOTAL_BUDGET = 10_000
FALLBACK_LIMIT = 3000
SOURCE_LIMIT = 300
LEAD_LIMIT = 4000
BUTTON_TEXT_LIMIT = 75
ZWSP = "\u200b"   # lets *bold* render next to Chinese characters, which have no spaces around them
_USER_ID = re.compile(r"^[UW][A-Z0-9]+$")

Block = dict[str, Any]


def escape(text: str) -> str:
    """mrkdwn escaping: only &, < and > (entity-encoding more shows up literally)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str | None, text: str) -> str:
    """`<url|text>` for http(s) URLs; other values become plain escaped text."""
    label = escape(text.replace("|", " ").replace(">", " ").strip())
    if not url or not re.match(r"^https?://", url):
        return label
    safe = "".join({"|": "%7C", ">": "%3E", "<": "%3C", " ": "%20"}.get(c, c) for c in url)
    return f"<{safe}|{label or safe}>"


def highlighted(snippet: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The escaped snippet with each highlighted span in *bold* (spans only white space apart
    share one mark; white space stays outside the asterisks, which Slack needs)."""
    out = []
    for start, end, bold in highlight_runs(snippet, spans, bridge_spaces=True):
        piece = snippet[start:end]
        word = piece.strip()
        if not bold or not word or "*" in word:
            out.append(escape(piece))
            continue
        lead = piece[: len(piece) - len(piece.lstrip())]
        trail = piece[len(lead) + len(word):]
        start += len(lead)
        end = start + len(word)
        before = snippet[start - 1] if start > 0 else " "
        after = snippet[end] if end < len(snippet) else " "
        out.append(escape(lead) + (ZWSP if before.isalnum() else "") + f"*{escape(word)}*"
                   + (ZWSP if after.isalnum() else "") + escape(trail))
    return "".join(out)


def cut(text: str, limit: int) -> str:
    """At most `limit` characters of already-escaped mrkdwn, ending in '…' if shortened, never
    inside an entity such as &amp;."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    amp = head.rfind("&")
    if amp != -1 and ";" not in head[amp:]:
        head = head[:amp]
    return head.rstrip() + "…"


def chunks(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Split escaped mrkdwn into pieces of ≤ limit characters, at line breaks where possible."""
    pieces: list[str] = []
    while len(text) > limit:
        at = text.rfind("\n", 0, limit)
        if at < limit // 2:
            at = text.rfind(" ", 0, limit)
        if at < limit // 2:
            at = limit
            amp = text.rfind("&", 0, at)
            if amp != -1 and ";" not in text[amp:at]:
                at = amp
        pieces.append(text[:at].rstrip())
        text = text[at:].lstrip("\n")
    if text.strip():
        pieces.append(text)
    return pieces


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": cut(text, SECTION_LIMIT)}}


def context(*texts: str) -> Block:
    return {"type": "context",
            "elements": [{"type": "mrkdwn", "text": cut(t, SECTION_LIMIT)} for t in texts[:CONTEXT_ELEMENTS]]}


def citation_blocks(n: int, cite: Citation, messages: Messages, lang: str) -> list[Block]:
    """A section ([n] title, background label, snippet) and a context block (source link)."""
    head = f"*[{n}] {escape(cite.title)}*"
    if cite.is_background:
        head += f"\n_{escape(messages.get('background_label', lang))}_"
    text, spans = citation_excerpt(cite)   # one line, unless it is the full text
    body = highlighted(text, spans)
    source = link(cite.url, cite.source[:SOURCE_LIMIT]) if cite.source else link(cite.url, cite.url or "")
    label = escape(messages.get("source_label", lang))
    notes = [f"{label}: {source}"]
    if showable(cite):   # not yet the full text: the command that shows it
        show = messages.get("show_word", lang)
        notes.append(escape(messages.get("show_hint", lang, show=show, id=cite.id)))
    # A full text (show ID) can pass a section's 3000 characters: it continues in more sections.
    parts = chunks(f"{head}\n{body}") if cite.snippet == cite.text else [f"{head}\n{body}"]
    return [section(part) for part in parts] + [context(*notes)]


def button(text: str, action_id: str, value: str, style: str | None = None) -> Block:
    element: Block = {"type": "button", "action_id": action_id, "value": value,
                      "text": {"type": "plain_text", "text": text[:BUTTON_TEXT_LIMIT], "emoji": True}}
    if style:
        element["style"] = style
    return element


def action_buttons(answer: Answer, messages: Messages, text: str, share: bool) -> list[Block]:
    """More results, other language, 👍/👎 and (for ephemeral answers) share in channel."""
    lang, other = answer.lang, "en" if answer.lang == "zh" else "zh"
    again = buttons.repeatable(text)
    elements = []
    if len(answer.citations) <= buttons.MAX_FULL_BUTTONS:
        show = "顯示" if answer.script == "hant" else "show"
        for n, cite in enumerate(answer.citations, start=answer.offset + 1):
            if showable(cite):
                value = buttons.Request(f"{show} {cite.id}", lang).to_value()
                elements.append(button(messages.get("full_text_button", lang, n=n), buttons.FULL, value))
    if answer.more:
        nxt = buttons.Request(answer.question, lang, answer.offset + len(answer.citations))
        elements.append(button(messages.get("more_button", lang), buttons.MORE, nxt.to_value()))
    if again:
        question = text if answer.offset == 0 else answer.question
        switch = buttons.Request(question, other, answer.offset)
        elements.append(button(messages.get("other_lang_button", lang), buttons.OTHER_LANG,
                               switch.to_value()))
    if answer.answered and answer.citations:
        top = answer.citations[0].id
        for vote, action in ((1, buttons.VOTE_UP), (-1, buttons.VOTE_DOWN)):
            value = buttons.Vote(answer.question, top, vote, lang).to_value()
            elements.append(button("👍" if vote > 0 else "👎", action, value))
    if share and again:
        question = text if answer.offset == 0 else answer.question
        value = buttons.Request(question, lang, answer.offset).to_value()
        elements.append(button(messages.get("slack_share_button", lang), buttons.SHARE, value, "primary"))
    return [{"type": "actions", "block_id": "nfp_actions", "elements": elements}] if elements else []


def asked_line(messages: Messages, lang: str, user_id: str, question: str) -> str:  # noqa: D401
    """'<@U1> asked: question', restating a slash command (Slack shows it to nobody else)."""
    user = f"<@{user_id}>" if _USER_ID.match(user_id) else escape(user_id)
    return messages.get("slack_asked", lang, user=user, question=escape(question[:500]))


def to_message(answer: Answer, messages: Messages, text: str | None = None,
               asked_by: str | None = None, share: bool = False, with_buttons: bool = True) -> dict:
    """The message payload `{"text": fallback, "blocks": [...]}` for an Answer.

    Args:
        text: what the user typed (a command or question); buttons recompute from it.
        asked_by: a Slack user id: restate "<@user> asked: text" on top.
        share: add the "Share in channel" button (ephemeral answers).
    """
    lang, text = answer.lang, answer.question if text is None else text
    messages = messages.for_script(answer.script)   # fixed labels follow the answer's script
    head: list[Block] = []
    if asked_by:
        head.append(context(asked_line(messages, lang, asked_by, text)))
    head += understood(answer)
    head += [section(c) for c in chunks(cut(escape(answer.lead), LEAD_LIMIT))]
    if answer.notice:
        head.append(context(cut(escape(answer.notice), 500)))
    tail: list[Block] = []
    if answer.suggestions:
        tail.append(section(cut("\n".join(f"• {escape(s)}" for s in answer.suggestions), 1000)))
    if with_buttons:
        tail += action_buttons(answer, messages, text, share)
    if answer.compact:   # a list: titles with their ids, the full texts one show away
        lines = [f"*[{n}]* {cut(escape(c.title), 150)} `{c.id}`" for n, c in cited_below(answer)]
        body = [section(part) for part in chunks("\n".join(lines))] if lines else []
        rest: list[tuple[int, Citation]] = []
    else:
        body, rest = _fit_citations(answer, messages, len(head) + len(tail) + 1,
                                    _size(head) + _size(tail) + SECTION_LIMIT)
    if rest:
        titles = "\n".join(f"[{n}] {cut(escape(c.title), 120)}" for n, c in rest)
        body.append(section(f"*{escape(messages.get('slack_more_titles', lang))}*\n{titles}"))
    return {"text": fallback(answer, messages, text, asked_by), "blocks": head + body + tail}


def understood(answer: Answer) -> list[Block]:
    """A context line "Understood as: …" when a follow-up was read from the conversation."""
    line = understood_line(answer)
    return [context(cut(escape(line), 500))] if line else []


def _fit_citations(answer: Answer, messages: Messages, reserved_blocks: int,
                   reserved_chars: int) -> tuple[list[Block], list[tuple[int, Citation]]]:
    """Full citation blocks while they fit; the rest are returned to be listed by title."""
    blocks: list[Block] = []
    numbered = list(enumerate(answer.citations, start=answer.offset + 1))
    for i, (n, cite) in enumerate(numbered):
        pair = citation_blocks(n, cite, messages, answer.lang)
        if (len(blocks) + len(pair) + reserved_blocks > MAX_BLOCKS
                or _size(blocks) + _size(pair) + reserved_chars > TOTAL_BUDGET):
            return blocks, numbered[i:]
        blocks += pair
    return blocks, []


def fallback(answer: Answer, messages: Messages, text: str, asked_by: str | None = None) -> str:
    """Plain text for notifications: restated question, lead, numbered titles."""
    lines = [asked_line(messages, answer.lang, asked_by, text)] if asked_by else []
    lines.append(escape(answer.lead))
    lines += [f"[{n}] {escape(c.title)}" for n, c in enumerate(answer.citations, start=answer.offset + 1)]
    return cut("\n".join(lines), FALLBACK_LIMIT)


def plain_message(text: str) -> dict:
    """A one-section message for short notes (errors, thanks)."""
    return {"text": escape(text), "blocks": [section(escape(text))]}


def _size(blocks: list[Block]) -> int:
    """Characters of text in blocks (what Slack's ~12k message limit counts, roughly; button
    values are not text and are capped separately at 2000 each)."""
    total = 0
    for block in blocks:
        if "text" in block:
            total += len(block["text"]["text"])
        for element in block.get("elements", ()):
            text = element.get("text", "")
            total += len(text["text"] if isinstance(text, dict) else text)
    return total
