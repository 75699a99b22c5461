"""List and count questions over the real engine and the real knowledge: the members an answer
gives are checked against the knowledge's tags, computed here from the items themselves."""

from __future__ import annotations

import re

import pytest

from bot.answer.geography import REGIONS_OF, places_of
from bot.answer.lists import Lists
from bot.command_parsing import Context
from bot.commands import Commands


@pytest.fixture(scope="module")
def lists(engine) -> Lists:
    return Lists(engine)


def all_ids(lists: Lists, question: str) -> list[str]:
    """Every cited id of a list answer, page after page (as the More button pages it)."""
    ids: list[str] = []
    offset = 0
    while True:
        answer = lists.answer(question, offset=offset)
        if answer is None:
            return ids
        assert answer.answered and answer.offset == offset
        ids += [c.id for c in answer.citations]
        if not answer.more:
            return ids
        offset += len(answer.citations)


def cases(engine, keep) -> list[str]:
    return [i.id for i in engine.knowledge.items if i.kind == "case" and keep(i)]


@pytest.mark.parametrize("question,code", [
    ("Which cases involve the Ramsar Convention?", "ramsar"),
    ("which case studies involve CITES?", "cites"),
    ("List the cases involving CMS or its agreements", "cms"),
    ("和CMS有关的案例有哪些？", "cms"),
])
def test_cases_of_a_convention_are_the_tagged_ones(engine, lists, question, code):
    expected = cases(engine, lambda i: code in i.conventions)
    assert expected and all_ids(lists, question) == expected
    answer = lists.answer(question)
    assert str(len(expected)) in answer.lead
    assert all(item_id in answer.lead for item_id in expected)  # the lead names every member


def test_the_cms_family_reaches_its_agreements(engine, lists):
    # AEWA is an agreement of the CMS family: its case is tagged cms and must be listed
    aewa = [i for i in engine.knowledge.of_kind("case") if "AEWA" in i.title["en"]]
    assert aewa and aewa[0].id in all_ids(lists, "List the cases involving CMS or its agreements")


@pytest.mark.parametrize("question,theme", [
    ("Which case studies are about national reporting?", 2),
    ("哪些案例跟资金有关？", 6),
    ("哪些案例跟能力建设有关？", 4),
    ("which cases are about theme 3?", 3),
    ("主题二有哪些案例？", 2),           # the theme's own word names the facet, the cases the kind
    ("第六个主题有哪些案例？", 6),
])
def test_cases_of_a_theme_are_the_tagged_ones(engine, lists, question, theme):
    expected = cases(engine, lambda i: theme in i.themes)
    assert expected and all_ids(lists, question) == expected


def test_cases_by_place_follow_country_and_region_tags(engine, lists):
    expected = cases(engine, lambda i: "africa" in places_of(i.countries, i.region))
    got = all_ids(lists, "which case studies come from Africa?")
    assert got == expected
    # every member is tagged with an African country or region, and Uganda (a country tag) is in
    uganda = cases(engine, lambda i: "Uganda" in i.countries)
    assert uganda and set(uganda) <= set(got)
    answer = lists.answer("Which African countries appear in the case studies?")
    assert "Uganda" in answer.lead and "Egypt" in answer.lead and "Finland" not in answer.lead


def test_every_tagged_country_is_placed(engine):
    tagged = {c for i in engine.knowledge.items for c in i.countries}
    assert tagged - set(REGIONS_OF) == set()


def test_lessons_themes_and_conventions_are_listed_whole(engine, lists):
    k = engine.knowledge
    assert all_ids(lists, "give me all the lessons learned") == [i.id for i in k.of_kind("lesson")]
    themes = [i.id for i in k.of_kind("theme") if re.fullmatch(r"theme-\d+", i.id)]
    conventions = [i.id for i in k.of_kind("convention")]
    for question, members, said in (("《信息指南》有哪几个主题？", themes, "six themes"),
                                    ("list the conventions", conventions, "six")):
        first, *rest = all_ids(lists, question)
        # the whole list starts with the intro item where the Sourcebook gives the number itself
        assert k.get(first).kind == "intro" and said in k.get(first).text["en"]
        assert rest == members


@pytest.mark.parametrize("question", ["How many examples does the Sourcebook use?",
                                      "how many case studies are there?",
                                      "《信息指南》里一共有多少个案例？"])
def test_a_count_gives_the_sourcebook_figure_with_its_source_and_what_is_held(engine, lists, question):
    stated = next(i for i in engine.knowledge.of_kind("intro")
                  if re.search(r"\b63\b", i.text["en"]))
    held = cases(engine, lambda i: True)
    answer = lists.answer(question)
    assert answer.answered and answer.citations[0].id == stated.id
    assert "63" in answer.lead and str(len(held)) in answer.lead
    assert ("执行摘要" in answer.lead) if answer.lang == "zh" else ("executive summary" in answer.lead.lower())
    assert all_ids(lists, question) == [stated.id, *held]


@pytest.mark.parametrize("question", [
    "Which country is trying to add up all the public money that already goes into protecting nature?",
    "靠游客花的钱来养保护区的，书里举了哪几个国家的例子？",
    "这本书到底管哪几个条约啊？种子、农作物品种那个条约也算在里面吗",
    "How did Uganda manage its biodiversity data?",
    "which cases involve penguins?",
    "which conventions is it a focal point for?",       # a follow-up: "it" is an earlier topic
    "濕地公約有哪些聯絡點？",                           # 湿地公约 is Ramsar, not "conventions"
    "哪些案例跟利益攸关方有关？",                       # named by too many items to list by tag
])
def test_a_question_with_a_topic_of_its_own_is_left_to_the_search(lists, question):
    assert lists.answer(question) is None


def test_traditional_characters_get_a_traditional_list(engine, lists):
    answer = lists.answer("哪些案例跟資金有關？")
    assert answer is not None and answer.script == "hant" and "個" in answer.lead


def test_commands_answer_and_page_a_list_question(engine):
    commands = Commands(engine)
    ctx = Context()
    expected = cases(engine, lambda i: 6 in i.themes)
    first = commands.handle(ctx, "哪些案例跟资金有关？")
    assert first.answered and first.total == len(expected) and first.more
    assert [c.id for c in first.citations] == expected[:len(first.citations)]
    second = commands.ask(ctx, first.question, offset=len(first.citations))
    assert [c.id for c in second.citations] == expected[len(first.citations):][:len(second.citations)]
    assert second.offset == len(first.citations) and second.lead != first.lead
    payload = first.to_json()
    assert payload["answered"] is True and payload["citations"][0]["id"] == expected[0]


def test_obstacles_of_a_theme_named_in_everyday_words(engine, lists):
    expected = [i.id for i in engine.knowledge.of_kind("obstacle") if 6 in i.themes]
    assert expected and all_ids(lists, "哪些障碍跟资金有关？") == expected
