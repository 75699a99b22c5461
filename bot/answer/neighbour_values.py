"""The passage next to a good candidate that states the value asked for.

The lines that date or sign a paper ("Received 9 October 2006; … accepted 1 February 2007", "Siberian
Federal University, Krasnoyarsk") are a short passage of their own, beside the abstract the question
matches by its words; a report's analyst box sits beside the forecast. The value check
(bot/answer/decline.py) reads a candidate's neighbours for names only, never for values, so that a
figure is always cited from the passage that states it: when no candidate states the value but a
neighbour of one does, that neighbour is the answer and is cited first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from bot.answer.corpus import parse_passage_id, passage_id
from bot.ingest.registry import Registry
from index.fusion import Fused


def neighbour_holding(candidates: Sequence[Fused], registry: Registry, holds: Callable[[Fused], bool],
                      words: Iterable[str] = ()) -> Fused | None:
    """The passage just before or after one of the document passages among `candidates` (best
    first) that `holds` the value, as a candidate ranked as its neighbour was; of several, the
    one that adds most of the question's `words` to those of the candidate beside it ("received",
    "accepted" beside an abstract that names the drugs: the line that dates the paper, not a
    methods paragraph that names the drugs again and a year), then the best candidate's; None if
    none does."""
    words = [w.lower() for w in words]
    seen = {f.id for f in candidates}
    found: list[tuple[int, int, Fused]] = []
    for rank, f in enumerate(candidates):
        key = parse_passage_id(f.id)
        if key is None:
            continue
        around = registry.around(*key)
        own = next((p.text.lower() for p in around if p.seq == key[1]), "")
        for passage in around:
            candidate = replace(f, id=passage_id(key[0], passage.seq))
            if candidate.id not in seen and holds(candidate):
                text = passage.text.lower()
                found.append((-sum(w in text and w not in own for w in words), rank, candidate))
            seen.add(candidate.id)
    return min(found, key=lambda t: t[:2])[2] if found else None
