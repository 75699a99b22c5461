"""Every knowledge sentence rests on a quoted source line: each evidence quote is verbatim in the
named file under ../shared, no item or tip lacks evidence, and `nfpbot validate` reports a missing
evidence and a wrong quote with file:line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from paths import SHARED, require

from adapters.cli.main import cli
from bot.evidence import Evidence
from bot.evidence_audit import needs_evidence
from bot.foundation.config import REPO_ROOT
from bot.knowledge import Knowledge, load_knowledge

KNOWLEDGE = REPO_ROOT / "knowledge"


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge(KNOWLEDGE)


def _flat(text: str) -> str:
    """The agreed normalisation, written out here so the test does not trust the code it checks."""
    return re.sub(r"\s+", " ", text).strip()


def test_every_quote_is_verbatim_in_its_file(kb: Knowledge) -> None:
    require(SHARED)
    texts: dict[str, str] = {}
    misses = []
    records = [r for group in (kb.items, kb.tips, kb.glossary) for r in group]
    for record in records:
        for ev in record.evidence:
            path = SHARED / ev.file
            assert path.is_file(), f"{record.file}:{ev.line}: {ev.file} is not under {SHARED}"
            text = texts.setdefault(ev.file, _flat(path.read_text("utf-8")))
            if _flat(ev.quote) not in text:
                misses.append(f"{record.file}:{ev.line}: {ev.quote[:60]!r} not in {ev.file}")
    assert sum(len(r.evidence) for r in records) > 0
    assert not misses, "\n".join(misses)


def test_no_item_or_tip_lacks_evidence(kb: Knowledge) -> None:
    bare = [f"{r.file}:{r.line} {r.id}" for r in (*kb.items, *kb.tips) if not r.evidence]
    assert not bare, f"{len(bare)} without evidence:\n" + "\n".join(bare)


def test_glossary_names_that_are_facts_have_evidence(kb: Knowledge) -> None:
    bare = [f"{e.file}:{e.line} {e.id}" for e in kb.glossary if needs_evidence(e) and not e.evidence]
    assert not bare, f"{len(bare)} without evidence:\n" + "\n".join(bare)


# --- validate on a small knowledge folder made here ---------------------------------------------

SEED = "执行摘要\n\n对于作为一系列不同的国际协定缔约方的各国政府，如何联合起来、协调一致地执行这些协定\n\n是它们面临的众多挑战之一。\n"
GLOSSARY = """\
- type: convention
  en: [Convention on Biological Diversity, CBD]
  zh: [生物多样性公约]
  evidence:
    - file: seed/sourcebook_executive_summary_zh.txt
      quote: "执行摘要"
"""
ITEMS = """\
- id: intro-good
  kind: intro
  title: {en: "Good", zh: "好"}
  text: {en: "Governments must implement many agreements together.", zh: "各国政府需要协调一致地执行多项协定。"}
  source: [{doc: seed, section: 执行摘要}]
  evidence:
    - file: seed/sourcebook_executive_summary_zh.txt
      quote: "如何联合起来、协调一致地执行这些协定 是它们面临的众多挑战之一"
- id: intro-bare
  kind: intro
  title: {en: "Bare", zh: "无据"}
  text: {en: "A sentence with no evidence at all.", zh: "一个没有依据的句子。"}
  source: [{doc: seed, section: 执行摘要}]
- id: intro-wrong
  kind: intro
  title: {en: "Wrong", zh: "错引"}
  text: {en: "A sentence with a misquoted source.", zh: "一个引文有误的句子。"}
  source: [{doc: seed, section: 执行摘要}]
  evidence:
    - file: seed/sourcebook_executive_summary_zh.txt
      quote: "是它们面临的最大挑战"
"""
TIPS = """\
- id: tip-001
  item: intro-good
  en: "Implement the agreements together."
  zh: "协调一致地执行各项协定。"
  evidence:
    - file: seed/sourcebook_executive_summary_zh.txt
      quote: "协调一致地执行这些协定"
"""


def _folder(tmp_path: Path) -> tuple[Path, Path]:
    knowledge, shared = tmp_path / "knowledge", tmp_path / "shared"
    knowledge.mkdir()
    (shared / "seed").mkdir(parents=True)
    (shared / "seed" / "sourcebook_executive_summary_zh.txt").write_text(SEED, "utf-8")
    (knowledge / "glossary.yaml").write_text(GLOSSARY, "utf-8")
    (knowledge / "intro.yaml").write_text(ITEMS, "utf-8")
    (knowledge / "tips.yaml").write_text(TIPS, "utf-8")
    return knowledge, shared


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def _validate(knowledge: Path, shared: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("NFPBOT_KNOWLEDGE_DIR", str(knowledge))
    monkeypatch.setenv("NFPBOT_DATA_DIR", str(tmp_path / "var"))
    return CliRunner().invoke(cli, ["validate", "--shared", str(shared)])


def test_validate_reports_missing_evidence_and_a_wrong_quote_with_file_and_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    knowledge, shared = _folder(tmp_path)
    result = _validate(knowledge, shared, monkeypatch, tmp_path)
    items = knowledge / "intro.yaml"
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert f"{items}:{_line(items, 'id: intro-bare')}: item 'intro-bare' has no evidence" in result.output
    assert f"{items}:{_line(items, '最大挑战')}: quote not found verbatim" in result.output
    assert "intro-good" not in result.output  # its quote spans a line break of the seed: it matches
    assert "evidence: items 2/3, tips 1/1, glossary 1/1 entries that need it" in result.output


def test_validate_passes_when_every_quote_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    knowledge, shared = _folder(tmp_path)
    items = knowledge / "intro.yaml"
    items.write_text(ITEMS.split("- id: intro-bare")[0], "utf-8")
    result = _validate(knowledge, shared, monkeypatch, tmp_path)
    assert result.exit_code == 0, result.output
    assert "evidence: items 1/1, tips 1/1, glossary 1/1" in result.output and "knowledge base is valid" in result.output


def test_a_malformed_evidence_entry_is_a_load_error_naming_file_and_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    knowledge, shared = _folder(tmp_path)
    tips = knowledge / "tips.yaml"
    tips.write_text(TIPS.replace("seed/sourcebook_executive_summary_zh.txt", "seed/other.txt"), "utf-8")
    result = _validate(knowledge, shared, monkeypatch, tmp_path)
    assert result.exit_code != 0
    assert f"{tips}:{_line(tips, 'seed/other.txt')}: evidence file 'seed/other.txt' is not a source file" in result.output


def test_a_quote_reads_without_the_gaps_of_the_seeds_line_breaks() -> None:
    ev = Evidence("seed/sourcebook_executive_summary_zh.txt", "在生物多样性相关公约之间加强 合作的机会 (CBD) and more")
    assert ev.readable == "在生物多样性相关公约之间加强合作的机会 (CBD) and more"
