"""Where the tests find the repository and the material beside it (`../shared`), and how a test that
needs that material skips, naming the missing path, on a clone without it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "sourcebook_executive_summary_zh.txt"
RESEARCH = SHARED / "research" / "sourcebook_facts.md"
EVAL = SHARED / "eval"


def require(path: Path) -> Path:
    """`path`, or skip the calling test saying which file is missing."""
    if not path.exists():
        pytest.skip(f"needs {path} (../shared beside the repository), which is missing")
    return path
