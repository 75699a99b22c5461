"""Documents from files: extraction (PDF, DOCX, HTML, Markdown, text), passages that keep their page
and heading path, and a registry in the data directory. May import the foundation and index only.

Entry points: `ingest_paths` (files and folders in, one `FileResult` per file out; a bad file never
stops a batch) and `Registry` (what is ingested). The answer wing puts passages into the index
(`bot.answer.corpus`) and cites them (`bot.answer.passage_citations`).
"""

from bot.ingest.model import Block, DocumentError, DocumentMeta, Passage

__all__ = ["Block", "DocumentError", "DocumentMeta", "Passage"]
