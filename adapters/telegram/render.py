"""Telegram HTML for an `Answer`: escaped, numbered citations, split under the message limit.

Why this shape: Telegram rejects a message whose HTML is malformed and caps a message at 4,096
characters, and PTB has no split helper. So an answer is first built as plain *runs* (text plus
one tag), grouped into blocks (lead, one block per citation, suggestions); markup is only added
when a run is rendered, and chunks are packed from whole rendered runs. A tag is therefore never
cut, and every user- or knowledge-derived string goes through `html.escape`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from adapters.excerpt import citation_excerpt
from adapters.highlight import runs as highlight_runs
from bot.answer.full_text import showable
from bot.foundation.answers import Answer, Citation, cited_below, understood_line
from bot.foundation.messages import Messages

MAX_MESSAGE = 4096
SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Run:
    """Plain text with at most one tag around it ("" = none, "b", "i", "a" with href)."""

    text: str
    tag: str = ""
    href: str | None = None


Block = tuple[Run, ...]


def units(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def render_run(run: Run) -> str:
    body = html.escape(run.text, quote=False)
    if not run.tag or not run.text:
        return body
    if run.tag == "a":
        return f'<a href="{html.escape(run.href or "", quote=True)}">{body}</a>'
    return f"<{run.tag}>{body}</{run.tag}>"


def render_block(block: Block) -> str:
    return "".join(render_run(r) for r in block)


def highlighted(snippet: str, spans: tuple[tuple[int, int], ...]) -> list[Run]:
    """The snippet as runs, highlighted words bold (adapters/highlight.py joins overlaps)."""
    return [Run(snippet[s:e], "b") if bold else Run(snippet[s:e])
            for s, e, bold in highlight_runs(snippet, spans)]


def _is_web_url(url: str | None) -> bool:
    return bool(url) and url.lower().startswith(("http://", "https://"))  # type: ignore[union-attr]


def citation_block(n: int, cite: Citation, messages: Messages, lang: str) -> Block:
    """[n] title (background label), the snippet with highlights, its source (linked) and, unless
    this is already the full text, the command that shows it."""
    runs = [Run(f"[{n}] {cite.title}", "b")]
    if cite.is_background:
        runs += [Run(" "), Run(f"({messages.get('background_label', lang)})", "i")]
    if cite.snippet:
        runs.append(Run("\n"))
        # One line under the title, unless this is the full text (show ID) itself.
        text, spans = citation_excerpt(cite)
        runs += highlighted(text, spans)
    if cite.source or cite.url:
        runs += [Run("\n"), Run(f"{messages.get('source_label', lang)}: ", "i")]
        label = cite.source or cite.url or ""
        runs.append(Run(label, "a", cite.url) if _is_web_url(cite.url) else Run(label))
    if showable(cite):
        runs += [Run("\n"), Run(messages.get("show_hint", lang, show="/show", id=cite.id), "i")]
    return tuple(runs)


def answer_blocks(answer: Answer, messages: Messages) -> list[Block]:
    """Lead, notice, one block per citation (numbered from offset + 1), suggestions."""
    blocks: list[Block] = understood_block(answer)
    if answer.lead:
        blocks.append((Run(answer.lead),))
    if answer.notice:
        blocks.append((Run(answer.notice, "i"),))
    for n, cite in cited_below(answer):
        if answer.compact:   # a list: titles with their ids, the full texts one /show away
            blocks.append((Run(f"[{n}] ", "b"), Run(cite.title), Run(" "), Run(cite.id, "code")))
        else:
            blocks.append(citation_block(n, cite, messages, answer.lang))
    if answer.suggestions:
        blocks.append(tuple(Run(("\n" if i else "") + "• " + s)
                            for i, s in enumerate(answer.suggestions)))
    return blocks


def understood_block(answer: Answer) -> list[Block]:
    """"Understood as: …" in italics when a follow-up was read from the conversation."""
    line = understood_line(answer)
    return [(Run(line, "i"),)] if line else []


def render_answer(answer: Answer, messages: Messages, limit: int = MAX_MESSAGE) -> list[str]:
    """The answer as one or more HTML messages, each at most `limit` units; fixed labels follow
    the answer's script (出處 in a traditional-character answer)."""
    return pack(answer_blocks(answer, messages.for_script(answer.script)), limit)


def pack(blocks: list[Block], limit: int = MAX_MESSAGE) -> list[str]:
    """Whole blocks per message where they fit; a block too big alone is split between runs."""
    chunks: list[str] = []
    current = ""
    for block in blocks:
        rendered = render_block(block)
        if units(rendered) > limit:
            if current:
                chunks.append(current)
            pieces = split_block(block, limit)
            chunks += pieces[:-1]
            current = pieces[-1] if pieces else ""
            continue
        joined = current + SEPARATOR + rendered if current else rendered
        if units(joined) <= limit:
            current = joined
        else:
            chunks.append(current)
            current = rendered
    if current:
        chunks.append(current)
    return chunks or [""]


def split_block(block: Block, limit: int) -> list[str]:
    """Split one block into rendered pieces of at most `limit` units, cutting runs' plain text
    (preferably at a line break, sentence end or space) and re-opening their tags."""
    pieces: list[str] = []
    current = ""
    for run in block:
        rest = run.text
        while rest:
            room = limit - units(current)
            whole = render_run(Run(rest, run.tag, run.href))
            if units(whole) <= room:
                current += whole
                break
            cut = _fitting_prefix(rest, run, room)
            if cut == 0:
                if not current:
                    raise ValueError(f"limit {limit} is too small for one character of markup")
                pieces.append(current)
                current = ""
                continue
            current += render_run(Run(rest[:cut], run.tag, run.href))
            pieces.append(current)
            current = ""
            rest = rest[cut:].lstrip(" ")
    if current:
        pieces.append(current)
    return pieces


_BREAKS = ("\n", "。", "！", "？", ". ", "; ", "；", "，", ", ", " ")


def _fitting_prefix(text: str, run: Run, room: int) -> int:
    """The longest prefix whose rendering fits `room`, moved back to a natural break if one is
    in its last half."""
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if units(render_run(Run(text[:mid], run.tag, run.href))) <= room:
            low = mid
        else:
            high = mid - 1
    if low == 0 or low == len(text):
        return low
    for mark in _BREAKS:
        at = text.rfind(mark, 0, low)
        if at >= low // 2:
            return at + 1
    return low


def plain_text_html(text: str) -> str:
    """A plain message (help, errors) as escaped HTML."""
    return html.escape(text, quote=False)


__all__ = ["MAX_MESSAGE", "Run", "answer_blocks", "citation_block", "highlighted", "pack",
           "plain_text_html", "render_answer", "render_block", "render_run", "split_block",
           "units"]
