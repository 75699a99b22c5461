"""Documents from files: extraction (PDF, DOCX, HTML, Markdown, text), passages that keep their page
and heading path, a registry in the data directory, and their place in the index and in citations.

Entry points: `ingest_paths` (files and folders in, one `FileResult` per file out; a bad file never
stops a batch), `Registry` (what is ingested), `index_corpus` (curated items plus passages, with the
content hash that decides when the index is rebuilt) and `PassageCiter` (a hit of a passage as a
`Citation` with document, page and language).
"""

from bot.ingest.model import Block, DocumentError, DocumentMeta, Passage

__all__ = ["Block", "DocumentError", "DocumentMeta", "Passage"]
