"""Bilingual user-facing messages, read from config/messages.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.foundation.config import REPO_ROOT
from bot.foundation.errors import ConfigError
from bot.foundation.yamlfile import YamlError, load_yaml, strip_lines
from index.language import to_traditional

DEFAULT_MESSAGES = REPO_ROOT / "config" / "messages.yaml"


class Messages:
    """Looks up a message by key and language and fills in its fields."""

    def __init__(self, table: dict[str, dict[str, Any]]) -> None:
        self._table = table

    @classmethod
    def load(cls, path: Path = DEFAULT_MESSAGES) -> Messages:
        try:
            data = strip_lines(load_yaml(path))
        except YamlError as exc:
            raise ConfigError(str(exc)) from exc
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: must map message keys to {{en: ..., zh: ...}}.")
        for key, value in data.items():
            if not isinstance(value, dict) or not {"en", "zh"} <= set(value):
                raise ConfigError(f"{path}: message '{key}' needs both 'en' and 'zh'.")
        return cls(data)

    def get(self, key: str, lang: str, **params: Any) -> str:
        """The message `key` in `lang` ("zh" or "en") with `params` filled in."""
        entry = self._table.get(key)
        if entry is None:
            raise KeyError(f"no message '{key}' in messages.yaml")
        value = entry.get(lang) or entry["en"]
        return value.format(**params) if params and isinstance(value, str) else value

    def get_list(self, key: str, lang: str) -> list[str]:
        value = self._table[key].get(lang) or self._table[key]["en"]
        return list(value) if isinstance(value, list) else [str(value)]

    def for_script(self, script: str) -> Messages:
        """These messages as an answer in `script` shows them: traditional characters for "hant",
        so a renderer's fixed labels (出處, 更多結果) follow the answer's script."""
        return _Traditional(self._table) if script == "hant" else self


class _Traditional(Messages):
    """Chinese messages converted to traditional characters (English ones unchanged)."""

    def get(self, key: str, lang: str, **params: Any) -> str:
        text = super().get(key, lang, **params)
        return to_traditional(text) if lang == "zh" else text

    def get_list(self, key: str, lang: str) -> list[str]:
        items = super().get_list(key, lang)
        return [to_traditional(t) for t in items] if lang == "zh" else items

    def for_script(self, script: str) -> Messages:
        return self if script == "hant" else Messages(self._table)
