"""Metadata beside a document: `NAME.EXT.yaml` (or `NAME.yaml`), or a Markdown front matter.

    title: {en: "Sourcebook of opportunities ...", zh: "信息指南"}   # or one string
    publisher: UNEP-WCMC
    year: 2015
    url: https://...
    lang: en          # the document's language, when detection should not decide
    id: sourcebook    # the document id (default: a slug of the file name)

Errors name file:line and the fix, like the knowledge base's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from bot.foundation.yamlfile import YamlError, line_of, load_yaml, strip_lines
from bot.ingest.model import DocumentError, DocumentMeta

KEYS = ("id", "title", "title_en", "title_zh", "lang", "publisher", "year", "url")
ID_PATTERN = re.compile(r"^[^\W_][\w.-]{0,79}$")


def sidecar_for(path: Path) -> Path | None:
    """The sidecar YAML of `path`, if there is one."""
    for candidate in (path.with_name(path.name + ".yaml"), path.with_name(path.name + ".yml"),
                      path.with_suffix(".yaml"), path.with_suffix(".yml")):
        if candidate != path and candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> DocumentMeta:
    """The metadata in a sidecar file; DocumentError with file:line for anything invalid."""
    try:
        data = load_yaml(path)
    except YamlError as exc:
        raise DocumentError(str(exc)) from None
    return parse_meta(data, str(path))


def parse_front_matter(text: str, where: str) -> DocumentMeta:
    """The metadata in a Markdown front matter."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DocumentError(f"{where}: invalid front matter: {exc}") from None
    return parse_meta(data, where) if isinstance(data, dict) else DocumentMeta()


def parse_meta(data: Any, where: str) -> DocumentMeta:
    if data is None:
        return DocumentMeta()
    if not isinstance(data, dict):
        raise DocumentError(f"{where}: must be a mapping of metadata (title, publisher, year, url, "
                            "lang, id).")

    def fail(key: str, fix: str) -> DocumentError:
        line = line_of(data, key)
        return DocumentError(f"{where}{f':{line}' if line else ''}: '{key}' {fix}")

    clean = strip_lines(data)
    unknown = sorted(k for k in clean if k not in KEYS)
    if unknown:
        raise fail(str(unknown[0]), f"is not a metadata key. Fix: use {', '.join(KEYS)}.")
    meta = DocumentMeta()
    title = clean.get("title")
    if isinstance(title, str):
        meta.title[""] = title.strip()
    elif isinstance(title, dict):
        if set(title) - {"en", "zh"} or not all(isinstance(v, str) for v in title.values()):
            raise fail("title", "must be text or {en: ..., zh: ...}.")
        meta.title.update({k: v.strip() for k, v in title.items() if v.strip()})
    elif title is not None:
        raise fail("title", "must be text or {en: ..., zh: ...}.")
    for lang in ("en", "zh"):
        value = clean.get(f"title_{lang}")
        if value is not None:
            if not isinstance(value, str):
                raise fail(f"title_{lang}", "must be text.")
            meta.title[lang] = value.strip()
    lang = clean.get("lang")
    if lang is not None and normalize_lang(str(lang)) is None:
        raise fail("lang", "must be zh or en.")
    meta.lang = normalize_lang(str(lang)) if lang is not None else None
    year = clean.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 2999):
        raise fail("year", "must be a year such as 2015.")
    meta.year = year
    url = clean.get("url")
    if url is not None and not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
        raise fail("url", "must be an http(s) address.")
    meta.url = url
    publisher = clean.get("publisher")
    if publisher is not None and not isinstance(publisher, (str, int)):
        raise fail("publisher", "must be text.")
    meta.publisher = str(publisher).strip() if publisher is not None else None
    doc_id = clean.get("id")
    if doc_id is not None:
        if not isinstance(doc_id, str) or not ID_PATTERN.match(doc_id):
            raise fail("id", "must be letters, digits, '-', '.' or '_' (at most 80), e.g. sourcebook-en.")
        meta.id = doc_id.lower()
    return meta


def normalize_lang(value: str | None) -> str | None:
    """"zh", "zh-CN", "zh_Hant", "chinese", "中文" -> "zh"; "en", "en-GB", "english" -> "en"."""
    if not value:
        return None
    value = value.strip().lower()
    if value.startswith("zh") or value in ("chinese", "中文", "cn"):
        return "zh"
    if value.startswith("en") or value == "english":
        return "en"
    return None
