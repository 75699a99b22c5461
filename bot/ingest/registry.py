"""The document registry: one SQLite file in the data directory with each ingested document
(metadata, file hash, counts) and its passages.

Why SQLite: a 100,000-passage corpus does not fit a YAML file, and a document's passages must be
replaced in one transaction (a crash or a bad file half-way loses nothing that was there). WAL mode
lets the running bot read passages for its citations while `nfpbot ingest` writes.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bot.foundation.datadir import private_file
from bot.ingest.model import Passage

REGISTRY_FILE = "documents.sqlite3"
SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, format TEXT NOT NULL, file_hash TEXT NOT NULL,
    fingerprint TEXT NOT NULL, lang TEXT NOT NULL, title_en TEXT NOT NULL, title_zh TEXT NOT NULL,
    publisher TEXT, year INTEGER, url TEXT, pages INTEGER, passages INTEGER NOT NULL,
    ingested_at TEXT NOT NULL, unreadable TEXT NOT NULL DEFAULT '',
    scanned TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS passages (
    doc_id TEXT NOT NULL, seq INTEGER NOT NULL,
    page INTEGER, page_end INTEGER, heading TEXT NOT NULL, lang TEXT NOT NULL, text TEXT NOT NULL,
    scanned INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, seq)) WITHOUT ROWID;
"""
# Schema 1 -> 2: the pages left out as unreadable or read by OCR, and OCR'd passages.
_UPGRADES = {2: ("ALTER TABLE documents ADD COLUMN unreadable TEXT NOT NULL DEFAULT ''",
                 "ALTER TABLE documents ADD COLUMN scanned TEXT NOT NULL DEFAULT ''",
                 "ALTER TABLE passages ADD COLUMN scanned INTEGER NOT NULL DEFAULT 0")}
_COLUMNS = "seq, text, lang, page, page_end, heading, scanned"
HEADING_SEP = "\x1f"


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A registered document, as `documents list|show` prints it."""

    id: str
    path: str
    format: str
    file_hash: str
    fingerprint: str
    lang: str
    title_en: str
    title_zh: str
    publisher: str | None
    year: int | None
    url: str | None
    pages: int | None
    passages: int
    ingested_at: str
    unreadable: str = ""   # pages left out because their glyphs do not decode ("3,7")
    scanned: str = ""      # pages whose text was recognised by OCR

    def page_list(self, which: str) -> list[int]:
        """The pages of `unreadable` or `scanned` as numbers."""
        return [int(n) for n in str(getattr(self, which)).split(",") if n.strip().isdigit()]

    def title(self, lang: str) -> str:
        """The title in `lang`, else in the other language."""
        first, second = (self.title_zh, self.title_en) if lang == "zh" else (self.title_en, self.title_zh)
        return first or second or self.id


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Registry:
    """Reads and writes the registry; safe to share between threads (one lock)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / REGISTRY_FILE
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        private_file(self.path)  # 600 like every state file; SQLite gives its -wal/-shm the same
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30,
                                   isolation_level=None)
        self._lock = threading.RLock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            tables = self._db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'documents'")
            if version and tables.fetchone()[0]:
                for step in range(version + 1, SCHEMA_VERSION + 1):
                    for statement in _UPGRADES.get(step, ()):
                        self._db.execute(statement)
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    def documents(self) -> list[DocumentRecord]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY id").fetchall()
        return [DocumentRecord(*row) for row in rows]

    def get(self, doc_id: str) -> DocumentRecord | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return DocumentRecord(*row) if row else None

    def by_path(self, path: str) -> DocumentRecord | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE path = ?", (path,)).fetchone()
        return DocumentRecord(*row) if row else None

    def passage(self, doc_id: str, seq: int) -> Passage | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM passages WHERE doc_id = ? AND seq = ?",
                                   (doc_id, seq)).fetchone()
        return _passage(row) if row else None

    def around(self, doc_id: str, seq: int, before: int = 1, after: int = 1) -> list[Passage]:
        """Passage `seq` with up to `before` passages before it and `after` after it, in order."""
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM passages WHERE doc_id = ? AND seq "
                                    "BETWEEN ? AND ? ORDER BY seq",
                                    (doc_id, seq - before, seq + after)).fetchall()
        return [_passage(row) for row in rows]

    def passages(self, doc_id: str | None = None, batch: int = 2000) -> Iterator[tuple[str, Passage]]:
        """(document id, passage) in document and passage order, read in batches (a cursor of
        its own, so a 100,000-passage corpus is never all in memory)."""
        where = " WHERE doc_id = ?" if doc_id else ""
        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            cursor = db.execute(f"SELECT doc_id, {_COLUMNS} FROM passages{where} ORDER BY doc_id, "
                                "seq", (doc_id,) if doc_id else ())
            while rows := cursor.fetchmany(batch):
                for row in rows:
                    yield row[0], _passage(row[1:])

    def texts(self, batch: int = 5000) -> Iterator[str]:
        """Every document's titles and every passage's headings and text: what the gap finder
        must know the corpus mentions (a year or a name in a report's title or a section heading
        is mentioned, as the value check reads them with the passage)."""
        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            for title_en, title_zh in db.execute("SELECT title_en, title_zh FROM documents"):
                yield f"{title_en}\n{title_zh}"
            cursor = db.execute("SELECT heading, text FROM passages")
            while rows := cursor.fetchmany(batch):
                yield from (f"{heading}\n{text}" for heading, text in rows)

    def passage_count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM passages").fetchone()[0])

    def fingerprints(self) -> list[str]:
        """One line per document (id, file hash, fingerprint): what the index hash covers."""
        with self._lock:
            rows = self._db.execute("SELECT id, file_hash, fingerprint, passages FROM documents "
                                    "ORDER BY id").fetchall()
        return ["|".join(map(str, row)) for row in rows]

    def replace(self, record: DocumentRecord, passages: Iterable[Passage],
                finish: Callable[[DocumentRecord], DocumentRecord] | None = None) -> DocumentRecord:
        """Store `record` and its passages in one transaction, replacing what the document had;
        if `passages` raises, nothing changes. `finish` completes the record once the passages
        are read (language, title, pages). Returns the stored record."""
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("DELETE FROM passages WHERE doc_id = ?", (record.id,))
                db.execute(_INSERT_DOCUMENT, _row(record))
                count = 0
                batch: list[tuple] = []
                for p in passages:
                    batch.append((record.id, p.seq, p.page, p.page_end, HEADING_SEP.join(p.heading),
                                  p.lang, p.text, int(p.scanned)))
                    count += 1
                    if len(batch) >= 500:
                        db.executemany(_INSERT_PASSAGE, batch)
                        batch = []
                if batch:
                    db.executemany(_INSERT_PASSAGE, batch)
                final = DocumentRecord(**{**_asdict(record), "passages": count,
                                          "ingested_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")})
                final = finish(final) if finish else final
                db.execute(_INSERT_DOCUMENT, _row(final))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return final

    def backup(self, target: Path) -> Path:
        """A consistent copy of the registry (documents and passage texts) at `target`, mode 600,
        made with SQLite's online backup API while the bot and `ingest` keep running."""
        return _copy_database(self._db, Path(target))

    def restore(self, source: Path) -> None:
        """Replace everything in the registry with the backup `source` (the bot should be stopped:
        its index still holds the old passages until it is rebuilt)."""
        if not Path(source).is_file():
            raise FileNotFoundError(source)
        with self._lock, closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as old:
            old.backup(self._db)

    def remove(self, doc_id: str) -> bool:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute("DELETE FROM passages WHERE doc_id = ?", (doc_id,))
                removed = self._db.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return removed > 0


_DOC_COLUMNS = ", ".join(DocumentRecord.__slots__)
_INSERT_DOCUMENT = (f"INSERT OR REPLACE INTO documents ({', '.join(DocumentRecord.__slots__)}) "
                    f"VALUES ({', '.join('?' * len(DocumentRecord.__slots__))})")
_INSERT_PASSAGE = ("INSERT INTO passages (doc_id, seq, page, page_end, heading, lang, text, scanned) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


def backup_path(state_backup: Path) -> Path:
    """Where `nfpbot state backup TARGET` puts the documents beside the state:
    state-2025-03-10.dump -> state-2025-03-10.documents.sqlite3."""
    return state_backup.with_name(f"{state_backup.stem}.{REGISTRY_FILE}")


def _copy_database(db: sqlite3.Connection, target: Path) -> Path:
    private_file(target)
    with closing(sqlite3.connect(target)) as dest:
        db.backup(dest)
    return target


def _passage(row: tuple) -> Passage:
    seq, text, lang, page, page_end, heading, scanned = row
    return Passage(seq, text, lang, page, page_end, tuple(h for h in heading.split(HEADING_SEP) if h),
                   bool(scanned))


def _asdict(record: DocumentRecord) -> dict:
    return {name: getattr(record, name) for name in DocumentRecord.__slots__}


def _row(record: DocumentRecord) -> tuple:
    return tuple(_asdict(record).values())
