"""Which characters of a snippet are highlighted: one answer for every renderer.

The engine marks matched words as character spans, and a term and a longer term containing it
both match ("决策" inside "决策者", "Ramsar" inside "Ramsar Convention"), so spans overlap, nest
and touch. Each renderer used to walk the spans on its own; the console printed an overlapped
part twice ("决策决策者", "RamsarRamsar"). Here spans become disjoint runs that cover the text
exactly once, and the renderers only choose their markup.
"""

from __future__ import annotations

Run = tuple[int, int, bool]   # start, end, highlighted


def runs(text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]],
         bridge_spaces: bool = False) -> list[Run]:
    """`text` cut into consecutive (start, end, highlighted) runs, every character in exactly one.

    Spans are clipped to the text; overlapping, nested and touching spans are joined, and with
    `bridge_spaces` also spans only white space apart ("*focal points*" rather than two marks).
    """
    marked: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if start >= end:
            continue
        if marked and (start <= marked[-1][1] or
                       (bridge_spaces and not text[marked[-1][1]:start].strip())):
            marked[-1][1] = max(marked[-1][1], end)
        else:
            marked.append([start, end])
    out: list[Run] = []
    last = 0
    for start, end in marked:
        if start > last:
            out.append((last, start, False))
        out.append((start, end, True))
        last = end
    if last < len(text):
        out.append((last, len(text), False))
    return out
