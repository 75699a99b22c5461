"""Turns a question into a `QueryPlan`: concepts, each with the terms that may stand for it.

Nothing the user types is parsed as query syntax: quotes, brackets, AND, *, : and - are just text
that the analyzer segments (or drops). Each word of the question becomes a concept; its alternatives
are the word itself, its dictionary sub-words (weaker) and the thesaurus terms of any synonym group
the question mentions (cross-lingual expansion). The backend scores the alternatives and measures how
much of the question the best hit covers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from index.language import has_han, to_simplified
from index.speller import Speller
from index.thesaurus import Thesaurus

SUBWORD_WEIGHT = 0.35
# A lone Chinese character (what the segmenter leaves of an unknown word) says little on its own.
SINGLE_HAN_WEIGHT = 0.3
EXPANSION_WEIGHT = 0.7
CORRECTION_WEIGHT = 0.8
MAX_QUESTION_CHARS = 600
MAX_CONCEPTS = 40

Analyzer = Callable[[str, str], list[tuple[str, int, bool]]]


@dataclass(slots=True)
class Alternative:
    """A term (one token) or phrase (several) that stands for a concept, with its weight."""

    tokens: tuple[str, ...]
    weight: float
    kind: str = "word"  # word | subword | synonym | correction


@dataclass(slots=True)
class Concept:
    """One word of the question and everything that may match it."""

    word: str
    alternatives: list[Alternative] = field(default_factory=list)
    importance: float = 1.0  # scales the concept's share of the question (coverage)

    def add(self, alt: Alternative) -> None:
        if all(a.tokens != alt.tokens for a in self.alternatives):
            self.alternatives.append(alt)


@dataclass(slots=True)
class QueryPlan:
    """The analysed question; empty when nothing searchable is left (only stop words, emoji...)."""

    question: str
    concepts: list[Concept]

    @property
    def empty(self) -> bool:
        return not self.concepts

    def words(self) -> list[str]:
        return [c.word for c in self.concepts]

    def unknown_share(self, doc_freq: Callable[[str], int]) -> float:
        """Share of the question's words (lone Chinese characters aside) that no document holds,
        in any form the plan knows (synonym, correction): most of an off-topic question's words
        are unknown to the corpus, few of a paraphrase's."""
        words = [c for c in self.concepts if c.importance >= 1.0]
        if not words:
            return 1.0
        unknown = sum(1 for c in words
                      if all(doc_freq(t) == 0 for a in c.alternatives for t in a.tokens))
        return unknown / len(words)


def plan_query(question: str, analyze: Analyzer, thesaurus: Thesaurus | None = None,
               expansion_weight: float = EXPANSION_WEIGHT, speller: Speller | None = None) -> QueryPlan:
    """Analyse `question` into concepts with their alternatives; never raises on any input text."""
    text = to_simplified(question[:MAX_QUESTION_CHARS])
    tokens = analyze(text, "index")
    order: list[str] = []
    concepts: dict[str, Concept] = {}
    by_pos: dict[int, Concept] = {}
    for term, pos, subword in tokens:
        if subword:
            parent = by_pos.get(pos)
            if parent is not None and term != parent.word:
                parent.add(Alternative((term,), SUBWORD_WEIGHT, "subword"))
            continue
        order.append(term)
        concept = concepts.get(term)
        if concept is None:
            if len(concepts) >= MAX_CONCEPTS:
                continue
            weight = SINGLE_HAN_WEIGHT if len(term) == 1 and has_han(term) else 1.0
            concept = concepts[term] = Concept(term, [Alternative((term,), weight)], weight)
        by_pos[pos] = concept
    if thesaurus is not None and len(thesaurus):
        for exp in thesaurus.expand(text, order):
            for term in order[exp.first : exp.last + 1]:
                if term in concepts:
                    for alt in exp.alternatives:
                        concepts[term].add(Alternative(alt, expansion_weight, "synonym"))
    if speller is not None:
        _add_corrections(text, analyze, speller, concepts)
    return QueryPlan(question, list(concepts.values()))


def _add_corrections(text: str, analyze: Analyzer, speller: Speller,
                     concepts: dict[str, Concept]) -> None:
    """Unknown English words get their likely spelling as an alternative ("finnland")."""
    for surface in dict.fromkeys(speller.words(text)):
        fixed = speller.correct(surface)
        if fixed is None:
            continue
        stems = [t for t, _, sub in analyze(surface, "query") if not sub]
        tokens = tuple(t for t, _, sub in analyze(fixed, "query") if not sub)
        if len(stems) == 1 and stems[0] in concepts and tokens:
            concepts[stems[0]].add(Alternative(tokens, CORRECTION_WEIGHT, "correction"))
