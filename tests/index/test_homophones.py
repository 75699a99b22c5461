"""Same-sound Chinese typos: a word the dictionary does not know (a run of lone characters), or a
lone character left beside the word its typo cut short (多样 + 姓), is read as the corpus word it
sounds like; real words, the dictionary word beside a lone character included, are never touched."""

from __future__ import annotations

import pytest

from index import Segmenter
from index.homophones import Homophones, reading_table

CORPUS = ["生物多样性", "多样性", "伊拉克", "秘书处", "乌干达", "以下", "作物", "该国", "比利时", "国家", "年间"]


@pytest.fixture(scope="module")
def fix(tmp_path_factory):
    segmenter = Segmenter(tmp_path_factory.mktemp("cache"), ["生物多样性", "乌干达", "秘书处"])
    homophones = Homophones(CORPUS, reading_table())
    return lambda text: homophones.correct(text, segmenter.lone_character_runs(text))


def test_a_run_of_lone_characters_is_read_as_the_word(fix):
    assert fix("乌甘达的数据") == "乌干达的数据"


@pytest.mark.parametrize(("typed", "meant"), [
    ("生物多样姓的数据", "生物多样性的数据"),   # 多样 + 姓
    ("伊拉可的磋商", "伊拉克的磋商"),           # 伊拉 + 可, then a grammatical character
    ("秘书出在哪", "秘书处在哪"),               # 秘书 + 出
])
def test_a_lone_character_beside_a_cut_word_is_read_with_it(fix, typed, meant):
    assert fix(typed) == meant


@pytest.mark.parametrize("text", [
    "用中文说一下",          # 一下 is a word: not 以下
    "还能拿来做物种分布模型",  # 做 + 物种 is no 作物
    "不丹改国家战略的时候",    # 改 + 国家 is no 该国
    "多大比例要分给社区",      # 比例 stays
    "南方和北方",
    "数据库是哪年建的",      # 年 belongs to 哪年: 年建 is no 年间
])
def test_real_words_beside_a_lone_character_stay(fix, text):
    assert fix(text) == text
