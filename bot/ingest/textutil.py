"""Small text helpers shared by the extractors and the splitter: joining wrapped lines the way
each script needs (sentences come from `index.sentences`, the project's one splitter)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_LEADER = re.compile(r"(?:(?:\.\s?){4,}|(?:·\s?){3,}|…{2,}|(?:_\s?){4,}|(?:-\s?){6,})\s*"
                     r"(?:\d{1,4}|[ivxlc]{1,6})\s*$", re.IGNORECASE)


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def join_lines(lines: Iterable[str]) -> str:
    """Wrapped lines as one paragraph: no space where Chinese text was wrapped, one space where
    English was, and a word broken at a line end joined again ("govern-" + "ment" ->
    "government"; "state-of-the-" + "art" keeps its hyphens)."""
    out = ""
    for line in lines:
        line = _SPACES.sub(" ", line.strip())
        if not line:
            continue
        if not out:
            out = line
        elif _hyphenated(out, line):
            out = out[:-1] + line if _syllable_break(out) else out + line
        elif is_cjk(out[-1]) or is_cjk(line[0]):
            out += line
        else:
            out += " " + line
    return out


def _hyphenated(before: str, after: str) -> bool:
    return (before.endswith(("-", "\u00ad", "\u2010")) and len(before) > 1 and before[-2].isalpha()
            and after[0].islower())


def _syllable_break(before: str) -> bool:
    """The hyphen only breaks a word ("govern-"), it is not part of a compound ("state-of-the-")."""
    word = before[:-1].rsplit(" ", 1)[-1]
    return word.isalpha() and word[-1].islower()


def is_leader_line(text: str) -> bool:
    """A table-of-contents line: text, dot leaders, a page number ("2.2 Separation . . . . 14")."""
    return bool(_LEADER.search(text))
