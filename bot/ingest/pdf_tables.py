"""Tables on a PDF page, as rows that carry their column headers.

Why: a row alone ("2023 | AA+ | 稳定") holds nothing a question can match but its figures: the
question names the column ("the issuer's credit rating in 2023"), and in the other language only
the header's translation can meet it. So each row is written with the header of every cell
("年份：2023；主体信用评级：AA+；评级展望：稳定") and stays one line of its passage.

Tables come two ways: drawn as a grid of ruling lines (most reports' tables: the rules give the
rows and the columns, so cells of several lines and cells pdfminer ran together read right), or
only aligned in columns (pdf_layout finds those from shared baselines and hands their cells here).
The header is the leading rows that hold fewer figures than the rows below them, or a bold first
row above rows that are not; a table continued on the next page without its header takes the
last header seen with the same columns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from bot.ingest.pdf_lines import Line, Rule
from bot.ingest.textutil import join_lines
from index.language import has_han

TOLERANCE = 2.0        # points: rules this close are one; a rule this near a crossing meets it
MAX_HEADER_ROWS = 3
HEADER_FIGURES = 0.25  # a header row holds at most this share of figures
_FIGURE = re.compile(r"[-−–+(（]?\s*[$¥￥€£]?\s*\d[\d,，.\s]*\s*(?:%|％|‰|亿元|万元|元|亿|万|倍)?\s*[)）]?"
                     r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|[-−–—/]+|不适用|n/?a", re.IGNORECASE)

_LEADERS = re.compile(r"(?:\s*[.·…]){3,}\s*$")   # "$85 ......": dots leading to the next column


@dataclass(slots=True)
class TableLine(Line):
    """A table in the page's flow, at its place: its box, and its rows as text."""

    rows: list[str] = field(default_factory=list)


@dataclass(slots=True)
class TableMemory:
    """The last header read and its columns' extents, for a table continued without it."""

    header: list[str] = field(default_factory=list)
    columns: list[tuple[float, float]] = field(default_factory=list)


@dataclass(slots=True)
class Cell:
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    bold: bool = False


def ruled_tables(lines: list[Line], rules: Sequence[Rule],
                 memory: TableMemory) -> tuple[list[TableLine], list[Line]]:
    """The tables drawn as grids of rules (each one TableLine with the grid's box) and the page's
    lines outside them."""
    vertical = _joined([r for r in rules if r.vertical], True)
    horizontal = _joined([r for r in rules if not r.vertical], False)
    if len(vertical) < 3 or len(horizontal) < 3 or not lines:
        return [], lines
    tables: list[TableLine] = []
    rest = lines
    for grid in _grids(horizontal, vertical):
        sides = [r.x0 for r in grid if not r.vertical] + [r.x1 for r in grid if not r.vertical]
        xs = _positions([r.x0 for r in grid if r.vertical] + [min(sides), max(sides)])
        # rules reaching past the last rule across them close the grid (a table continued on the
        # next page has no rule below its last row; many have no rule at their sides)
        ends = [r.y0 for r in grid if r.vertical] + [r.y1 for r in grid if r.vertical]
        ys = _positions([r.y0 for r in grid if not r.vertical] + [min(ends), max(ends)])[::-1]
        if len(xs) < 3 or len(ys) < 3:
            continue
        inside = [x for x in rest if xs[0] < (x.x0 + x.x1) / 2 < xs[-1]
                  and ys[-1] < (x.y0 + x.y1) / 2 < ys[0]]
        cells = _grid_cells(inside, xs, ys)
        if sum(sum(bool(c.text) for c in row) >= 2 for row in cells) < 2:
            continue
        rows = labelled_rows(cells, memory)
        size = median(x.size for x in inside)
        tables.append(TableLine(" ", xs[0], ys[-1], xs[-1], ys[0], size, rows=rows))
        rest = [x for x in rest if x not in inside]
    return tables, rest


def aligned_rows(columns: list[list[Line]], memory: TableMemory) -> list[str]:
    """The rows of a table without rules, from its columns of lines (top to bottom): lines close
    together in a column are one cell; a row ends where no cell of it reaches further down."""
    cells: list[tuple[int, Cell]] = []
    for n, column in enumerate(columns):
        group = [column[0]]
        for prev, line in zip(column, column[1:], strict=False):
            if prev.y0 - line.y1 <= 0.35 * max(line.size, 1.0) and abs(prev.y1 - line.y1) > 0.5:
                group.append(line)
            else:
                cells.append((n, _cell(group)))
                group = [line]
        cells.append((n, _cell(group)))
    spans = [(min(x.x0 for x in column), max(x.x1 for x in column)) for column in columns]
    grid: list[list[Cell]] = []
    bottom = float("inf")
    for n, cell in sorted(cells, key=lambda c: -c[1].top):
        if not (grid and cell.top > bottom + 1.0):
            grid.append([Cell(cell.top, cell.bottom, a, b, "") for a, b in spans])
            bottom = cell.bottom
        bottom = min(bottom, cell.bottom)
        slot = grid[-1][n]
        grid[-1][n] = Cell(max(slot.top, cell.top), cell.bottom, spans[n][0], spans[n][1],
                           join_lines([slot.text, cell.text]) if slot.text else cell.text,
                           cell.bold and (slot.bold or not slot.text))
    return labelled_rows(grid, memory)


def labelled_rows(grid: list[list[Cell]], memory: TableMemory) -> list[str]:
    """A table (rows of cells, one per column, "" where empty) as lines of text: with a header,
    "header: cell; header: cell" (the header's own rows are not repeated); without one, the
    cells joined by " | ". A row of one cell across a table of three columns or more titles the
    rows below it, which have a header of their own (reports stack small tables in one grid)."""
    grid = [row for row in grid if any(c.text for c in row)]
    keep = [i for i in range(len(grid[0]) if grid else 0) if any(row[i].text for row in grid)]
    grid = [[row[i] for i in keep] for row in grid]
    if not grid:
        return []
    columns = [(min(r[i].x0 for r in grid), max(r[i].x1 for r in grid)) for i in range(len(keep))]
    out: list[str] = []
    section: list[list[Cell]] = []
    for row in grid:
        filled = [c.text for c in row if c.text]
        if len(row) >= 3 and len(filled) == 1 and not _FIGURE.fullmatch(filled[0].strip()):
            out += _section(section, columns, memory) + filled
            section = []
        else:
            section.append(row)
    return out + _section(section, columns, memory)


def _section(grid: list[list[Cell]], columns: list[tuple[float, float]],
             memory: TableMemory) -> list[str]:
    if not grid:
        return []
    repeated = bool(memory.header) and [c.text.strip() for c in grid[0]] == memory.header
    count = 1 if repeated else _header_count(grid)   # (a header repeated on the next page)
    if count:
        memory.header = _header(grid[:count])
        memory.columns = columns
        header = memory.header
    elif _same_columns(memory.columns, columns):
        header = memory.header
    else:
        header = []
    return [_row_text([c.text for c in row], header) for row in grid[count:]]


def _row_text(cells: list[str], header: list[str]) -> str:
    cells = [_LEADERS.sub("", c).strip() for c in cells]
    if not header:
        return " | ".join(c for c in cells if c)
    han = any(has_han(h) for h in header)
    colon, sep = ("：", "；") if han else (": ", "; ")
    return sep.join(f"{h}{colon}{c}" if h else c for h, c in zip(header, cells, strict=True) if c)


def _header_count(grid: list[list[Cell]]) -> int:
    """How many leading rows head the table: rows of at least two cells holding fewer figures
    than the rows below them (of two such rows, one must leave the first cell empty, or both be
    bold);
    else a bold first row above rows that are not bold."""
    shares = [_figure_share(row) for row in grid]
    count = 0
    while count < min(MAX_HEADER_ROWS, len(grid) - 1):
        row, share = grid[count], shares[count]
        if sum(bool(c.text) for c in row) < 2 or share > HEADER_FIGURES \
                or share >= median(shares[count + 1:]):
            break
        if count and row[0].text and grid[count - 1][0].text and not all(c.bold for c in row if c.text):
            break   # of two header rows, one leaves the first column to the other's label
        count += 1
    if count == 0 and len(grid) > 1 and sum(bool(c.text) for c in grid[0]) >= 2 \
            and all(c.bold for c in grid[0] if c.text) \
            and not any(c.bold for row in grid[1:] for c in row if c.text):
        count = 1
    return count


def _figure_share(row: list[Cell]) -> float:
    texts = [_LEADERS.sub("", c.text).strip() for c in row if c.text.strip()]
    return sum(bool(_FIGURE.fullmatch(t)) for t in texts) / len(texts) if texts else 0.0


def _header(rows: list[list[Cell]]) -> list[str]:
    """One label per column from the header rows; a cell left empty in an upper header row,
    right of a filled one, is under that one's span ("金额" over "本期 | 上期")."""
    labels: list[list[str]] = [[] for _ in rows[0]]
    for n, row in enumerate(rows):
        span = ""
        for i, cell in enumerate(row):
            text = cell.text.strip().rstrip(":：")
            span = text or (span if n < len(rows) - 1 and i > 1 else "")
            if span and (not labels[i] or labels[i][-1] != span):
                labels[i].append(span)
    return [join_lines(parts) if all(has_han(p) for p in parts) else " ".join(parts)
            for parts in labels]


def _same_columns(before: list[tuple[float, float]], now: list[tuple[float, float]]) -> bool:
    """The same number of columns, each overlapping its counterpart over most of its width."""
    if not before or len(before) != len(now):
        return False
    for (a0, a1), (b0, b1) in zip(before, now, strict=True):
        overlap = min(a1, b1) - max(a0, b0)
        if overlap < 0.5 * max(min(a1 - a0, b1 - b0), 1.0):
            return False
    return True


def _grids(horizontal: list[Rule], vertical: list[Rule]) -> list[list[Rule]]:
    """The rules in groups that cross or touch one another (one group per drawn grid)."""
    rules = horizontal + vertical
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    t = TOLERANCE
    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical, start=len(horizontal)):
            if h.x0 - t <= v.x0 <= h.x1 + t and v.y0 - t <= h.y0 <= v.y1 + t:
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    return [g for g in groups.values() if len(g) >= 6]


def _joined(rules: list[Rule], vertical: bool) -> list[Rule]:
    """Rules on one line that touch or overlap joined into one (a border drawn cell by cell)."""
    def line(r: Rule) -> float:
        return r.x0 if vertical else r.y0

    def span(r: Rule) -> tuple[float, float]:
        return (r.y0, r.y1) if vertical else (r.x0, r.x1)

    out: list[Rule] = []
    for r in sorted(rules, key=lambda r: (round(line(r)), span(r)[0])):
        if out and abs(line(out[-1]) - line(r)) <= TOLERANCE and span(r)[0] <= span(out[-1])[1] + TOLERANCE:
            last = out[-1]
            end = max(span(last)[1], span(r)[1])
            out[-1] = Rule(last.x0, last.y0, last.x0, end) if vertical else Rule(last.x0, last.y0, end, last.y0)
        else:
            out.append(r)
    return out


def _positions(values: list[float]) -> list[float]:
    """Distinct positions, ascending: values within TOLERANCE of the previous one are one."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= TOLERANCE:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def _grid_cells(lines: list[Line], xs: list[float], ys: list[float]) -> list[list[Cell]]:
    """The grid's rows of cells (top to bottom). A grid row whose lines fall on several baselines
    shared across columns (rows drawn without rules between them) is read as that many rows."""
    slots: list[list[list[Line]]] = [[[] for _ in xs[1:]] for _ in ys[1:]]
    for line in lines:
        mid_x, mid_y = (line.x0 + line.x1) / 2, (line.y0 + line.y1) / 2
        r = next(i for i in range(len(ys) - 1) if mid_y >= ys[i + 1] or i == len(ys) - 2)
        c = next(i for i in range(len(xs) - 1) if mid_x <= xs[i + 1] or i == len(xs) - 2)
        slots[r][c].append(line)
    out: list[list[Cell]] = []
    for r, row in enumerate(slots):
        for band in _baseline_rows(row):
            out.append([_cell(sorted(lines, key=lambda x: (-x.y1, x.x0)), xs[c], xs[c + 1])
                        if lines else Cell(ys[r], ys[r + 1], xs[c], xs[c + 1], "")
                        for c, lines in enumerate(band)])
    return out


def _baseline_rows(row: list[list[Line]]) -> list[list[list[Line]]]:
    """One grid row's cells split into the rows their lines make when the rows were drawn without
    rules between them: most filled cells hold the same number of lines (two or more). Else the
    row as it is (a cell wrapped over lines beside one-line cells)."""
    counts = Counter(len(cell) for cell in row if cell)
    if not counts:
        return [row]
    lines, cells = counts.most_common(1)[0]
    if lines < 2 or cells < 2 or cells < 0.75 * sum(counts.values()):
        return [row]
    model = next(cell for cell in row if len(cell) == lines)
    starts = sorted(((x.y0 + x.y1) / 2 for x in model), reverse=True)
    bands: list[list[list[Line]]] = [[[] for _ in row] for _ in starts]
    for c, cell in enumerate(row):
        for line in cell:   # in the row starting at or above it (a cell wraps downwards)
            mid = (line.y0 + line.y1) / 2
            above = [i for i, start in enumerate(starts) if start >= mid - 0.3 * line.height]
            bands[above[-1] if above else 0][c].append(line)
    return bands


def _cell(lines: list[Line], x0: float | None = None, x1: float | None = None) -> Cell:
    return Cell(max(x.y1 for x in lines), min(x.y0 for x in lines),
                min(x.x0 for x in lines) if x0 is None else x0,
                max(x.x1 for x in lines) if x1 is None else x1,
                join_lines(x.text for x in lines), all(x.bold for x in lines))
