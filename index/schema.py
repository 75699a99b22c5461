"""The generic document model and its whoosh schema: parallel zh/en title and body fields, a
bilingual keywords field, and facets (exact-match labels used as filters, such as `theme:2`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

# Field boosts for BM25F: a match in a title says more than one in a long body. `subwords` holds
# the dictionary sub-words of long Chinese words (行动计划 inside 国家生物多样性战略和行动计划), kept
# apart and weaker, so that 关系 matches a text saying 关系 before one saying 伙伴关系.
FIELD_BOOSTS = {"title_en": 3.0, "title_zh": 3.0, "body_en": 1.0, "body_zh": 1.0, "keywords": 2.0,
                "subwords": 0.5}
TEXT_FIELDS = tuple(FIELD_BOOSTS)
ZH_FIELDS = ("title_zh", "body_zh", "keywords", "subwords")
LANG_FIELDS = {"en": ("title_en", "body_en"), "zh": ("title_zh", "body_zh")}


@dataclass(frozen=True, slots=True)
class Document:
    """One indexable passage. `boost` multiplies its final score (below 1 ranks background
    material under the main content without hiding it)."""

    id: str
    title_en: str
    title_zh: str
    body_en: str
    body_zh: str
    keywords: str = ""
    facets: tuple[str, ...] = ()
    boost: float = 1.0
    payload: dict = field(default_factory=dict)  # stored as is, returned with hits


def make_schema(analyzer, subword_analyzer) -> Schema:
    """The whoosh schema: `analyzer` on every text field, `subword_analyzer` on `subwords`."""
    # chars=True stores each term's character offsets, so snippets are highlighted from the
    # postings ("pinpoint") instead of re-running jieba over the stored text for every hit.
    text = {
        name: TEXT(analyzer=analyzer, stored=True, field_boost=boost, phrase=True, chars=True)
        for name, boost in FIELD_BOOSTS.items() if name != "subwords"
    }
    text["subwords"] = TEXT(analyzer=subword_analyzer, stored=False, field_boost=FIELD_BOOSTS["subwords"],
                            phrase=True, chars=True)
    return Schema(id=ID(stored=True, unique=True), facets=KEYWORD(stored=True, commas=True),
                  payload=STORED, boost=STORED, **text)
