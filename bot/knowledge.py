"""Loads and validates the YAML knowledge base (knowledge/*.yaml, glossary.yaml, tips.yaml).

Every problem is reported with file:line and how to fix it, all at once, so a reviewer can fix a pull
request in one pass. Cross references (related ids, tips' items, countries without a glossary entry)
are checked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.evidence import Evidence, parse_evidence
from bot.foundation.errors import KnowledgeError
from bot.foundation.yamlfile import YamlError, line_of, load_yaml
from index.language import to_simplified

KINDS = ("intro", "convention", "theme", "obstacle", "case", "lesson", "background")
CONVENTIONS = ("cbd", "cites", "cms", "itpgrfa", "ramsar", "whc")
# "word": an everyday notion a question is phrased with (together, revenue, staff): it widens the
# search like a term, but names no subject of its own (a follow-up "how many staff?" keeps the topic).
GLOSSARY_TYPES = ("convention", "organisation", "process", "country", "region", "term", "word")
_GLOSSARY_KEYS = {"type", "en", "zh", "ask", "query_only", "evidence"}
SOURCE_DOCS = {"seed": "seed/sourcebook_executive_summary_zh.txt",
               "research": "research/sourcebook_facts.md"}
LANGS = ("en", "zh")
TIP_MAX_CHARS = 400
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|lorem ipsum|XXX)\b|^\s*\.\.\.\s*$|待补充|待定", re.I)
# YAML's folded scalars join lines with a space, which in Chinese text is a stray gap.
_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t]+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")
_ITEM_KEYS = {"id", "kind", "title", "text", "tags", "related", "source", "evidence"}
_TAG_KEYS = {"themes", "conventions", "countries", "region"}
_SOURCE_KEYS = {"doc", "section", "url", "page", "copy"}


@dataclass(frozen=True, slots=True)
class Source:
    doc: str
    section: str
    url: str | None = None
    page: str | None = None
    copy: bool = False  # the URL is not the publisher's own site (a mirror, aggregator or report)


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    kind: str
    title: dict[str, str]
    text: dict[str, str]
    themes: tuple[int, ...]
    conventions: tuple[str, ...]
    countries: tuple[str, ...]
    region: str | None
    related: tuple[str, ...]
    sources: tuple[Source, ...]
    file: str
    line: int
    evidence: tuple[Evidence, ...] = ()  # the verbatim source lines its sentences rest on

    @property
    def is_background(self) -> bool:
        return self.kind == "background"


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """Names of one thing in both languages (first = canonical), and `ask`: words people type for
    it (everyday words, regional variants, typos) that search understands but answers never use."""

    type: str
    en: tuple[str, ...]
    zh: tuple[str, ...]
    ask: tuple[str, ...] = ()
    query_only: bool = False  # named nowhere in the knowledge: kept so questions naming it parse
    evidence: tuple[Evidence, ...] = ()  # where the sources give this name (and its translation)
    file: str = "glossary.yaml"
    line: int = 1

    @property
    def id(self) -> str:
        """The canonical English name: what messages about the entry call it."""
        return self.en[0] if self.en else ""

    @property
    def terms(self) -> tuple[str, ...]:
        """Every form a question may use, with traditional characters folded to simplified: the
        segmenter and the thesaurus see a question after that folding (帛琉, 斯洛維尼亞 -> 斯洛维尼亚)."""
        return tuple(dict.fromkeys(to_simplified(t) for t in self.en + self.zh + self.ask))


@dataclass(frozen=True, slots=True)
class Tip:
    id: str
    item: str
    text: dict[str, str]
    file: str = "tips.yaml"
    line: int = 1
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Knowledge:
    items: tuple[Item, ...]
    glossary: tuple[GlossaryEntry, ...]
    tips: tuple[Tip, ...]
    root: Path
    _by_id: dict[str, Item] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {i.id: i for i in self.items})

    def get(self, item_id: str) -> Item | None:
        return self._by_id.get(item_id)

    def of_kind(self, kind: str) -> list[Item]:
        return [i for i in self.items if i.kind == kind]

    def glossary_name(self, english: str, lang: str) -> str:
        """The canonical name in `lang` of a glossary term given in English (itself if unknown)."""
        low = english.lower()
        for entry in self.glossary:
            if any(t.lower() == low for t in entry.en):
                return entry.zh[0] if lang == "zh" else entry.en[0]
        return english

    def counts(self) -> dict[str, int]:
        counts = {kind: len(self.of_kind(kind)) for kind in KINDS}
        counts["glossary"] = len(self.glossary)
        counts["tips"] = len(self.tips)
        return counts


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []
        self.unread: list[Path] = []   # files whose content could not be used (parse errors)

    def add(self, file: str, line: int | None, message: str) -> None:
        self.items.append(f"{file}:{line or 1}: {message}")


def load_knowledge(root: Path) -> Knowledge:
    """Load and validate every file under `root`; raise `KnowledgeError` listing all problems."""
    root = Path(root)
    problems = _Problems()
    if not root.is_dir():
        raise KnowledgeError([f"{root}: knowledge folder not found. Fix: set knowledge_dir in the "
                              "config to the folder that holds the YAML files."])
    glossary = _load_glossary(root / "glossary.yaml", problems)
    items: list[Item] = []
    for path in sorted(root.glob("*.yaml")):
        if path.name in ("glossary.yaml",) or path.name.startswith("tips"):
            continue
        items.extend(_load_items(path, problems))
    tips = _load_tips(root / "tips.yaml", problems)
    _check_references(items, glossary, tips, problems)
    if problems.unread:
        problems.items.append(
            f"{', '.join(str(p) for p in problems.unread)}: not read, so references to its content "
            "were not checked. Fix: correct the error(s) above, then validate again.")
    if problems.items:
        raise KnowledgeError(problems.items)
    return Knowledge(tuple(items), tuple(glossary), tuple(tips), root)


def _read_list(path: Path, problems: _Problems, what: str) -> list[Any]:
    if not path.exists():
        problems.add(str(path), 1, f"missing. Fix: create it with a YAML list of {what}.")
        return []
    try:
        data = load_yaml(path)
    except YamlError as exc:
        problems.items.append(str(exc))
        problems.unread.append(path)
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        problems.add(str(path), 1, f"must be a YAML list of {what} (each starting with '- ').")
        problems.unread.append(path)
        return []
    return data


def _text_pair(raw: Any, key: str, file: str, line: int | None, problems: _Problems) -> dict[str, str]:
    if not isinstance(raw, dict):
        problems.add(file, line, f"'{key}' must have 'en' and 'zh' texts.")
        return {"en": "", "zh": ""}
    out = {}
    for lang in LANGS:
        value = raw.get(lang)
        if not isinstance(value, str) or not value.strip():
            problems.add(file, line_of(raw, lang) or line, f"'{key}.{lang}' is missing or empty. "
                         f"Fix: write the {key} in {'English' if lang == 'en' else 'Chinese'}.")
            value = ""
        elif _PLACEHOLDER.search(value):
            problems.add(file, line_of(raw, lang) or line,
                         f"'{key}.{lang}' holds placeholder text. Fix: write the real text.")
        value = (value or "").strip()
        out[lang] = _CJK_GAP.sub("", value) if lang == "zh" else value
    return out


def _load_items(path: Path, problems: _Problems) -> list[Item]:
    file = str(path)
    items = []
    for raw in _read_list(path, problems, "items"):
        line = line_of(raw)
        if not isinstance(raw, dict):
            problems.add(file, line, "each item must be a mapping with id, kind, title, text, source.")
            continue
        for key in sorted(set(raw) - _ITEM_KEYS - {"__line__", "__keylines__"}):
            problems.add(file, line_of(raw, key), f"unknown key '{key}'. Fix: use {', '.join(sorted(_ITEM_KEYS))}.")
        item_id = raw.get("id")
        if not isinstance(item_id, str) or not _ID.match(item_id):
            problems.add(file, line_of(raw, "id") or line,
                         f"id {item_id!r} is invalid. Fix: use lower-case words joined by '-', e.g. case-uganda-data-bank.")
            item_id = str(item_id)
        kind = raw.get("kind")
        if kind not in KINDS:
            problems.add(file, line_of(raw, "kind") or line, f"kind {kind!r} is invalid. Fix: use one of {', '.join(KINDS)}.")
        tags = raw.get("tags") or {}
        if not isinstance(tags, dict):
            problems.add(file, line_of(raw, "tags"), "tags must be a mapping (themes, conventions, countries, region).")
            tags = {}
        for key in sorted(set(tags) - _TAG_KEYS - {"__line__", "__keylines__"}):
            problems.add(file, line_of(tags, key), f"unknown tag '{key}'. Fix: use {', '.join(sorted(_TAG_KEYS))}.")
        themes = _list(tags.get("themes"))
        for t in themes:
            if not isinstance(t, int) or not 1 <= t <= 6:
                problems.add(file, line_of(tags, "themes"), f"theme {t!r} is invalid. Fix: use numbers 1 to 6.")
        conventions = _list(tags.get("conventions"))
        for c in conventions:
            if c not in CONVENTIONS:
                problems.add(file, line_of(tags, "conventions"), f"convention {c!r} is invalid. Fix: use {', '.join(CONVENTIONS)}.")
        region = tags.get("region")
        items.append(Item(
            id=item_id, kind=str(kind), line=line or 1, file=file,
            title=_text_pair(raw.get("title"), "title", file, line, problems),
            text=_text_pair(raw.get("text"), "text", file, line, problems),
            themes=tuple(t for t in themes if isinstance(t, int)),
            conventions=tuple(str(c) for c in conventions),
            countries=tuple(str(c) for c in _list(tags.get("countries"))),
            region=str(region) if region else None,
            related=tuple(str(r) for r in _list(raw.get("related"))),
            sources=_sources(raw, file, line, problems),
            evidence=parse_evidence(raw, file, line, problems.add),
        ))
    return items


def _sources(raw: dict, file: str, line: int | None, problems: _Problems) -> tuple[Source, ...]:
    entries = raw.get("source")
    if isinstance(entries, dict):
        entries = [entries]
    if not isinstance(entries, list) or not entries:
        problems.add(file, line_of(raw, "source") or line, "no source. Fix: add source: [{doc: seed|research, section: ...}] "
                     "naming where in ../shared/seed or ../shared/research the facts come from.")
        return ()
    out = []
    for entry in entries:
        eline = line_of(entry) or line
        if not isinstance(entry, dict):
            problems.add(file, eline, "each source must be a mapping with doc and section.")
            continue
        for key in sorted(set(entry) - _SOURCE_KEYS - {"__line__", "__keylines__"}):
            problems.add(file, line_of(entry, key), f"unknown source key '{key}'. Fix: use doc, section, url, page, copy.")
        doc, section, url = entry.get("doc"), entry.get("section"), entry.get("url")
        if doc not in SOURCE_DOCS:
            problems.add(file, line_of(entry, "doc") or eline, f"source doc {doc!r} is invalid. Fix: use seed or research.")
        if not isinstance(section, str) or not section.strip():
            problems.add(file, line_of(entry, "section") or eline, "source section is missing. Fix: name the heading the facts come from.")
        if url is not None and not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
            problems.add(file, line_of(entry, "url") or eline, f"source url {url!r} is invalid. Fix: use an http(s) URL or leave it out.")
        page, copy = entry.get("page"), entry.get("copy", False)
        if not isinstance(copy, bool):
            problems.add(file, line_of(entry, "copy") or eline, "source copy must be true or false. "
                         "Fix: write copy: true when the URL is a mirror of the original, or leave it out.")
        out.append(Source(str(doc), str(section or "").strip(), url if isinstance(url, str) else None,
                          str(page) if page is not None else None, copy is True))
    return tuple(out)


def _load_glossary(path: Path, problems: _Problems) -> list[GlossaryEntry]:
    file = str(path)
    entries = []
    seen: dict[str, int | None] = {}
    for raw in _read_list(path, problems, "glossary entries"):
        line = line_of(raw)
        if not isinstance(raw, dict):
            problems.add(file, line, "each glossary entry must be a mapping with type, en and zh.")
            continue
        for key in sorted(set(map(str, raw)) - _GLOSSARY_KEYS - {"__line__", "__keylines__"}):
            problems.add(file, line_of(raw, key) or line, f"unknown key '{key}'. "
                         f"Fix: use only {', '.join(sorted(_GLOSSARY_KEYS))}.")
        gtype = raw.get("type")
        if gtype not in GLOSSARY_TYPES:
            problems.add(file, line, f"type {gtype!r} is invalid. Fix: use one of {', '.join(GLOSSARY_TYPES)}.")
        terms = {}
        for lang in LANGS:
            value = [str(v).strip() for v in _list(raw.get(lang)) if str(v).strip()]
            if not value:
                problems.add(file, line_of(raw, lang) or line, f"'{lang}' has no terms. Fix: add at least one.")
            terms[lang] = tuple(value)
        ask = tuple(str(v).strip() for v in _list(raw.get("ask")) if str(v).strip())
        for term in terms["en"] + terms["zh"] + ask:
            key = term.lower()
            if key in seen and seen[key] != line:
                problems.add(file, line, f"term {term!r} is also in the entry at line {seen[key]}. "
                             "Fix: keep each term in one entry (merge the two entries).")
            seen[key] = line
        query_only = raw.get("query_only", False)
        if not isinstance(query_only, bool):
            problems.add(file, line_of(raw, "query_only") or line,
                         "query_only must be true or false. Fix: write query_only: true, or remove it.")
        entries.append(GlossaryEntry(str(gtype), terms["en"], terms["zh"], ask, query_only is True,
                                     parse_evidence(raw, file, line, problems.add), file, line or 1))
    return entries


def _load_tips(path: Path, problems: _Problems) -> list[Tip]:
    file = str(path)
    tips = []
    for raw in _read_list(path, problems, "tips"):
        line = line_of(raw)
        if not isinstance(raw, dict):
            problems.add(file, line, "each tip must be a mapping with id, item, en and zh.")
            continue
        tip_id = raw.get("id")
        if not isinstance(tip_id, str) or not _ID.match(tip_id):
            problems.add(file, line, f"tip id {tip_id!r} is invalid. Fix: use e.g. tip-001.")
        text = _text_pair({k: raw.get(k) for k in LANGS}, "tip", file, line, problems)
        for lang in LANGS:
            if len(text[lang]) >= TIP_MAX_CHARS:
                problems.add(file, line_of(raw, lang) or line, f"tip {lang} text has {len(text[lang])} characters. "
                             f"Fix: keep it under {TIP_MAX_CHARS}.")
        tips.append(Tip(str(tip_id), str(raw.get("item") or ""), text, file, line or 1,
                        parse_evidence(raw, file, line, problems.add)))
    return tips


def _check_references(items: list[Item], glossary: list[GlossaryEntry], tips: list[Tip],
                      problems: _Problems) -> None:
    """Duplicates, related ids, tips' items and glossary names. A reference into a file that
    could not be read is not checked: its targets are unknown, not missing (one indentation error
    in cases.yaml must give one error, not fifty "does not exist")."""
    unread = {p.name for p in problems.unread}
    all_items = not [n for n in unread if n != "glossary.yaml" and not n.startswith("tips")]
    all_glossary = "glossary.yaml" not in unread
    ids: dict[str, Item] = {}
    for item in items:
        if item.id in ids:
            first = ids[item.id]
            problems.add(item.file, item.line, f"duplicate id '{item.id}' (first at {first.file}:{first.line}). Fix: rename one.")
        ids.setdefault(item.id, item)
    english = {t.lower() for e in glossary for t in e.en}
    for item in items:
        for rel in item.related:
            if all_items and rel not in ids:
                problems.add(item.file, item.line, f"related id '{rel}' does not exist. Fix: correct it or remove it.")
        for name in item.countries + ((item.region,) if item.region else ()):
            if glossary and all_glossary and name.lower() not in english:
                problems.add(item.file, item.line, f"'{name}' has no glossary entry. Fix: add it to glossary.yaml "
                             "with its Chinese name.")
    tip_ids: set[str] = set()
    for tip in tips:
        if tip.id in tip_ids:
            problems.add(tip.file, tip.line, f"duplicate tip id '{tip.id}'. Fix: renumber it.")
        tip_ids.add(tip.id)
        if all_items and tip.item not in ids:
            problems.add(tip.file, tip.line, f"tip '{tip.id}' cites unknown item '{tip.item}'. Fix: cite an existing item id.")


def _list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def all_terms(glossary: Iterable[GlossaryEntry]) -> list[str]:
    """Every glossary term (used for the segmenter's user dictionary)."""
    return [t for e in glossary for t in e.terms]
