"""Turns knowledge items into index documents and glossary entries into thesaurus groups."""

from __future__ import annotations

from bot.knowledge import Item, Knowledge
from index import Document

CONVENTION_NAMES = {
    "cbd": "CBD 生物多样性公约", "cites": "CITES 濒危野生动植物种国际贸易公约",
    "cms": "CMS 养护野生动物移栖物种公约", "itpgrfa": "ITPGRFA 粮食和农业植物遗传资源国际条约",
    "ramsar": "Ramsar 拉姆萨尔公约 湿地公约", "whc": "WHC World Heritage 世界遗产公约",
}


def to_document(item: Item, knowledge: Knowledge, background_boost: float) -> Document:
    """An index document for `item`; tags become searchable keywords and filter facets."""
    names = []
    for country in item.countries + ((item.region,) if item.region else ()):
        names += [country, knowledge.glossary_name(country, "zh")]
    names += [CONVENTION_NAMES[c] for c in item.conventions]
    facets = [f"kind:{item.kind}"] + [f"theme:{t}" for t in item.themes]
    facets += [f"conv:{c}" for c in item.conventions]
    facets += [f"country:{c.lower()}" for c in item.countries]
    return Document(
        id=item.id, title_en=item.title["en"], title_zh=item.title["zh"],
        body_en=item.text["en"], body_zh=item.text["zh"], keywords=" ".join(names),
        facets=tuple(facets), boost=background_boost if item.is_background else 1.0,
        payload={"kind": item.kind},
    )


def to_documents(knowledge: Knowledge, background_boost: float) -> list[Document]:
    return [to_document(i, knowledge, background_boost) for i in knowledge.items]


def thesaurus_groups(knowledge: Knowledge) -> list[tuple[str, ...]]:
    """One synonym group per glossary entry: its English and Chinese terms."""
    return [entry.terms for entry in knowledge.glossary]


def thesaurus_keys(knowledge: Knowledge) -> list[str]:
    """What of the glossary shapes the index (user dictionary and synonym groups), for its hash."""
    return ["|".join(group) for group in thesaurus_groups(knowledge)]


def index_content(knowledge: Knowledge, background_boost: float) -> tuple[list[Document], str]:
    """The documents to index and the content hash that decides when to rebuild."""
    from index.store import content_hash
    docs = to_documents(knowledge, background_boost)
    return docs, content_hash(docs, thesaurus_keys(knowledge))
