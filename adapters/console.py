"""The console chat: the embedded default when no platform token is configured.

Renders the same `Answer` as the platforms, as plain text with numbered citations and their sources;
reads questions or commands (with or without a leading '/') from a terminal or a pipe.
"""

from __future__ import annotations

import sys
import textwrap
from typing import TextIO

from bot.answers import Answer, Citation
from bot.commands import Commands, Context
from bot.messages import Messages

BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"


def render_answer(answer: Answer, messages: Messages, color: bool = False, full: bool = False) -> str:
    """Plain text: the lead, then numbered citations with snippet and source."""
    lines = [answer.lead]
    for n, cite in enumerate(answer.citations, start=answer.offset + 1):
        lines.append("")
        lines.append(_title(n, cite, messages, answer.lang, color))
        body = cite.text if full else _marked(cite, color)
        lines.extend(textwrap.wrap(body, width=100, initial_indent="    ", subsequent_indent="    ")
                     if answer.lang == "en" else ["    " + body])
        label = messages.get("source_label", answer.lang)
        src = f"    {label}: {cite.source}"
        lines.append(f"{DIM}{src}{RESET}" if color else src)
    if answer.suggestions:
        lines.append("")
        lines.extend(f"  - {s}" for s in answer.suggestions)
    if answer.more:
        lines.append("")
        lines.append("  (more: type 'more')" if answer.lang == "en" else "  （输入 more 查看更多）")
    return "\n".join(lines)


def _title(n: int, cite: Citation, messages: Messages, lang: str, color: bool) -> str:
    label = f" [{messages.get('background_label', lang)}]" if cite.is_background else ""
    title = f"[{n}] {cite.title}{label}"
    return f"{BOLD}{title}{RESET}" if color else title


def _marked(cite: Citation, color: bool) -> str:
    """The snippet with matched words bold (terminal) or left plain (pipe)."""
    if not color or not cite.highlights:
        return cite.snippet
    out, last = [], 0
    for start, end in cite.highlights:
        out += [cite.snippet[last:start], BOLD, cite.snippet[start:end], RESET]
        last = end
    out.append(cite.snippet[last:])
    return "".join(out)


def chat(commands: Commands, stdin: TextIO | None = None, stdout: TextIO | None = None,
         banner: str | None = None) -> None:
    """Answer one line at a time until end of input (or 'quit')."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty() and stdout.isatty()
    messages = commands.engine.messages
    if banner and interactive:
        print(banner, file=stdout)
    last_question, last_answer = "", None
    while True:
        if interactive:
            stdout.write("\n> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        text = line.strip()
        if text.lower() in ("quit", "exit", "/quit", "/exit", "退出"):
            break
        if not text:
            continue
        ctx = Context(platform="console", chat_id="console", user_id="console")
        if text.lower() in ("more", "/more", "更多") and last_answer is not None and last_answer.more:
            answer = commands.ask(ctx, last_question, offset=last_answer.offset + len(last_answer.citations),
                                  lang=last_answer.lang)
        else:
            answer = commands.handle(ctx, text)
            last_question = text
        last_answer = answer
        print(render_answer(answer, messages, color=interactive), file=stdout)
        if not interactive:
            print(file=stdout)
        stdout.flush()
