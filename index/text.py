"""Makes any Python string safe for every encoder downstream (OpenCC, jieba, JSON, SQLite, HTTP).

A Python `str` may hold lone surrogates (U+D800-U+DFFF): JSON escapes such as "\\ud800" decode to
them, and bytes that are not UTF-8 read with `surrogateescape` become U+DC80-U+DCFF. No UTF-8
encoder accepts them, and OpenCC encodes every text it converts, so one such code point made a whole
answer fail. Text is cleaned once where it enters the core; every other code point (controls,
private use, unassigned) is valid UTF-8 and is left to the analyzer, which drops what is no word.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean_text(text: str) -> str:
    """`text` with surrogate pairs joined into their character and lone surrogates replaced by
    U+FFFD, so it always encodes as UTF-8; text without surrogates is returned as it is."""
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
