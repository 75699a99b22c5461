"""Text over every code point category, for property tests and the fuzz benchmark.

hypothesis's default `st.text()` leaves out surrogates (category Cs), which is how a lone surrogate
next to Chinese text once crashed a whole batch unnoticed. These strategies draw each category
on purpose: surrogates, controls and format characters, private use, unassigned code points, Han
characters, and the words and commands the bot knows, so that odd code points land next to the text
the analyzers and command parsers really work on.
"""

from __future__ import annotations

from hypothesis import strategies as st

CATEGORIES = {
    "surrogate": st.characters(categories=["Cs"]),
    "control": st.characters(categories=["Cc", "Cf", "Zl", "Zp"]),
    "private_use": st.characters(categories=["Co"]),
    "unassigned": st.characters(categories=["Cn"]),
    "han": st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    "any": st.characters(),
}
# Words that reach the parsers and the analyzer's special paths (commands, aliases, glossary
# terms, traditional characters, times, time zones, query syntax).
WORDS = ["biodiversity", "Ramsar", "CITES", "NBSAP", "乌干达", "生物多样性", "國家聯絡點", "主题",
         "案例", "订阅", "退订", "语言", "帮助", "/case", "/theme", "theme", "2", "subscribe",
         "09:00", "Asia/Shanghai", "zh", "en", "lang", "ask", "help", "@nfpbot", "<@U123>",
         '"', "AND", "*", ":", "?", "？", "-", "谢谢", "hello", "more"]


def any_char() -> st.SearchStrategy[str]:
    """One code point of any category, surrogates included, each category as likely as the others.

    `.map(str)` keeps hypothesis from merging the branches into one character set, which it would
    sample by size (and in which `st.characters()` would drown the surrogates)."""
    return st.one_of(*(category.map(str) for category in CATEGORIES.values()))


def any_text(max_words: int = 8) -> st.SearchStrategy[str]:
    """Words and runs of any code points, joined by spaces or nothing."""
    piece = st.one_of(st.sampled_from(WORDS), st.text(any_char(), min_size=1, max_size=6))
    return st.tuples(st.lists(piece, max_size=max_words), st.sampled_from([" ", "", "\n"])).map(
        lambda parts: parts[1].join(parts[0]))
