"""The console chat: the embedded default when no platform token is configured.

Renders the same `Answer` as the platforms, as plain text wrapped to the terminal's width, with
numbered citations, their sources and the id that `show` takes; reads questions or commands (with or
without a leading '/') from a terminal (with line editing and history) or a pipe. A session keeps
its language (`lang zh`), its last answer (for `more`, `case 2`, `show 2`), its conversation (a
follow-up continues the last answer's topic) and says how to quit.
"""

from __future__ import annotations

import re
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from adapters.excerpt import citation_excerpt
from adapters.highlight import runs as highlight_runs
from adapters.terminal import enable_line_editing, terminal_width, wrap
from bot.answer.full_text import showable
from bot.command_parsing import Context, parse
from bot.commands import LANG_AUTO, Commands
from bot.foundation.answers import Answer, Citation, Lang, cited_below, understood_line
from bot.foundation.messages import Messages

BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"
QUIT = {"quit", "exit", "/quit", "/exit", "退出", "q"}
HISTORY_FILE = "console_history"
INDENT = "    "
_NUMBERED = re.compile(r"^\s*(?:(?:case|show|案例|显示|顯示|全文)\s*)?(\d{1,3})\s*$", re.I)


def render_answer(answer: Answer, messages: Messages, color: bool = False, width: int | None = None,
                  more_hint: str | None = "console_more", limit: int | None = None) -> str:
    """Plain text: the lead, then numbered citations with snippet, source and id.

    `more_hint` names the message that says how to get more results ("console_more" in the chat,
    "ask_more" for one-shot `nfpbot ask`, None for none); `limit` fills in the latter's --limit.
    """
    messages = messages.for_script(answer.script)
    width = width or terminal_width()
    lang = answer.lang
    lines = _understood(answer, width) + _lead(answer.lead, width)
    if answer.notice:
        lines += wrap(answer.notice, width)
    for n, cite in cited_below(answer):
        if answer.compact:   # a list: one line each, title and id (`show N` opens one)
            lines += wrap(f"[{n}] {cite.title} · {cite.id}", width, "" if n > 1 else "\n", INDENT)
            continue
        lines.append("")
        lines += _citation(n, cite, messages, lang, color, width)
    if answer.suggestions:
        lines.append("")
        for suggestion in answer.suggestions:
            lines += wrap(suggestion, width, "  - ", "    ")
    if answer.more and more_hint:
        lines.append("")
        shown = answer.offset + len(answer.citations)
        hint = messages.get(more_hint, lang, limit=min(20, (limit or shown) + 5))
        lines += wrap(hint, width, "  ")
    return "\n".join(lines)


def _lead(lead: str, width: int) -> list[str]:
    """A lead of one paragraph wraps flush; a lead of several lines (help, a list) wraps each line
    with a hanging indent, so a command's description never runs back under the command."""
    if "\n" not in lead.strip():
        return wrap(lead, width)
    return [out for line in lead.split("\n") for out in (wrap(line, width, "", "    ") or [""])]


def _understood(answer: Answer, width: int) -> list[str]:
    """"Understood as: …" when a follow-up was read from the conversation."""
    line = understood_line(answer)
    return wrap(line, width) if line else []


def _citation(n: int, cite: Citation, messages: Messages, lang: str, color: bool, width: int) -> list[str]:
    label = f" [{messages.get('background_label', lang)}]" if cite.is_background else ""
    title = wrap(f"[{n}] {cite.title}{label}", width, "", INDENT)
    if color:
        title = [f"{BOLD}{line}{RESET}" for line in title]
    # One line of text, the source and the command for the full text (unless this is it).
    text, spans = citation_excerpt(cite, width - len(INDENT))
    out = title + wrap(marked(text, spans, color), width, INDENT)
    colon = "：" if lang == "zh" else ": "
    source = f"{messages.get('source_label', lang)}{colon}{cite.source}"
    if showable(cite):
        source += " · " + messages.get("show_hint", lang, show=messages.get("show_word", lang),
                                       id=cite.id)
    lines = wrap(source, width, INDENT, INDENT + "  ")
    return out + ([f"{DIM}{line}{RESET}" for line in lines] if color else lines)


def marked(text: str, spans: tuple[tuple[int, int], ...], color: bool) -> str:
    """`text` with matched words bold (terminal) or left plain (pipe)."""
    if not color or not spans:
        return text
    return "".join(f"{BOLD}{text[s:e]}{RESET}" if bold else text[s:e]
                   for s, e, bold in highlight_runs(text, spans))


@dataclass
class Session:
    """What a console conversation remembers between lines."""

    lang: Lang | None = None
    question: str = ""
    last: Answer | None = None
    listing: Answer | None = None    # the last answer with citations: what numbers refer to
    # the conversation's key: follow-ups ("who was involved?") continue the last answer's topic
    conversation: str = field(default_factory=lambda: f"console:{secrets.token_hex(16)}")


def reply(commands: Commands, session: Session, text: str) -> Answer:
    """The answer to one line of the chat, in the session's language, updating the session."""
    ctx = Context(platform="console", chat_id="console", user_id="console", lang=session.lang,
                  conversation=session.conversation)
    parsed = parse(text)
    numbered = _NUMBERED.match(text)
    last = session.last
    if parsed.command == "more" and last is not None:
        if last.more:
            answer = commands.ask(ctx, session.question, offset=last.offset + len(last.citations),
                                  lang=last.lang)
        else:
            answer = commands.engine.message_answer(text, "nothing_more", last.lang, False)
    elif numbered and session.listing is not None:
        answer = _numbered(commands, ctx, session.listing, int(numbered.group(1)))
    else:
        answer = commands.handle(ctx, text)
        if parsed.command == "lang" and answer.answered:   # holds for the rest of the session
            session.lang = None if parsed.args.strip().lower() in LANG_AUTO else answer.lang
    if parsed.command != "more":
        session.question = answer.question   # the question itself, also after "ask ..."
    session.last = answer
    if answer.citations and not numbered:
        session.listing = answer
    return answer


def respond(commands: Commands, session: Session, text: str, color: bool = False,
            width: int | None = None) -> str:
    """The rendered reply to one line; help also says how to leave the console."""
    answer = reply(commands, session, text)
    out = render_answer(answer, commands.engine.messages, color=color, width=width)
    if parse(text).command in ("help", "start"):
        quit_hint = commands.engine.messages.for_script(answer.script).get("console_quit", answer.lang)
        out += "\n\n" + quit_hint
    return out


def _numbered(commands: Commands, ctx: Context, last: Answer, n: int) -> Answer:
    """`2`, `case 2` or `show 2` after a list: the full text of the item numbered 2 there."""
    index = n - last.offset - 1
    if not 0 <= index < len(last.citations):
        return commands.engine.message_answer(str(n), "number_usage", last.lang, False)
    return commands.run(ctx, "show", last.citations[index].id)


def chat(commands: Commands, stdin: TextIO | None = None, stdout: TextIO | None = None,
         banner: str | None = None, history: Path | None = None) -> None:
    """Answer one line at a time until end of input, Ctrl-D or 'quit' (Ctrl-C clears the line)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty() and stdout.isatty()
    messages = commands.engine.messages
    if interactive:
        enable_line_editing(history)
        for line in ([banner] if banner else []) + [messages.get("console_quit", "en")]:
            print("\n".join(_lead(line, terminal_width())), file=stdout)
    session = Session()
    while True:
        text = _read(stdin, stdout, interactive)
        if text is None or text.strip().lower() in QUIT:
            break
        text = text.strip()
        if not text:
            continue
        try:
            print(respond(commands, session, text, color=interactive), file=stdout)
        except KeyboardInterrupt:   # Ctrl-C while answering: drop this answer, keep the chat
            print(file=stdout)
            continue
        if not interactive:
            print(file=stdout)
        stdout.flush()


def _read(stdin: TextIO, stdout: TextIO, interactive: bool) -> str | None:
    """The next line; "" after Ctrl-C at the prompt (readline's habit: the line is dropped and a
    new prompt follows); None at end of input (Ctrl-D, leaving the terminal on a new line)."""
    try:
        if interactive:
            return input("\n> ")   # input() uses readline: editing and history
        line = stdin.readline()
        return line if line else None
    except EOFError:
        if interactive:
            print(file=stdout, flush=True)
        return None
    except KeyboardInterrupt:
        return "" if interactive else None
