"""Small text helpers shared by the extractors and the splitter: joining wrapped lines the way
each script needs (sentences come from `index.sentences`, the project's one splitter)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_SPACES = re.compile(r"[ \t\u00a0]+")


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def join_lines(lines: Iterable[str]) -> str:
    """Wrapped lines as one paragraph: no space where Chinese text was wrapped, one space where
    English was, and a word hyphenated at a line end ("bio-" + "diversity") kept whole."""
    out = ""
    for line in lines:
        line = _SPACES.sub(" ", line.strip())
        if not line:
            continue
        if not out:
            out = line
        elif is_cjk(out[-1]) or is_cjk(line[0]) or _hyphenated(out, line):
            out += line
        else:
            out += " " + line
    return out


def _hyphenated(before: str, after: str) -> bool:
    return before.endswith("-") and len(before) > 1 and before[-2].isalpha() and after[0].islower()
