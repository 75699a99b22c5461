"""A list asked of the conversation's topic: "any cases on that?", "这方面有哪些案例？".

After an answer about national reporting (theme 2) or about the Ramsar Convention, a focal point
asks for the cases "on that" without naming it. The question is read as the list question of the
topic ("which cases are about theme 2?", "哪些案例跟《拉姆萨尔公约》有关？") and answered from the
knowledge's tags (bot/answer/lists.py); the answer says how it was understood. Only a short
question that asks for cases or obstacles and points back (or asks for "related / similar" ones)
is read so: "有没有成功的例子？" asks for a success, and "other countries?" has its own reading.
"""

from __future__ import annotations

import re

from bot.answer.chinese_numbers import zh_digit
from bot.answer.conversation import Topic
from bot.foundation.answers import Lang
from index import to_simplified

IC = re.IGNORECASE

_BACK_EN = r"(?:on|about|for|of|with|involving|like|under|in) (?:that|this|it|them|those|these)(?: (?:topic|theme|one|convention))?"
# "any cases on that?", "are there case studies about it?", "which obstacles are there for this?",
# "similar cases?", "related examples please"
_EN = re.compile(
    rf"^(?:(?:so|and|ok|okay),? )?(?:(?:are there|is there|do you have|any|which|what|list|show me|give me)"
    rf"(?: the| any| some)? )?(?:(?P<kind>cases|case studies|examples|obstacles|barriers)(?: are there)? {_BACK_EN}"
    rf"|(?:similar|related|relevant) (?P<kind2>cases|case studies|examples|obstacles|barriers))"
    r"(?: are there)?(?: please)?$", IC)
# "这方面有哪些案例？", "有没有这方面的案例？", "相关案例呢？", "有类似的案例吗？", "这个主题有哪些障碍？"
_ZH = re.compile(
    r"^(?:那|那么)?(?:有没有|有哪些|还有|有什么|有)?(?:这方面|这个方面|这一方面|这个主题|该主题|这个公约|该公约|相关|类似)的?"
    r"(?:有(?:哪些|什么|没有))?(?P<kind>案例|例子|实例|障碍)(?:有哪些|有什么|吗|呢|么)?$")
_KINDS = {"cases": "case", "case studies": "case", "examples": "case", "obstacles": "obstacle",
          "barriers": "obstacle", "案例": "case", "例子": "case", "实例": "case", "障碍": "obstacle"}
_QUESTION = {
    ("en", "case", "theme"): "Which cases are about theme {value}?",
    ("en", "obstacle", "theme"): "Which obstacles are about theme {value}?",
    ("en", "case", "convention"): "Which cases involve {value}?",
    ("zh", "case", "theme"): "主题{value}有哪些案例？",
    ("zh", "obstacle", "theme"): "主题{value}有哪些障碍？",
    ("zh", "case", "convention"): "哪些案例跟{value}有关？",
}


def asked_kind(question: str) -> str | None:
    """"case" or "obstacle" when `question` asks for those of what was talked about, else None."""
    text = to_simplified(question).strip().rstrip("?？!！。. ").strip()
    m = _ZH.match(text) or _EN.match(text)
    if m is None:
        return None
    word = m.groupdict().get("kind") or m.groupdict().get("kind2") or ""
    return _KINDS.get(word.lower())


def list_question(kind: str, topic: Topic, lang: Lang, convention_name: str | None) -> str | None:
    """The list question of the topic: its convention when the answer was about one (named by
    `convention_name`, in `lang`), else its theme; None when it has neither (or obstacles of a
    convention, which no tag holds)."""
    if convention_name and (lang, kind, "convention") in _QUESTION:
        return _QUESTION[(lang, kind, "convention")].format(value=convention_name)
    if topic.themes:
        number = topic.themes[0]
        value = zh_digit(number) if lang == "zh" else number
        return _QUESTION[(lang, kind, "theme")].format(value=value)
    return None
