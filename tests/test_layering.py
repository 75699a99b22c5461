"""Dependencies point one way (adapters -> bot -> index), the wings of bot/ import only what their
`__init__.py` allows, and no file imports a module that imports it back, anywhere in the tree.
Imports inside functions count: a circle closed lazily is still a circle. Imports under
`if TYPE_CHECKING:` do not: they name a type for the reader and run nothing."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "index", "adapters")
PLATFORMS = ("telegram", "slack", "web", "feishu", "dingtalk")
PLATFORM_LIBRARIES = {"telegram": {"telegram"}, "slack": {"slack_bolt", "slack_sdk"},
                      "feishu": {"lark_oapi"}, "dingtalk": {"dingtalk_stream"}, "web": set()}

# What each part of bot/ may import from bot/ (besides itself); index/ and libraries are free.
WING_RULES: dict[str, set[str]] = {
    "foundation": set(),
    "state": {"foundation"},
    "ingest": {"foundation"},
    "evidence": {"foundation"},
    "knowledge": {"foundation", "evidence"},
    "evidence_audit": {"foundation", "evidence", "knowledge"},
    "command_parsing": {"foundation", "answer"},   # small talk and meta questions (answer.meta)
    "answer": {"foundation", "knowledge", "ingest", "state"},
    "tips": {"foundation", "knowledge", "state"},
    "report": {"foundation", "state"},
    "commands": {"foundation", "knowledge", "command_parsing", "answer", "tips", "report", "state"},
    "runtime": {"foundation", "knowledge", "command_parsing", "commands", "answer", "tips",
                "report", "state", "ingest"},
}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    """Each module of `packages` under `root` -> the modules of those packages it imports (an
    imported name that is a submodule counts as that submodule; relative imports resolved)."""
    files = {module_name(p, root): p for pkg in packages for p in (root / pkg).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in _runtime_nodes(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in files else base
                          for a in node.names}
        graph[name] = {m for m in found if m in files and m != name}
    return graph


def _runtime_nodes(tree: ast.AST):
    """Every node of `tree` except those inside an `if TYPE_CHECKING:` block."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in ast.walk(child))
            continue
        yield node
        yield from _runtime_nodes(node)


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a path (first == last), or None."""
    state: dict[str, int] = {}   # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def wing(module: str) -> str:
    """`bot.answer.engine` -> "answer"; `bot.commands` -> "commands"."""
    return module.split(".")[1] if module.count(".") else module


def top_level_names(package: str) -> dict[str, set[str]]:
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
    platforms = set().union(*PLATFORM_LIBRARIES.values())
    for path, names in top_level_names("index").items():
        assert not names & ({"bot", "adapters"} | platforms), path


def test_bot_imports_no_adapter_or_platform():
    platforms = set().union(*PLATFORM_LIBRARIES.values())
    for path, names in top_level_names("bot").items():
        assert not names & ({"adapters"} | platforms), path


def test_platform_adapters_do_not_import_each_other():
    graph = import_graph(ROOT, PACKAGES)
    names = top_level_names("adapters")
    for module, imported in graph.items():
        parts = module.split(".")
        if len(parts) < 2 or parts[0] != "adapters" or parts[1] not in PLATFORMS:
            continue
        others = [p for p in PLATFORMS if p != parts[1]]
        assert not {m for m in imported if m.split(".")[1:2] and m.split(".")[1] in others}, module
        path = str(Path(*parts).with_suffix(".py"))
        libraries = names.get(path, names.get(str(Path(*parts, "__init__.py")), set()))
        assert not libraries & set().union(*(PLATFORM_LIBRARIES[p] for p in others)), module


def test_each_wing_imports_only_what_it_may():
    for module, imported in import_graph(ROOT, ("bot",)).items():
        if module == "bot":
            continue
        allowed = WING_RULES.get(wing(module))
        assert allowed is not None, f"{module}: a new wing of bot/ needs its rule in WING_RULES"
        used = {wing(m) for m in imported if m != "bot"} - {wing(module)}
        assert used <= allowed, f"{module} imports {sorted(used - allowed)}, which it may not"


def test_every_wing_says_what_it_holds_and_may_import():
    for package in (ROOT / "bot").iterdir():
        init = package / "__init__.py"
        if init.exists():
            doc = ast.get_docstring(ast.parse(init.read_text("utf-8"))) or ""
            assert "import" in doc, f"{init}: its docstring says what the wing may import"


def test_no_import_cycle_anywhere_in_the_tree():
    assert find_cycle(import_graph(ROOT, PACKAGES)) is None


def test_the_cycle_check_finds_a_circle_closed_inside_a_function(tmp_path: Path):
    pkg = tmp_path / "demo"
    (pkg / "inner").mkdir(parents=True)
    (pkg / "__init__.py").write_text('"""A package."""\n')
    (pkg / "inner" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from demo.inner import b\n")
    (pkg / "inner" / "b.py").write_text("def late():\n    from .c import x\n")
    (pkg / "inner" / "c.py").write_text("import demo.a\nx = 1\n")
    graph = import_graph(tmp_path, ("demo",))
    assert graph["demo.a"] == {"demo.inner.b"} and graph["demo.inner.b"] == {"demo.inner.c"}
    assert find_cycle(graph) == ["demo.a", "demo.inner.b", "demo.inner.c", "demo.a"]
    (pkg / "inner" / "c.py").write_text("x = 1\n")
    assert find_cycle(import_graph(tmp_path, ("demo",))) is None


def test_a_wing_importing_a_forbidden_wing_is_named():
    allowed = WING_RULES["answer"]
    assert "tips" not in allowed and "report" not in allowed
    assert wing("bot.answer.engine") == "answer" and wing("bot.commands") == "commands"
