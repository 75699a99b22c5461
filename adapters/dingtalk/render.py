"""Answer -> DingTalk markdown messages: pure functions, no network.

DingTalk's markdown is a small dialect (headings, bold, links, lists, quotes; a line break needs
two spaces before it): knowledge text is escaped so that its own * _ [ ] ` do not turn into
markup, highlighted words are **bold**, sources are links. The robot API refuses a msgParam over
15,000 bytes (and a session webhook a comparable body), so an answer is packed into messages of at
most MAX_BYTES of UTF-8, whole blocks where they fit (a full text goes on in the next message);
more than MAX_MESSAGES are cut with "…". The buttons (buttons.py) close the last message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from adapters.dingtalk import buttons
from adapters.excerpt import citation_excerpt
from adapters.highlight import runs as highlight_runs
from bot.answer.full_text import showable
from bot.command_parsing import parse
from bot.foundation.answers import Answer, Citation, cited_below, understood_line
from bot.foundation.messages import Messages

MAX_BYTES = 12_000
MAX_MESSAGES = 5
TITLE_CHARS = 40
SHORT_BYTES = 3_000          # the shortened form, when DingTalk still finds a message too long
BREAK = "  \n"               # a line break inside a block
GAP = "\n\n"                 # between blocks
LINKS = " · "                # between the links of the buttons line (never inside one)
# Markdown's own characters; an underscore inside a word (FNR_Rio) starts no emphasis and stays
# as it is, so that a renderer without backslash escapes shows no stray backslash there.
_SPECIAL = re.compile(r"([\\`*\[\]]|(?<!\w)_|_(?!\w))")


@dataclass(frozen=True, slots=True)
class Message:
    """One markdown message: the title shows in notifications and the chat list."""

    title: str
    text: str


def escape(text: str) -> str:
    """Backslash before markdown's own characters; line breaks kept as line breaks."""
    return BREAK.join(_SPECIAL.sub(r"\\\1", line) for line in text.split("\n"))


def size(text: str) -> int:
    return len(text.encode("utf-8"))


def web_link(label: str, url: str | None) -> str:
    if not url or not re.match(r"^https?://", url):
        return escape(label)
    safe = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"[{escape(label).replace(']', ')').replace('[', '(')}]({safe})"


def highlighted(snippet: str, spans: tuple[tuple[int, int], ...]) -> str:
    out = []
    for start, end, bold in highlight_runs(snippet, spans, bridge_spaces=True):
        piece = snippet[start:end]
        word = piece.strip()
        if bold and word and "\n" not in word:
            lead = piece[: len(piece) - len(piece.lstrip())]
            out.append(escape(lead) + f"**{escape(word)}**" + escape(piece[len(lead) + len(word):]))
        else:
            out.append(escape(piece))
    return "".join(out)


def citation_block(n: int, cite: Citation, messages: Messages, lang: str, private: bool) -> str:
    """**[n] title**, the excerpt, the source, and how to see the full text."""
    lines = [f"**[{n}] {escape(cite.title)}**"]
    if cite.is_background:
        lines.append(f"*{escape(messages.get('background_label', lang))}*")
    text, spans = citation_excerpt(cite)
    if text:
        lines.append(highlighted(text, spans))
    label = escape(messages.get("source_label", lang))
    if cite.source or cite.url:
        lines.append(f"{label}: {web_link(cite.source or cite.url or '', cite.url)}")
    if showable(cite) and not private:   # in a private chat a link does it (buttons line)
        show = messages.get("show_word", lang)
        lines.append(escape(messages.get("show_hint", lang, show=show, id=cite.id)))
    return BREAK.join(lines)


def button_line(answer: Answer, messages: Messages, text: str) -> str:
    """Full text n, More results, the other language, 👍/👎: links that send the command."""
    lang, links = answer.lang, []
    if not answer.compact and len(answer.citations) <= buttons.MAX_FULL_LINKS:
        show = "顯示" if answer.script == "hant" else "show"
        links += [buttons.link(messages.get("full_text_button", lang, n=n), f"{show} {c.id}")
                  for n, c in enumerate(answer.citations, start=answer.offset + 1) if showable(c)]
    if answer.more:
        nxt = buttons.more_text(lang, answer.offset + len(answer.citations), answer.question)
        links.append(buttons.link(messages.get("more_button", lang), nxt))
    if answer.answered and answer.citations and parse(text).command is None:
        other = "en" if lang == "zh" else "zh"
        links.append(buttons.link(messages.get("other_lang_button", lang),
                                  buttons.SWITCH_WORDS[other]))
        top = answer.citations[0].id
        links += [buttons.link(mark, buttons.vote_text(vote, top, answer.question))
                  for mark, vote in (("👍", 1), ("👎", -1))]
    return LINKS.join(links)


def blocks(answer: Answer, messages: Messages, private: bool) -> list[str]:
    out = []
    line = understood_line(answer)
    if line:
        out.append(f"*{escape(line)}*")
    if answer.lead:
        out.append(escape(answer.lead))
    if answer.notice:
        out.append(f"*{escape(answer.notice)}*")
    for n, cite in cited_below(answer):   # a list's members named by the lead are not repeated
        if answer.compact:   # a list: titles with their ids, the full texts one show away
            out.append(f"**[{n}]** {escape(cite.title)} `{cite.id}`")
        else:
            out.append(citation_block(n, cite, messages, answer.lang, private))
    if answer.suggestions:
        out.append(BREAK.join(f"- {escape(s)}" for s in answer.suggestions))
    return out


def title_of(answer: Answer) -> str:
    first = (answer.lead or answer.question or "nfpbot").strip().split("\n", 1)[0]
    return first[:TITLE_CHARS - 1] + "…" if len(first) > TITLE_CHARS else first


def to_messages(answer: Answer, messages: Messages, text: str | None = None,
                private: bool = True, limit: int = MAX_BYTES) -> list[Message]:
    """The answer as markdown messages; links (buttons) only in a private chat."""
    messages = messages.for_script(answer.script)
    text = answer.question if text is None else text
    parts = blocks(answer, messages, private)
    if private:
        line = button_line(answer, messages, text)
        if line:
            parts.append(line)
    title = title_of(answer)
    return [Message(title, body) for body in pack(parts, limit)]


def shortened(answer: Answer, messages: Messages) -> Message:
    """The lead and the numbered titles only: what is sent when DingTalk refuses a message as
    too long."""
    lines = [escape(answer.lead)] + [f"[{n}] {escape(c.title)}" for n, c in
                                     enumerate(answer.citations, start=answer.offset + 1)]
    return Message(title_of(answer), cut(BREAK.join(lines), SHORT_BYTES))


def plain(text: str, title: str = "nfpbot") -> Message:
    return Message(title[:TITLE_CHARS], escape(text))


def pack(parts: list[str], limit: int = MAX_BYTES) -> list[str]:
    """Whole blocks per message while they fit; a block too big alone is split at line breaks."""
    chunks: list[str] = []
    current = ""
    for part in parts:
        pieces = split(part, limit) if size(part) > limit else [part]
        for piece in pieces:
            joined = current + GAP + piece if current else piece
            if size(joined) <= limit:
                current = joined
            else:
                chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    if len(chunks) > MAX_MESSAGES:
        chunks = chunks[:MAX_MESSAGES]
        chunks[-1] = cut(chunks[-1], limit - 10) if not chunks[-1].endswith("…") else chunks[-1]
        chunks[-1] += "\n\n…"
    return chunks or [""]


def split(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` bytes, cut at a line break or between links (else after a
    sentence, else anywhere)."""
    pieces = []
    while size(text) > limit:
        head = cut(text, limit, mark="")
        at = max(head.rfind(BREAK), head.rfind(LINKS), head.rfind("。") + 1, head.rfind(". ") + 1)
        if at < len(head) // 2:
            at = len(head)
        pieces.append(text[:at].rstrip())
        text = text[at:].removeprefix(LINKS).lstrip()
    if text.strip():
        pieces.append(text)
    return pieces


def cut(text: str, limit: int, mark: str = "…") -> str:
    """At most `limit` bytes of `text` (whole characters), ending in `mark` when shortened."""
    if size(text) <= limit:
        return text
    room = limit - size(mark)
    head = text.encode("utf-8")[:room].decode("utf-8", "ignore")
    if head.endswith("\\"):
        head = head[:-1]
    return head.rstrip() + mark
