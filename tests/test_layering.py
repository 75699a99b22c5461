"""Dependencies point one way: adapters -> bot -> index. Checked by parsing imports."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imports(package: str) -> dict[str, set[str]]:
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_index_knows_nothing_of_bot_or_platforms():
    for path, names in imports("index").items():
        assert not names & {"bot", "adapters", "telegram", "slack_bolt", "slack_sdk"}, path


def test_bot_imports_no_adapter_or_platform():
    for path, names in imports("bot").items():
        assert not names & {"adapters", "telegram", "slack_bolt", "slack_sdk"}, path


def test_platform_adapters_do_not_import_each_other():
    for path, names in imports("adapters").items():
        source = (ROOT / path).read_text("utf-8")
        if "/telegram/" in path:
            assert "adapters.slack" not in source and not names & {"slack_bolt", "slack_sdk"}, path
        if "/slack/" in path:
            assert "adapters.telegram" not in source and "telegram" not in names, path
