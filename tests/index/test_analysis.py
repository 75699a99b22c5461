"""The bilingual analyzer: Chinese terms stay whole, sub-words stay searchable, English is stemmed,
traditional characters are folded, and positions are ordinal (phrase queries work)."""

from __future__ import annotations

import pytest

from index import Segmenter, detect_lang, is_traditional, to_simplified, to_traditional
from index.analysis import american, analyze, bilingual_analyzer


@pytest.fixture(scope="module")
def analyzer(tmp_path_factory):
    words = ["国家联络点", "国家生物多样性战略和行动计划", "爱知生物多样性目标", "乌干达", "生物多样性"]
    return bilingual_analyzer(Segmenter(tmp_path_factory.mktemp("cache"), words))


def words(analyzer, text, mode="query"):
    return [w for w, _, sub in analyze(analyzer, text, mode) if not sub]


def test_domain_terms_stay_whole(analyzer):
    assert words(analyzer, "国家联络点如何参与国家生物多样性战略和行动计划") == [
        "国家联络点", "参与", "国家生物多样性战略和行动计划"]


def test_index_mode_keeps_sub_words_at_parent_position(analyzer):
    tokens = analyze(analyzer, "国家生物多样性战略和行动计划", "index")
    positions = {w: p for w, p, _ in tokens}
    assert {"行动计划", "生物多样性", "战略"} <= set(positions)
    assert len(set(positions.values())) == 1  # all at the compound's position


def test_mixed_chinese_english(analyzer):
    assert words(analyzer, "NFP 在 GEF 项目建议书中能做什么？")[:2] == ["nfp", "gef"]
    assert "乌干达" in words(analyzer, "Uganda乌干达's data")


def test_english_is_stemmed_with_snowball_and_british_spelling_folded(analyzer):
    assert words(analyzer, "running harmonising harmonization programmes") == [
        "run", "harmon", "harmon", "program"]
    assert american("organisation") == "organization"
    assert american("promise") == "promise"


def test_stop_words_and_lone_letters_dropped(analyzer):
    assert words(analyzer, "What is the role of Uganda's NFP?") == ["role", "uganda", "nfp"]
    assert words(analyzer, "请问什么是国家联络点") == ["国家联络点"]


def test_positions_are_ordinal(analyzer):
    tokens = [(w, p) for w, p, sub in analyze(analyzer, "national focal points 国家联络点 合作", "index") if not sub]
    assert [p for _, p in tokens] == [0, 1, 2, 3, 4]


def test_traditional_characters_are_folded(analyzer):
    assert words(analyzer, "國家聯絡點") == ["国家联络点"]
    assert to_simplified("伊拉克如何為生物多樣性公約收集數據") == "伊拉克如何为生物多样性公约收集数据"
    assert to_traditional("生物多样性") == "生物多樣性"
    assert is_traditional("生物多樣性") and not is_traditional("生物多样性")
    assert not is_traditional("plain English")


@pytest.mark.parametrize("text,lang", [
    ("What is a national focal point?", "en"), ("国家联络点是什么？", "zh"),
    ("NFP 在 GEF 项目建议书中能做什么？", "zh"), ("What is 国家联络点?", "zh"),
    ("Aichi Targets 和 NBSAP", "zh"), ("🙂🙂", "en"), ("", "en"),
])
def test_language_detection(text, lang):
    assert detect_lang(text) == lang


def test_speller_fixes_transpositions_and_doubled_letters():
    from index.speller import Speller
    speller = Speller.from_texts(["Finland biodiversity indicators", "biodiversity finance initiative",
                                  "Bhutan task force"])
    assert speller.correct("finnland") == "finland"
    assert speller.correct("biodiveristy") == "biodiversity"  # one transposition
    assert speller.correct("initative") == "initiative"
    assert speller.correct("Buthan") is None  # two edits from "bhutan": too far for six letters
    assert speller.correct("pizza") is None and speller.correct("bhutan") is None  # unknown / known


def test_chinese_numerals_become_digits(analyzer):
    from index.analysis import chinese_number
    assert [chinese_number(w) for w in ("七", "第七", "十二", "三十五", "七七", "统一")] == [
        "7", "7", "12", "35", None, None]
    assert "7" in words(analyzer, "第七条经验教训")


def test_chat_fillers_around_the_topic_are_dropped(analyzer):
    # what a focal point types around the topic: question forms, particles, fillers
    assert words(analyzer, "咱们乌干达那边到底有没有生物多样性数据啊？咋办") == ["乌干达", "生物多样性", "数据"]
    assert words(analyzer, "basically is anyone gonna explain Uganda's data stuff lol") == ["uganda", "data"]


def test_chat_frames_around_a_case_are_dropped(analyzer):
    # "那个…的事", "有没有个…", "搞了个…", "那会儿": measure words, the matter word and verb frames
    # name no topic, and an unknown word would weigh the most in the question's coverage
    assert words(analyzer, "乌干达那个数据的事，那会儿是咋搞的？") == ["乌干达", "数据"]
    assert words(analyzer, "各个公约有没有个碰头的机制") == ["公约", "碰头", "机制"]
    assert words(analyzer, "乌干达搞了个数据，用的是啥") == ["乌干达", "数据"]
    assert words(analyzer, "各家往乌干达数据库里放了一大堆数据") == ["乌干达", "数据库", "放", "数据"]


def test_that_and_this_with_a_measure_word_are_dropped(analyzer):
    # "那帮联络点", "那位顾问", "这俩公约": jieba keeps 那帮, 那位, 这帮 whole, and what is left of
    # "那套指标" is a lone measure word; none of them names a topic (issue 20)
    assert words(analyzer, "乌干达那帮国家联络点") == ["乌干达", "国家联络点"]
    assert words(analyzer, "乌干达那位顾问") == ["乌干达", "顾问"]
    assert words(analyzer, "乌干达那套数据") == ["乌干达", "数据"]
    assert words(analyzer, "这帮人搞的那俩数据库") == ["人", "数据库"]


def test_how_long_is_a_question_word(analyzer):
    # 多久 and 多长时间 ask as 多少 does: no passage holds them, and they name no topic
    assert words(analyzer, "乌干达的数据库搞了多久") == ["乌干达", "数据库"]
    assert words(analyzer, "乌干达的数据库花了多长时间") == ["乌干达", "数据库", "花"]


def test_what_a_contraction_leaves_is_dropped(analyzer):
    # "we're", "won't": the word splitter leaves "re" and "won", which no passage holds and which
    # would count as words the corpus does not know
    assert words(analyzer, "we're short of staff and they won't share data") == ["staff", "share", "data"]


def test_two_character_transliterations_are_no_names(tmp_path):
    # jieba's dictionary tags everyday words such as 换人 (replace a person) as foreign names
    names = Segmenter(tmp_path, []).proper_nouns()
    assert "换人" not in names and "休克" not in names
    assert {"蒙特利尔", "肯尼亚"} <= names
