"""Evidence: the verbatim source lines each knowledge sentence rests on.

Items, tips and glossary entries may carry `evidence:`, a list of {file, quote}: `file` names one of
the source files under ../shared (seed/... or research/...), `quote` is a short verbatim excerpt of
it. A quote matches when it is a substring of the file after both are normalised the same way:
every run of whitespace (line breaks included) becomes one space, nothing else changes. So an
official can see the line an answer rests on, and a reviewer can check that nothing was added.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bot.foundation.yamlfile import line_of

# The source files a quote may come from (paths relative to ../shared).
EVIDENCE_FILES = (
    "seed/sourcebook_executive_summary_zh.txt",
    "research/sourcebook_facts.md",
    "research/bot_platforms.md",
    "research/search_engines.md",
)
EVIDENCE_KEYS = {"file", "quote"}
# Glossary entries naming a body, a treaty or a process: their translation is a fact to source.
GLOSSARY_TYPES_NEEDING_EVIDENCE = ("convention", "organisation", "process")
_WHITESPACE = re.compile(r"\s+")
# A seed line break inside a Chinese sentence becomes a space in a quote; readers should not see it.
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


@dataclass(frozen=True, slots=True)
class Evidence:
    file: str    # relative to ../shared, e.g. seed/sourcebook_executive_summary_zh.txt
    quote: str   # verbatim (after whitespace normalisation) in that file
    line: int = 1  # where the entry is in the knowledge file, for error messages

    @property
    def readable(self) -> str:
        """The quote as a reader should see it: without the gaps the seed's line breaks leave
        between two Chinese characters (the words are the file's, only that space is gone)."""
        return _CJK_GAP.sub("", self.quote)


class Evidenced(Protocol):
    """Anything that carries evidence and knows where it is written (items, tips)."""

    @property
    def id(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def evidence(self) -> tuple[Evidence, ...]: ...


def normalise(text: str) -> str:
    """Runs of whitespace become one space: a quote may span the seed's line breaks."""
    return _WHITESPACE.sub(" ", text).strip()


def parse_evidence(raw: dict, file: str, line: int | None,
                   problem: Callable[[str, int | None, str], None]) -> tuple[Evidence, ...]:
    """The `evidence` list of a mapping loaded by `load_yaml`; each fault goes to `problem`
    (file, line, message-with-fix). Absent evidence is no error here: `nfpbot validate` reports it."""
    entries = raw.get("evidence")
    if entries is None:
        return ()
    where = line_of(raw, "evidence") or line
    if not isinstance(entries, list) or not entries:
        problem(file, where, "evidence must be a list of {file, quote}. Fix: write evidence: then "
                "lines '- file: seed/sourcebook_executive_summary_zh.txt' and '  quote: \"...\"'.")
        return ()
    out = []
    for entry in entries:
        eline = line_of(entry) or where
        if not isinstance(entry, dict):
            problem(file, eline, "each evidence entry must be a mapping with file and quote.")
            continue
        for key in sorted(set(map(str, entry)) - EVIDENCE_KEYS - {"__line__", "__keylines__"}):
            problem(file, line_of(entry, key) or eline, f"unknown evidence key '{key}'. Fix: use file and quote.")
        source, quote = entry.get("file"), entry.get("quote")
        if source not in EVIDENCE_FILES:
            problem(file, line_of(entry, "file") or eline, f"evidence file {source!r} is not a source file. "
                    f"Fix: use one of {', '.join(EVIDENCE_FILES)} (paths relative to ../shared).")
            continue
        if not isinstance(quote, str) or not normalise(quote):
            problem(file, line_of(entry, "quote") or eline, "evidence quote is missing or empty. "
                    "Fix: copy the words the sentence rests on, verbatim, from the file.")
            continue
        out.append(Evidence(source, normalise(quote), line_of(entry, "quote") or eline or 1))
    return tuple(out)


class Sources:
    """The source files under one ../shared folder, read once and normalised."""

    def __init__(self, shared: Path) -> None:
        self.shared = Path(shared)
        self._texts: dict[str, str | None] = {}

    def text(self, name: str) -> str | None:
        """The normalised text of `name`, or None when the file is not there."""
        if name not in self._texts:
            path = self.shared / name
            self._texts[name] = normalise(path.read_text("utf-8")) if path.is_file() else None
        return self._texts[name]

    def has(self, evidence: Evidence) -> bool:
        text = self.text(evidence.file)
        return text is not None and evidence.quote in text


def missing_quotes(sources: Sources, records: Iterable[tuple[str, Evidence]]) -> list[str]:
    """One problem (file:line) per quote that is not verbatim in its file; `records` pairs the
    knowledge file with each evidence entry."""
    problems = []
    for file, ev in records:
        if sources.text(ev.file) is None:
            problems.append(f"{file}:{ev.line}: evidence file {ev.file} is not under {sources.shared}. "
                            "Fix: name a file that exists there.")
        elif not sources.has(ev):
            problems.append(f"{file}:{ev.line}: quote not found verbatim in {ev.file}: {_short(ev.quote)!r}. "
                            "Fix: copy the words exactly from the file (only line breaks and runs of "
                            "spaces may differ).")
    return problems


def lacking(records: Iterable[Evidenced], what: str) -> list[str]:
    """One problem (file:line) per record without evidence."""
    return [f"{r.file}:{r.line}: {what} '{r.id}' has no evidence. Fix: add evidence: with the "
            "file and the verbatim quote each sentence rests on." for r in records if not r.evidence]


def _short(quote: str, limit: int = 80) -> str:
    return quote if len(quote) <= limit else quote[: limit - 1] + "…"
