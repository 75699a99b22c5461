"""Text for a terminal: wrapping by display width (a Chinese character takes two columns and a line
may break between any two of them, but not before closing punctuation), colour codes counted as
zero width, and line editing with a history file when the standard input is a terminal."""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections import deque
from pathlib import Path

DEFAULT_WIDTH = 100
MIN_WIDTH = 20
_ANSI = re.compile(r"\033\[[0-9;]*m")
_UNIT = re.compile(r"\033\[[0-9;]*m|.", re.S)
CLOSING = set("，。、；：？！）》」』】〕…,.;:?!)]}%")
OPENING = set("（《「『【〔([{")


def terminal_width(fallback: int = DEFAULT_WIDTH) -> int:
    """The terminal's columns (or $COLUMNS), else `fallback` for pipes."""
    return max(MIN_WIDTH, shutil.get_terminal_size((fallback, 24)).columns)


def char_width(ch: str) -> int:
    if ch == _GLUE:
        return 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in _ANSI.sub("", text))


def _wide(ch: str) -> bool:
    return len(ch) == 1 and char_width(ch) == 2


def _can_break_before(prev: str, unit: str) -> bool:
    if unit == " " or prev == " ":
        return True
    if unit in CLOSING or prev in OPENING:
        return False
    return _wide(unit) or _wide(prev)


def wrap(text: str, width: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    """`text` wrapped to `width` display columns; its own line breaks are kept."""
    subsequent = indent if subsequent is None else subsequent
    lines: list[str] = []
    for paragraph in text.split("\n"):
        first = indent if not lines else subsequent
        lines += _wrap_paragraph(paragraph.strip(), width, first, subsequent)
    return lines


_GLUE = "\u2060"   # a space that may not break (before a "·" separator); printed as a space


def _wrap_paragraph(text: str, width: int, first: str, rest: str) -> list[str]:
    units = _UNIT.findall(text)
    # "a · b" breaks after the dot, never before it: no line starts with a lone "·".
    # (not strict: an empty line has no units, and [""] would be one "next" too many)
    units = [_GLUE if u == " " and nxt == "·" else u for u, nxt in zip(units, [*units[1:], ""], strict=False)]
    return [line.replace(_GLUE, " ") for line in _wrap_units(deque(units), width, first, rest)]


def _wrap_units(queue: deque[str], width: int, first: str, rest: str) -> list[str]:
    lines: list[str] = []
    indent = first
    while True:
        avail = max(MIN_WIDTH // 2, width - display_width(indent))
        line: list[str] = []
        used, cut, prev = 0, 0, ""
        while queue:
            unit = queue[0]
            w = 0 if unit.startswith("\033") else char_width(unit)
            # Past the width: break at the last opportunity; a token with none that is longer
            # than a whole line (a URL) is cut at the width, so that it continues at the indent
            # rather than at the terminal's column 0.
            if used + w > avail and unit != " " and line:
                if cut > 0 or _can_break_before(prev, unit) or cut == 0 and used >= avail:
                    break
            queue.popleft()
            if w and prev and _can_break_before(prev, unit):
                cut = len(line)
            line.append(unit)
            used += w
            prev = unit if w else prev
        if queue and cut > 0:
            queue.extendleft(reversed(line[cut:]))
            line = line[:cut]
        while queue and queue[0] == " ":
            queue.popleft()
        lines.append(indent + "".join(line).rstrip())
        indent = rest
        if not queue:
            return lines


def enable_line_editing(history: Path | None) -> None:
    """Arrow keys, editing and a history kept in `history` (best effort: no readline, no editing)."""
    try:
        import atexit
        import readline
    except ImportError:  # not on every platform
        return
    if history is None:
        return
    try:
        history.parent.mkdir(parents=True, exist_ok=True)
        if history.exists():
            readline.read_history_file(history)
    except OSError:
        return
    readline.set_history_length(1000)
    atexit.register(_save_history, readline, history)


def _save_history(readline, history: Path) -> None:  # noqa: ANN001 (module object)
    try:
        readline.write_history_file(history)
    except OSError:
        pass
