"""Ingests files and folders into the registry, one result per file.

A bad file (no text layer, encrypted, corrupt, unknown type, empty) gets a clear message and the
batch goes on; what was ingested before stays (each document is replaced in one transaction). An
unchanged file (same bytes, same metadata, same splitter) is skipped; a changed one replaces its
passages. PDFs are read page by page, so memory stays bounded whatever their length.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.ingest import ocr
from bot.ingest.extract import FORMATS, Source, open_source
from bot.ingest.model import Block, DocumentError, DocumentMeta, Passage
from bot.ingest.pdf import NO_TEXT, PageReport
from bot.ingest.registry import DocumentRecord, Registry, file_hash
from bot.ingest.sidecar import ID_PATTERN, normalize_lang, read_sidecar, sidecar_for
from bot.ingest.split import split_passages
from index import detect_lang

log = logging.getLogger(__name__)
PIPELINE_VERSION = "3"  # bump when extraction or splitting changes: every file is re-ingested
SIDECAR_SUFFIXES = (".yaml", ".yml")

Progress = Callable[[Path, int, int | None], None]  # (file, page reached, pages or None)


@dataclass(frozen=True, slots=True)
class Options:
    """Command-line metadata: they override the file's and the sidecar's (one file only)."""

    doc_id: str | None = None
    title: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one file: added, updated, unchanged or failed (with the reason)."""

    path: Path
    status: str
    doc_id: str | None = None
    message: str = ""
    passages: int = 0
    pages: int | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def slug(path: Path) -> str:
    """The default document id: the file name without extension, lower case, words joined by '-'."""
    text = re.sub(r"[^\w.]+|_+", "-", path.stem.lower()).strip("-.")[:80].strip("-.")
    return text or "document"


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest: files as given, and supported files under folders (sorted, no hidden
    files, no sidecars)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS
                          and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            out.append(path)
    return list(dict.fromkeys(out))


def ingest_paths(registry: Registry, paths: Sequence[Path], options: Options = Options(),
                 progress: Progress | None = None) -> list[FileResult]:
    """Ingest every file of `paths`; never raises for a bad file (its result says why)."""
    return [ingest_file(registry, path, options, progress) for path in files_to_ingest(paths, options)]


def files_to_ingest(paths: Sequence[Path], options: Options = Options()) -> list[Path]:
    """The files `paths` name (folders expanded); --id and --title fit one file only."""
    files = expand(paths)
    if (options.doc_id or options.title) and len(files) > 1:
        raise DocumentError("--id and --title name one document: give one file, or put a sidecar "
                            "YAML (NAME.pdf.yaml with id: and title:) beside each file")
    return files


def ingest_file(registry: Registry, path: Path, options: Options = Options(),
                progress: Progress | None = None) -> FileResult:
    """Ingest one file; failures become a result with the reason, never an exception."""
    try:
        return _ingest(registry, path, options, progress)
    except DocumentError as exc:
        return FileResult(path, "failed", message=str(exc))
    except OSError as exc:
        return FileResult(path, "failed", message=f"cannot read the file: {exc.strerror or exc}")
    except Exception as exc:  # third-party parsers raise anything on hostile files
        log.warning("ingesting %s failed", path, exc_info=True)
        return FileResult(path, "failed", message=f"cannot read the file ({type(exc).__name__}); "
                          "it may be damaged: re-export it from the original and try again")


def _ingest(registry: Registry, path: Path, options: Options, progress: Progress | None) -> FileResult:
    if not path.exists():
        raise DocumentError("no such file or folder")
    if path.suffix.lower() in SIDECAR_SUFFIXES:
        raise DocumentError("a YAML file is metadata (a sidecar), not a document: put it beside "
                            "the document as NAME.pdf.yaml")
    meta = DocumentMeta(id=slug(path))
    sidecar = sidecar_for(path)
    side = read_sidecar(sidecar) if sidecar else DocumentMeta()
    cli = _cli_meta(options)
    digest = file_hash(path)
    source = open_source(path)
    try:
        meta = meta.merged(source.meta).merged(side).merged(cli)
        fingerprint = _fingerprint(meta)
        resolved = str(path.resolve())
        existing = registry.get(meta.id)
        if existing and existing.path != resolved and Path(existing.path).exists():
            raise DocumentError(f"the id '{meta.id}' is already used by {existing.path}; pass "
                                "--id (or id: in a sidecar) to give this file another one")
        if existing and existing.file_hash == digest and existing.fingerprint == fingerprint:
            return FileResult(path, "unchanged", meta.id, passages=existing.passages,
                              pages=existing.pages)
        stats = _Stats()
        blocks = _tracked(source.blocks(), stats, path, source.pages, progress)
        passages = _checked(split_passages(blocks, meta.lang), stats, source)
        record = DocumentRecord(meta.id, resolved, source.format, digest, fingerprint,
                                meta.lang or "", "", "", meta.publisher, meta.year, meta.url,
                                source.pages, 0, "")
        stored = registry.replace(record, passages, lambda r: _finish(r, meta, stats, path, source))
    finally:
        source.close()
    report = source.report()
    warnings = page_warnings(report, source.pages) if report else ()
    return FileResult(path, "updated" if existing else "added", meta.id, passages=stored.passages,
                      pages=stored.pages, warnings=warnings)


def page_warnings(report: PageReport, pages: int | None) -> tuple[str, ...]:
    """What an operator should know about a PDF's pages: left out, or read by OCR."""
    of = f" of {pages}" if pages else ""
    out = []
    if report.unreadable:
        out.append(f"{len(report.unreadable)}{of} pages are unreadable (their fonts have no Unicode "
                   f"map) and were left out: pages {_pages(report.unreadable)}")
    if report.no_text:
        fix = (f"install Tesseract to read them ({ocr.INSTALL})" if ocr.tesseract() is None
               else f"Tesseract found no text on them{': ' + report.ocr_failed if report.ocr_failed else ''}")
        out.append(f"{len(report.no_text)}{of} pages have no text layer (scanned?) and were left "
                   f"out: {fix}")
    if report.scanned:
        out.append(f"{len(report.scanned)}{of} pages are scans: their text was recognised "
                   f"automatically (OCR), pages {_pages(report.scanned)}")
    if report.contents:
        out.append(f"contents pages skipped: {_pages(report.contents)}")
    return tuple(out)


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:20]))
    return shown + (f" and {len(numbers) - 20} more" if len(numbers) > 20 else "")


def _cli_meta(options: Options) -> DocumentMeta:
    meta = DocumentMeta()
    if options.doc_id:
        if not ID_PATTERN.match(options.doc_id):
            raise DocumentError(f"--id '{options.doc_id}': use letters, digits, '-', '.' or '_' "
                                "(at most 80), e.g. sourcebook-en")
        meta.id = options.doc_id.lower()
    if options.title and options.title.strip():
        meta.title[""] = options.title.strip()
    if options.lang:
        meta.lang = normalize_lang(options.lang)
    return meta


def _fingerprint(meta: DocumentMeta) -> str:
    data = [PIPELINE_VERSION, meta.id, sorted(meta.title.items()), meta.lang, meta.publisher,
            meta.year, meta.url]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()[:16]


@dataclass(slots=True)
class _Stats:
    blocks: int = 0
    max_page: int = 0
    langs: Counter[str] = field(default_factory=Counter)


def _tracked(blocks: Iterator[Block], stats: _Stats, path: Path, pages: int | None,
             progress: Progress | None) -> Iterator[Block]:
    for block in blocks:
        stats.blocks += 1
        if block.page is not None:
            if block.page > stats.max_page:
                stats.max_page = block.page
                if progress:
                    progress(path, block.page, pages)
        yield block
    if progress and pages:
        progress(path, pages, pages)


# A document's language is the one most of its words are in: a Chinese word is about two
# characters, so a 1994 Chinese paper with an English abstract and references (as many characters
# of each) is Chinese. Counted in half-words: Han characters, and Latin words twice.
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def _half_words(text: str) -> int:
    return len(_HAN.findall(text)) + 2 * len(_LATIN_WORD.findall(text))


def _checked(passages: Iterator[Passage], stats: _Stats, source: Source) -> Iterator[Passage]:
    for passage in passages:
        stats.langs[passage.lang] += _half_words(passage.text) or 1
        yield passage
    if not stats.langs:
        raise DocumentError(_no_text(source.report()) if source.format == "pdf"
                            else "empty document: no text found")


def _no_text(report: PageReport | None) -> str:
    if report and report.unreadable and not report.no_text:
        return ("every page with text is unreadable: its fonts have no Unicode map, so the text "
                "decodes to glyph codes. Export the PDF again from the original (with Unicode "
                "fonts), or print it to an image PDF so OCR reads it")
    if ocr.tesseract() is None:
        return NO_TEXT
    failed = f" ({report.ocr_failed})" if report and report.ocr_failed else ""
    return (f"no text layer, and Tesseract recognised no text on its pages{failed}: check that "
            "the scan is legible (300 dpi or more), or convert it to text first")


def _finish(record: DocumentRecord, meta: DocumentMeta, stats: _Stats, path: Path,
            source: Source) -> DocumentRecord:
    """The document's language (the option, else most of its text), titles (given, else the
    PDF's real metadata title, else the title printed on its first page, else the file name),
    page count and the pages left out or read by OCR."""
    lang = meta.lang or (stats.langs.most_common(1)[0][0] if stats.langs else "en")
    titles = {"en": "", "zh": ""}
    for key, title in meta.title.items():
        titles[key or detect_lang(title)] = title
    if not titles[lang] and not titles["en" if lang == "zh" else "zh"]:
        printed = source.printed_title()
        if printed:
            titles[detect_lang(printed)] = printed
        else:
            titles[lang] = path.stem.replace("_", " ").strip() or meta.id
    pages = record.pages or (stats.max_page or None)
    report = source.report()
    return DocumentRecord(**{**{n: getattr(record, n) for n in DocumentRecord.__slots__},
                             "lang": lang, "title_en": titles["en"], "title_zh": titles["zh"],
                             "pages": pages,
                             "unreadable": ",".join(map(str, report.unreadable)) if report else "",
                             "scanned": ",".join(map(str, report.scanned)) if report else ""})
