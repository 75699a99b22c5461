"""Per-question latency (median, p99) in one process, and the scaling table row format.

Why in one process and one run: ratios between engines measured side by side on the same machine
state are more trustworthy than absolute milliseconds on a shared 2-core box.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Latency:
    median_ms: float
    p99_ms: float
    n: int


def measure(fn: Callable[[str], object], queries: Sequence[str], passes: int = 3,
            warmup: int = 5) -> Latency:
    """Time `fn` on every query, `passes` times, after `warmup` untimed calls."""
    for q in list(queries)[:warmup]:
        fn(q)
    timings = []
    for _ in range(passes):
        for q in queries:
            t = time.perf_counter()
            fn(q)
            timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    p99 = timings[max(0, math.ceil(0.99 * len(timings)) - 1)]
    return Latency(statistics.median(timings), p99, len(timings))


HEADER = (f"{'corpus':<9}{'engine':<29}{'build s':>9}{'(seg s)':>9}{'index MB':>10}"
          f"{'median ms':>11}{'p99 ms':>9}{'n':>5}{'x nfpbot':>10}")


def row(corpus: str, name: str, build_s: float, seg_s: float | None, size: int, lat: Latency,
        ref: Latency | None) -> str:
    """One line of the speed table; `x nfpbot` = nfpbot median / this median (>1 = faster)."""
    seg = f"({seg_s:.1f})" if seg_s is not None else "(incl.)"
    ratio = f"{ref.median_ms / lat.median_ms:.1f}x" if ref and lat.median_ms > 0 else "-"
    return (f"{corpus:<9}{name[:28]:<29}{build_s:>9.2f}{seg:>9}{size / 1e6:>10.2f}"
            f"{lat.median_ms:>11.2f}{lat.p99_ms:>9.2f}{lat.n:>5}{ratio:>10}")
