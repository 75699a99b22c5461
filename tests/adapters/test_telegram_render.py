"""Golden and property tests of the Telegram HTML renderer (pure functions)."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st
from telegram_support import check_html

from adapters.telegram.render import Run, pack, render_answer, split_block
from bot.foundation.answers import Answer, Citation
from bot.foundation.messages import Messages

MESSAGES = Messages.load()


def cite(n: int = 1, **kw: object) -> Citation:
    values = dict(id=f"item-{n}", kind="case", title=f"Title {n}", snippet="Plain snippet.",
                  text="Plain snippet.", source="Sourcebook p. 1", url=None, score=1.0)
    values.update(kw)
    return Citation(**values)  # type: ignore[arg-type]


def test_golden_escaped_citation_with_highlights_link_and_background() -> None:
    answer = Answer("q <x>", "en", True, "Lead & <more>", (
        cite(1, title="A <b> & C", snippet="x < y & z", highlights=((0, 1), (8, 9)),
             url='https://example.org/?a=1&b="2"'),
        cite(2, kind="background", title="Ramsar", snippet="", source="ramsar.org"),
    ), total=2)
    assert render_answer(answer, MESSAGES) == [
        "Lead &amp; &lt;more&gt;\n\n"
        "<b>[1] A &lt;b&gt; &amp; C</b>\n<b>x</b> &lt; y &amp; <b>z</b>\n"
        '<i>Source: </i><a href="https://example.org/?a=1&amp;b=&quot;2&quot;">Sourcebook p. 1</a>'
        "\n<i>Full text: /show item-1</i>\n\n"
        "<b>[2] Ramsar</b> <i>(Background (not the Sourcebook's own content))</i>"
        "\n<i>Source: </i>ramsar.org\n<i>Full text: /show item-2</i>"]


def test_golden_chinese_numbering_from_offset_and_suggestions() -> None:
    answer = Answer("问题", "zh", True, "更多内容：", (cite(4, title="协同增效"),), offset=3,
                    total=4, suggestions=("主题", "经验"), script="hans")
    assert render_answer(answer, MESSAGES) == [
        "更多内容：\n\n<b>[4] 协同增效</b>\nPlain snippet.\n<i>出处: </i>Sourcebook p. 1"
        "\n\n• 主题\n• 经验"]


def test_javascript_url_is_not_linked() -> None:
    out = render_answer(Answer("q", "en", True, "L", (cite(url="javascript:alert(1)"),)), MESSAGES)
    assert "<a" not in out[0]


def test_many_citations_split_between_blocks_under_the_limit() -> None:
    cites = tuple(cite(n, snippet=("word & <tag> " * 36).strip(), highlights=((0, 4),))
                  for n in range(1, 40))
    chunks = render_answer(Answer("q", "en", True, "Lead", cites, total=39), MESSAGES, limit=1000)
    assert len(chunks) > 1
    visible = "".join(check_html(c, 1000) for c in chunks)
    positions = [visible.index(f"[{n}] Title {n}") for n in range(1, 40)]
    assert positions == sorted(positions)
    for chunk in chunks[1:]:
        assert chunk.startswith("<b>[")   # each message starts at a citation boundary


def test_one_huge_block_is_split_without_breaking_tags() -> None:
    snippet = "Synergies & cooperation <among> conventions. " * 300   # ~13,500 characters
    spans = tuple((i, i + 9) for i in range(0, len(snippet), 45))
    # The full text (show ID): whole, not cut to one line as under an answer.
    answer = Answer("q", "en", True, "Lead", (cite(snippet=snippet, text=snippet, highlights=spans),),
                    total=1)
    chunks = render_answer(answer, MESSAGES)
    assert len(chunks) >= 4
    for chunk in chunks:
        check_html(chunk)
    joined = "".join(html.unescape(check_html(c)) for c in chunks)
    assert joined.count("Synergies") == 300


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab <>&\"'。中文\n.") + ["😀"]), max_size=400),
       tag=st.sampled_from(["", "b", "i", "a"]), limit=st.integers(min_value=80, max_value=200))
def test_split_property_every_piece_fits_parses_and_keeps_the_text(text: str, tag: str,
                                                                   limit: int) -> None:
    run = Run(text, tag, "https://example.org/x?a=1&b=2" if tag == "a" else None)
    pieces = split_block((Run("["), run, Run("]")), limit)
    kept = "".join(check_html(p, limit) for p in pieces)
    assert kept.replace(" ", "") == ("[" + text + "]").replace(" ", "")


def test_pack_keeps_small_blocks_together() -> None:
    assert pack([(Run("a"),), (Run("b", "b"),)]) == ["a\n\n<b>b</b>"]
