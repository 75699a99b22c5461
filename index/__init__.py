"""A generic bilingual (Chinese/English) full-text index.

It knows nothing of the Sourcebook: it segments and normalises text, indexes documents with parallel
zh/en fields, expands queries through a thesaurus of synonym groups and answers ranked hits with
highlighted snippets. The search backend sits behind `SearchBackend` so another engine can replace whoosh.
"""

from index.backend import Hit, SearchBackend, SearchResult
from index.language import detect_lang, has_han, is_traditional, to_simplified, to_traditional
from index.query import QueryPlan, plan_query
from index.schema import Document
from index.segment import Segmenter
from index.store import IndexStore
from index.text import clean_text
from index.thesaurus import Thesaurus

__all__ = [
    "Document",
    "Hit",
    "IndexStore",
    "QueryPlan",
    "SearchBackend",
    "SearchResult",
    "Segmenter",
    "Thesaurus",
    "clean_text",
    "detect_lang",
    "has_han",
    "is_traditional",
    "plan_query",
    "to_simplified",
    "to_traditional",
]
