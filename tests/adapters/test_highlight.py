"""One highlighter for every renderer (issue 23, item 1): overlapping, nested and touching spans in
both scripts mark each character once, so the console, Telegram and Slack give back exactly the
snippet once their markup is taken away."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from adapters.console import marked
from adapters.excerpt import one_line
from adapters.highlight import runs
from adapters.slack.render import ZWSP
from adapters.slack.render import highlighted as slack_highlighted
from adapters.telegram.render import highlighted as telegram_highlighted
from adapters.telegram.render import render_run
from adapters.terminal import display_width

ANSI = re.compile(r"\033\[[0-9;]*m")
ZH = "建立把决策者与科学家联系起来的机制"
EN = "the Ramsar Convention on Wetlands"


def plain_console(text: str, spans) -> str:
    return ANSI.sub("", marked(text, spans, color=True))


def plain_telegram(text: str, spans) -> str:
    return html.unescape(re.sub(r"</?b>", "", "".join(map(render_run, telegram_highlighted(text, spans)))))


def plain_slack(text: str, spans) -> str:
    out = slack_highlighted(text, spans).replace(ZWSP, "").replace("*", "")
    return out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_overlapping_nested_and_touching_spans_mark_each_character_once() -> None:
    # 决策 inside 决策者 (nested), 科学 / 科学家 (overlap), 与 touching 决策者.
    zh = ((3, 5), (3, 6), (6, 7), (7, 9), (7, 10))
    assert runs(ZH, zh) == [(0, 3, False), (3, 10, True), (10, len(ZH), False)]
    en = ((4, 10), (4, 21), (15, 21), (22, 24))       # Ramsar / Ramsar Convention / Convention / on
    assert runs(EN, en) == [(0, 4, False), (4, 21, True), (21, 22, False), (22, 24, True),
                            (24, len(EN), False)]
    assert runs(EN, en, bridge_spaces=True)[1] == (4, 24, True)
    for render in (plain_console, plain_telegram, plain_slack):
        assert render(ZH, zh) == ZH and render(EN, en) == EN, render.__name__
    assert "决策决策者" not in plain_console(ZH, zh) and "RamsarRamsar" not in plain_console(EN, en)


@given(st.text(alphabet="abc 决策者科学家 .,", max_size=40),
       st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45)), max_size=6))
def test_every_renderer_gives_back_the_snippet(text: str, spans) -> None:
    spans = tuple(spans)
    covered = [s < e and any(a <= i < b for a, b in spans) for i, (s, e) in
               enumerate((i, i + 1) for i in range(len(text)))]
    cut = runs(text, spans)
    assert "".join(text[s:e] for s, e, _ in cut) == text
    assert [b for s, e, b in cut for _ in range(s, e)] == covered
    assert plain_console(text, spans) == text and plain_telegram(text, spans) == text
    assert plain_slack(text, spans) == text


@given(st.text(alphabet="ab 决策 ，。", min_size=1, max_size=300), st.integers(10, 120))
def test_one_line_fits_its_width_and_keeps_valid_spans(text: str, width: int) -> None:
    spans = ((0, 2), (5, 9))
    line, kept = one_line(text.replace("\n", " "), spans, width)
    assert display_width(line) <= width and "\n" not in line
    assert all(0 <= s < e <= len(line) for s, e in kept)
