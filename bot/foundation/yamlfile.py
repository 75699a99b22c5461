"""YAML loading that remembers line numbers, so errors can say file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

LINE = "__line__"
KEY_LINES = "__keylines__"


# libyaml's parser when the wheel has it (about 10x faster than the pure-Python one).
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader whose mappings carry the line of the mapping and of each key."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        mapping[KEY_LINES] = {
            self.construct_object(k, deep=True): k.start_mark.line + 1
            for k, _ in node.value
            if isinstance(k, yaml.ScalarNode)
        }
        return mapping


class YamlError(Exception):
    """A file is not valid YAML; the message has file:line and what the parser saw."""


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; mappings get `__line__` and `__keylines__` entries."""
    try:
        text = Path(path).read_text("utf-8")
    except OSError as exc:
        raise YamlError(f"{path}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise YamlError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_describe(path, text, exc)) from exc
    except yaml.YAMLError as exc:
        raise YamlError(f"{path}: invalid YAML: {exc}") from exc


def _describe(path: Path, text: str, exc: yaml.MarkedYAMLError) -> str:
    """file:line, what the parser saw (and where the enclosing block started), the line itself,
    and how such errors are usually fixed."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return f"{path}: invalid YAML: {exc.problem or exc.context}."
    lines = text.splitlines()
    context = exc.context_mark
    block = (f", {exc.context} at line {context.line + 1}" if exc.context and context is not None
             and context.line != mark.line else "")
    shown = next(((n, lines[n].rstrip()) for n in (mark.line, getattr(context, "line", -1))
                  if 0 <= n < len(lines) and lines[n].strip()), None)
    excerpt = f"; line {shown[0] + 1} reads {shown[1][:80]!r}" if shown else ""
    return (f"{path}:{mark.line + 1}: invalid YAML (column {mark.column + 1}): "
            f"{exc.problem or exc.context}{block}{excerpt}. Fix: indent this line like the other "
            "keys of its mapping (spaces, not tabs), quote values that contain ': ' or start with "
            "a special character, and close every quote and bracket you open.")


def line_of(mapping: Any, key: str | None = None) -> int | None:
    """Line of `key` in a mapping loaded by `load_yaml` (or of the mapping itself)."""
    if not isinstance(mapping, dict):
        return None
    if key is not None and key in mapping.get(KEY_LINES, {}):
        return mapping[KEY_LINES][key]
    return mapping.get(LINE)


def strip_lines(value: Any) -> Any:
    """The same data without the line bookkeeping entries."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k not in (LINE, KEY_LINES)}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value
