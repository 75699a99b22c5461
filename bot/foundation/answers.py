"""The shared model every adapter renders: an `Answer` with its `Citation`s.

Nothing platform-specific lives here: text is plain (no markup); highlighted words of a snippet are
given as character spans so each renderer can mark them its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["zh", "en"]
Script = Literal["hans", "hant", "latn"]  # simplified or traditional Chinese, or Latin


@dataclass(frozen=True, slots=True)
class Citation:
    id: str
    kind: str
    title: str
    snippet: str
    text: str
    source: str
    url: str | None
    score: float
    highlights: tuple[tuple[int, int], ...] = ()
    # A passage of an ingested document (kind "document"): its document id, 1-based page, the
    # language the passage is written in and its heading path.
    doc: str | None = None
    page: int | None = None
    lang: str | None = None
    section: str | None = None
    doc_title: str | None = None  # the document's own title (a passage's `title` is its section heading)

    @property
    def is_background(self) -> bool:
        """Background items are related facts, not the Sourcebook's own content: label them."""
        return self.kind == "background"

    def to_json(self) -> dict:
        """The DESIGN.md JSON contract of a citation; a document passage adds `doc`, `page`,
        `lang` (of the passage) and `section`."""
        out = {"id": self.id, "kind": self.kind, "title": self.title, "snippet": self.snippet,
               "text": self.text, "source": self.source, "url": self.url,
               "score": round(self.score, 4)}
        if self.kind == "document":
            out.update(doc=self.doc, page=self.page, lang=self.lang, section=self.section)
        return out


@dataclass(frozen=True, slots=True)
class Answer:
    """What the bot says: a short lead and citations (best first).

    `answered` is False when nothing relevant was found (or the input was unusable); `lead` then
    explains and `suggestions` offers what to try. `script` is "hant" when the text was converted to
    traditional characters for a traditional-character question. `more` tells whether a next page of
    citations exists (offset + len(citations) < total). `resolved` says, in the answer's language,
    how a question was understood from the conversation (a follow-up); None when no context was used.
    """

    question: str
    lang: Lang
    answered: bool
    lead: str
    citations: tuple[Citation, ...] = ()
    suggestions: tuple[str, ...] = ()
    script: Script = "latn"
    offset: int = 0
    total: int = 0
    notice: str | None = None
    # A list (cases, a list question): renderers show each citation as its title and id only.
    compact: bool = False
    resolved: str | None = None   # how a follow-up was understood (context used); None otherwise
    # A decline's related items (id, title): what the search found near the question, offered as
    # suggestions (each is also one line of `suggestions`), never as the answer.
    related: tuple[tuple[str, str], ...] = ()

    @property
    def more(self) -> bool:
        return self.offset + len(self.citations) < self.total

    def to_json(self) -> dict:
        """The DESIGN.md JSON contract of an answer; "related" (a decline's related items, id
        and title) was added by issue 20."""
        return {"question": self.question, "lang": self.lang, "answered": self.answered,
                "lead": self.lead, "citations": [c.to_json() for c in self.citations],
                "resolved": self.resolved,
                "related": [{"id": i, "title": t} for i, t in self.related]}


def cited_below(answer: Answer) -> list[tuple[int, Citation]]:
    """The citations a renderer shows under the lead, with their numbers: all of them, except, in
    a list (`compact`), the members the lead already names with their ids ("[2] Palau… (case-…)"):
    a list does not print its members twice."""
    return [(n, c) for n, c in enumerate(answer.citations, start=answer.offset + 1)
            if not (answer.compact and f"({c.id})" in answer.lead)]


def understood_line(answer: Answer) -> str | None:
    """The short line the platforms show above the lead when a follow-up was understood from the
    conversation ("Understood as: …"); None when no context was used."""
    if not answer.resolved:
        return None
    return ("理解为：" if answer.lang == "zh" else "Understood as: ") + answer.resolved


__all__ = ["Answer", "Citation", "Lang", "cited_below", "understood_line"]
