"""How far the knowledge base's evidence reaches, and where it fails (`nfpbot validate`).

Loading checks the *form* of evidence; this checks its *reach*: every item and tip has some, every
glossary entry naming a body, treaty or process has some, and (when ../shared is present) every quote
is verbatim in its file. Problems name file:line, like the loader's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.evidence import GLOSSARY_TYPES_NEEDING_EVIDENCE, Sources, lacking, missing_quotes
from bot.knowledge import GlossaryEntry, Knowledge


@dataclass(frozen=True)
class EvidenceReport:
    items: tuple[int, int]      # with evidence, total
    tips: tuple[int, int]
    glossary: tuple[int, int]   # entries that need evidence: with it, total
    checked: bool               # quotes were compared with ../shared
    problems: tuple[str, ...]

    def coverage(self) -> str:
        """One line: 'evidence: items 97/97, tips 107/107, glossary 40/40 entries that need it'."""
        (i, n), (t, m), (g, k) = self.items, self.tips, self.glossary
        quotes = "quotes checked against ../shared" if self.checked else "quotes not checked (../shared not found)"
        return f"evidence: items {i}/{n}, tips {t}/{m}, glossary {g}/{k} entries that need it; {quotes}"


def needs_evidence(entry: GlossaryEntry) -> bool:
    """A name whose translation is a fact (a body, treaty or process); plain vocabulary needs none."""
    return entry.type in GLOSSARY_TYPES_NEEDING_EVIDENCE


def audit(knowledge: Knowledge, shared: Path | None) -> EvidenceReport:
    """Coverage and problems; quotes are checked only when `shared` is an existing folder."""
    needing = [e for e in knowledge.glossary if needs_evidence(e)]
    problems = (lacking(knowledge.items, "item") + lacking(knowledge.tips, "tip")
                + lacking(needing, "glossary entry"))
    checked = shared is not None and Path(shared).is_dir()
    if shared is not None and checked:
        records = [(r.file, ev) for group in (knowledge.items, knowledge.tips, knowledge.glossary)
                   for r in group for ev in r.evidence]
        problems += missing_quotes(Sources(Path(shared)), records)
    return EvidenceReport(
        items=(sum(1 for i in knowledge.items if i.evidence), len(knowledge.items)),
        tips=(sum(1 for t in knowledge.tips if t.evidence), len(knowledge.tips)),
        glossary=(sum(1 for e in needing if e.evidence), len(needing)),
        checked=checked, problems=tuple(problems))


def default_shared(knowledge_root: Path) -> Path:
    """../shared beside the repository that holds the knowledge folder (knowledge/../../shared)."""
    return Path(knowledge_root).resolve().parent.parent / "shared"
