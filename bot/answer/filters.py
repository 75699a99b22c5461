"""What a search may be restricted to: tags (theme, convention, kind, country), one ingested
document, and items to leave out. Shared by the engine and whoever builds a query for it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Filters:
    """Restricts a search to items with these tags."""

    theme: int | None = None
    convention: str | None = None
    kind: str | None = None
    country: str | None = None
    doc: str | None = None  # one ingested document (ask --doc, the doc command)
    # items left out of the answer (a follow-up asking for "other countries" than those shown)
    exclude: tuple[str, ...] = ()

    def facets(self) -> list[str]:
        out = []
        if self.theme is not None:
            out.append(f"theme:{self.theme}")
        if self.convention:
            out.append(f"conv:{self.convention.lower()}")
        if self.kind:
            out.append(f"kind:{self.kind}")
        if self.country:
            out.append(f"country:{self.country.lower()}")
        if self.doc:
            out.append(f"doc:{self.doc.lower()}")
        return out
