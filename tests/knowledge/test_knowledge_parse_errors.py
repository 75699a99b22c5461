"""A knowledge file that does not parse gives its own error (file:line:column, the line, the fix)
and no follow-on errors: references into it are unknown, not missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.foundation.errors import KnowledgeError
from bot.knowledge import load_knowledge


def _replace_once(path: Path, old: str, new: str) -> Path:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def _problems(root: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(root)
    return err.value.problems


def test_one_bad_indentation_in_cases_is_one_error_not_fifty(knowledge_copy: Path) -> None:
    path = _replace_once(knowledge_copy / "cases.yaml", "\n  title:\n", "\n   title:\n")
    problems = _problems(knowledge_copy)
    assert len(problems) == 2, "\n".join(problems)
    parse, note = problems
    line = path.read_text("utf-8").splitlines().index("   title:") + 1
    assert re.match(rf"{re.escape(str(path))}:{line}: invalid YAML .*'   title:'.*Fix: ", parse)
    assert note.startswith(str(path)) and "not checked" in note and "Fix" in note
    assert not any("does not exist" in p or "unknown item" in p for p in problems)


def test_a_broken_glossary_does_not_flag_every_country(knowledge_copy: Path) -> None:
    _replace_once(knowledge_copy / "glossary.yaml", "\n  en:", "\n\ten:")
    problems = _problems(knowledge_copy)
    assert len(problems) == 2 and "glossary.yaml:" in problems[0] and "tab" in problems[0]
    assert not any("has no glossary entry" in p for p in problems)


def test_other_files_are_still_checked_next_to_a_broken_one(knowledge_copy: Path) -> None:
    """Checks that do not depend on the unread file still run: a wrong kind elsewhere, a tip
    citing an unknown item when only the glossary is unread."""
    _replace_once(knowledge_copy / "cases.yaml", "\n  title:\n", "\n   title:\n")
    _replace_once(knowledge_copy / "lessons.yaml", "kind: lesson", "kind: story")
    problems = _problems(knowledge_copy)
    assert len(problems) == 3 and any("kind 'story' is invalid" in p for p in problems)

    glossary_only = knowledge_copy / "cases.yaml"
    _replace_once(glossary_only, "\n   title:\n", "\n  title:\n")
    _replace_once(knowledge_copy / "lessons.yaml", "kind: story", "kind: lesson")
    _replace_once(knowledge_copy / "glossary.yaml", "\n  en:", "\n\ten:")
    _replace_once(knowledge_copy / "tips.yaml", "item: ", "item: no-such-item-")
    problems = _problems(knowledge_copy)
    assert any("cites unknown item 'no-such-item-" in p for p in problems)
