"""Packaging and house checks: an SPDX license string (a TOML table made setuptools warn on every
install), ruff with an explicit rule set and mypy on the code, both run by `make test`."""

from __future__ import annotations

import re
import tomllib

from bot.foundation.config import REPO_ROOT

PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))


def test_license_is_an_spdx_string_for_a_setuptools_that_reads_it() -> None:
    assert isinstance(PYPROJECT["project"]["license"], str)
    requires = " ".join(PYPROJECT["build-system"]["requires"])
    minimum = re.search(r"setuptools>=(\d+)", requires)
    assert minimum and int(minimum.group(1)) >= 77      # SPDX strings need setuptools 77


def test_make_test_runs_ruff_and_mypy_with_explicit_settings() -> None:
    recipe = (REPO_ROOT / "Makefile").read_text("utf-8").split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "ruff check" in recipe and "mypy" in recipe and "pytest" in recipe
    assert PYPROJECT["tool"]["ruff"]["lint"]["select"]            # a small, explicit rule set
    assert set(PYPROJECT["tool"]["mypy"]["files"]) == {"bot", "index", "adapters"}
    extras = " ".join(PYPROJECT["project"]["optional-dependencies"]["test"])
    assert "ruff" in extras and "mypy" in extras                  # installed by `make test`
