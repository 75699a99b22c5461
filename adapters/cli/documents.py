"""`nfpbot ingest PATH...` and `nfpbot documents list|show|remove`: the command line of document
ingestion. Each file gets one line (added, updated, unchanged or failed with the reason); a bad
file never stops the batch; the index is rebuilt once at the end if anything changed, and a running
bot picks the new index up by itself (atomic swap)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from adapters.cli.shared import pass_settings
from bot.foundation.config import Settings
from bot.foundation.errors import BotError
from bot.ingest.ingest import FileResult, Options, files_to_ingest, ingest_file
from bot.ingest.registry import DocumentRecord, Registry

PROGRESS_MIN_PAGES = 20  # smaller files are done before a bar would be worth drawing


class _Progress:
    """A click progress bar per PDF on a terminal (stderr), updated page by page."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._path: Path | None = None
        self._done = 0

    def __call__(self, path: Path, page: int, pages: int | None) -> None:
        if not pages or pages < PROGRESS_MIN_PAGES:
            return
        if path != self._path:
            self.close()
            self._path, self._done = path, 0
            self._bar = click.progressbar(length=pages, label=path.name[:40], file=sys.stderr,
                                          show_pos=True, show_eta=True)
            self._bar.__enter__()
        if self._bar is not None and page > self._done:
            self._bar.update(page - self._done)
            self._done = page

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _line(result: FileResult) -> str:
    if not result.ok:
        return f"failed     {result.path}: {result.message}"
    pages = f", {result.pages} pages" if result.pages else ""
    text = f"{result.status:<10} {result.path} -> {result.doc_id} ({result.passages} passages{pages})"
    return "\n".join([text] + [f"           warning: {w}" for w in result.warnings])


def rebuild_index(settings: Settings) -> None:
    """Build the index over the curated items and every passage (a running bot switches to it)."""
    from bot.answer.engine import Engine
    started = time.perf_counter()
    try:
        engine = Engine.from_settings(settings)
    except BotError as exc:
        raise click.ClickException(str(exc)) from None
    status = engine.store.status()
    click.echo(f"index {status.get('hash')} ready: {status.get('documents')} items and passages "
               f"({status.get('engine', 'whoosh')}, {time.perf_counter() - started:.1f} s); a "
               "running bot switches to it within a second")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--id", "doc_id", default=None, help="Document id (one file; default: a slug of its name).")
@click.option("--title", default=None, help="Document title (one file; default: from the file).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="The document's language (default: detected; passages are detected one by one).")
@pass_settings
def ingest(settings: Settings, paths: tuple[Path, ...], doc_id: str | None, title: str | None,
           lang: str | None) -> None:
    """Add documents (PDF, DOCX, HTML, Markdown, text; files or folders) to the knowledge."""
    registry = Registry(Path(settings.data_dir))
    terminal = sys.stderr.isatty()
    progress = _Progress() if terminal else None
    try:
        files = files_to_ingest(list(paths), Options(doc_id, title, lang))
    except BotError as exc:
        raise click.ClickException(str(exc)) from None
    results: list[FileResult] = []
    try:
        for n, path in enumerate(files, start=1):
            result = ingest_file(registry, path, Options(doc_id, title, lang), progress)
            if progress:
                progress.close()
            results.append(result)
            prefix = f"[{n}/{len(files)}] " if terminal and len(files) > 1 else ""
            click.echo(prefix + _line(result))     # as each file is done, not at the end
    except KeyboardInterrupt:
        if progress:
            progress.close()
        changed = sum(r.status in ("added", "updated") for r in results)
        click.echo(f"\nInterrupted: {len(results)} of {len(files)} files done ({changed} added or "
                   f"updated); " + ("the index is rebuilt with them now." if changed else
                                    "nothing to rebuild."), err=True)
        if changed:
            rebuild_index(settings)
        sys.exit(130)
    counts = {s: sum(r.status == s for r in results) for s in ("added", "updated", "unchanged", "failed")}
    click.echo(", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no files found")
    if counts["added"] or counts["updated"]:
        rebuild_index(settings)
    if counts["failed"]:
        sys.exit(1)


@click.group()
def documents() -> None:
    """List, show or remove ingested documents."""


def _record_json(doc: DocumentRecord) -> dict:
    return {"id": doc.id, "title": {"en": doc.title_en, "zh": doc.title_zh}, "lang": doc.lang,
            "format": doc.format, "pages": doc.pages, "passages": doc.passages,
            "publisher": doc.publisher, "year": doc.year, "url": doc.url, "path": doc.path,
            "file_hash": doc.file_hash, "ingested_at": doc.ingested_at,
            "unreadable_pages": doc.page_list("unreadable"), "scanned_pages": doc.page_list("scanned")}


@documents.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@pass_settings
def documents_list(settings: Settings, as_json: bool) -> None:
    """Every ingested document with its pages and passages."""
    docs = Registry(Path(settings.data_dir)).documents()
    if as_json:
        for doc in docs:
            click.echo(json.dumps(_record_json(doc), ensure_ascii=False))
        return
    if not docs:
        click.echo("no documents yet: add some with nfpbot ingest PATH")
        return
    click.echo(f"{'id':<28} {'lang':<4} {'format':<8} {'pages':>5} {'passages':>8}  title")
    for doc in docs:
        click.echo(f"{doc.id[:28]:<28} {doc.lang:<4} {doc.format:<8} {doc.pages or '-':>5} "
                   f"{doc.passages:>8}  {doc.title(doc.lang)}")


@documents.command("show")
@click.argument("doc_id")
@click.option("--passages", "limit", type=click.IntRange(0), default=5, show_default=True,
              help="How many passages to print.")
@pass_settings
def documents_show(settings: Settings, doc_id: str, limit: int) -> None:
    """A document's metadata and its first passages (page, section, language)."""
    registry = Registry(Path(settings.data_dir))
    doc = registry.get(doc_id.lower())
    if doc is None:
        raise click.ClickException(f"no document '{doc_id}'; see nfpbot documents list")
    click.echo(json.dumps(_record_json(doc), ensure_ascii=False, indent=2))
    for n, (_, passage) in enumerate(registry.passages(doc.id)):
        if n >= limit:
            break
        pages = (f"p. {passage.page}" + (f"-{passage.page_end}" if passage.page_end != passage.page else "")
                 if passage.page else "")
        click.echo(f"\n#{passage.seq} {pages} [{passage.lang}] {' › '.join(passage.heading)}")
        click.echo(f"    {passage.text[:300]}")


@documents.command("remove")
@click.argument("doc_id")
@pass_settings
def documents_remove(settings: Settings, doc_id: str) -> None:
    """Remove a document and its passages, then rebuild the index."""
    if not Registry(Path(settings.data_dir)).remove(doc_id.lower()):
        raise click.ClickException(f"no document '{doc_id}'; see nfpbot documents list")
    click.echo(f"removed {doc_id}")
    rebuild_index(settings)
