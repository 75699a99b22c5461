"""Sentence splitting (index/sentences.py), shared by passages, snippets, leads and the decline
checks: a title or an abbreviation before a name does not end a sentence."""

from __future__ import annotations

import pytest

from index.sentences import sentences


@pytest.mark.parametrize("text, expected", [
    ("The committee was headed by Prof. Hamdallah Zedan. It met twice.",
     ["The committee was headed by Prof. Hamdallah Zedan.", "It met twice."]),
    ("Dr. Smith and Gov. Lee signed it. U.S. agencies joined, e.g. the FAA.",
     ["Dr. Smith and Gov. Lee signed it.", "U.S. agencies joined, e.g. the FAA."]),
    ("国家工作队有 11 名成员。它由国家生物多样性中心牵头。", ["国家工作队有 11 名成员。", "它由国家生物多样性中心牵头。"]),
])
def test_titles_and_abbreviations_do_not_end_a_sentence(text, expected):
    assert sentences(text) == expected
