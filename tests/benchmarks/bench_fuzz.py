"""Fuzz benchmark (not a test): N inputs over every code point category through the engine, every
command parser and `nfpbot ask --json -`; prints how many raised and the time per input.

Inputs mix surrogates (lone, paired, surrogateescape'd bytes), C0/C1 controls and format characters,
private use, unassigned code points, noncharacters, Han text, emoji, combining marks and the words
and commands the bot knows, at lengths from empty to beyond the question limit. The batch CLI gets
the same inputs as raw bytes (including bytes that are not UTF-8) and must print one JSON object
per line and exit 0.

All N inputs go through the engine answering with BM25F alone (embeddings.provider none), because
dense retrieval costs a few tenths of a second an answer; the first D (--dense) also go through
the engine as configured, with the bundled embedder.

    .venv/bin/python tests/benchmarks/bench_fuzz.py                # 20,000 inputs, 1,000 dense
    .venv/bin/python tests/benchmarks/bench_fuzz.py -n 2000 --dense 200 --seed 7
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from any_text import WORDS  # noqa: E402

from adapters.slack.buttons import Request, Vote, repeatable  # noqa: E402
from adapters.slack.handlers import strip_mentions  # noqa: E402
from adapters.telegram.keyboard import parse_callback  # noqa: E402
from bot.answer.engine import Engine  # noqa: E402
from bot.command_parsing import ALIASES, Context, parse  # noqa: E402
from bot.commands import Commands  # noqa: E402
from bot.foundation.config import load_settings  # noqa: E402
from bot.foundation.errors import UserInputError  # noqa: E402
from bot.state import connect_state  # noqa: E402
from bot.tips.subscriptions import parse_subscribe_args  # noqa: E402

UNASSIGNED = [cp for cp in range(0x378, 0x3300) if unicodedata.category(chr(cp)) == "Cn"]
RANGES: dict[str, Callable[[random.Random], str]] = {
    "surrogate": lambda r: chr(r.randint(0xD800, 0xDFFF)),
    "escaped_byte": lambda r: chr(r.randint(0xDC80, 0xDCFF)),
    "c0_control": lambda r: chr(r.randint(0, 0x1F)),
    "c1_control": lambda r: chr(r.randint(0x7F, 0x9F)),
    "format": lambda r: r.choice("\u200b\u200c\u200d\u200e\u200f\u202e\u2066\ufeff\u00ad\u2028"),
    "private_use": lambda r: chr(r.choice([r.randint(0xE000, 0xF8FF), r.randint(0xF0000, 0x10FFFD)])),
    "unassigned": lambda r: chr(r.choice(UNASSIGNED) if r.random() < 0.5 else r.randint(0xE0080, 0xEFFFF)),
    "noncharacter": lambda r: r.choice("\ufffe\uffff\ufdd0\U0001fffe\U0010ffff"),
    "han": lambda r: chr(r.randint(0x4E00, 0x9FFF)),
    "emoji_combining": lambda r: r.choice(["😀", "🇨🇳", "👍🏽", "e\u0301", "\u0361", "ﷺ", "𝔘"]),
    "any": lambda r: chr(r.randint(0, 0x10FFFF)),
    "ascii": lambda r: r.choice("abcxyz 0123456789?!:/@*\"'()[]{}<>&|\\-_.,;#%"),
}
CTX = Context(platform="fuzz", chat_id="fuzz", user_id="fuzz",
              now=datetime(2026, 11, 24, 8, 0, tzinfo=UTC))


def fuzz_input(rng: random.Random) -> str:
    """One input: words and runs of one or several categories, sometimes very long."""
    pieces = []
    for _ in range(rng.randint(0, 10)):
        if rng.random() < 0.35:
            pieces.append(rng.choice(WORDS))
        else:
            kinds = rng.sample(list(RANGES), rng.randint(1, 3))
            pieces.append("".join(RANGES[rng.choice(kinds)](rng) for _ in range(rng.randint(1, 12))))
    text = rng.choice([" ", "", "\t"]).join(pieces)
    if rng.random() < 0.01:
        text = text * rng.randint(100, 400)   # beyond the question limit
    return text.replace("\n", " ").replace("\r", " ")


def fuzz_bytes(rng: random.Random, text: str) -> bytes:
    """The input as the batch reads it: UTF-8 with surrogates passed through, sometimes raw bytes."""
    data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.2:
        junk = bytes(rng.choice([0xFF, 0xFE, 0xC3, 0xED, 0xA0, 0x80, 0xF5, 0xC0]) for _ in range(3))
        pos = rng.randint(0, len(data))
        data = data[:pos] + junk + data[pos:]
    return data.replace(b"\n", b" ").replace(b"\r", b" ")


def parsers(text: str) -> None:
    """Every command parser of the core and the adapters."""
    parse(text)
    parse(text, slash_required=True)
    try:
        parse_subscribe_args(text)
    except UserInputError:
        pass   # the usage message is the parser's answer
    parse_callback(text)
    strip_mentions(text)
    repeatable(text)
    Request.from_value(text)
    Vote.from_value(text)


def run_in_process(inputs: list[str], engine: Engine, commands: Commands,
                   dense: Engine | None, dense_count: int) -> dict[str, dict]:
    names = sorted(set(ALIASES.values()))
    targets: dict[str, Callable[[str, int], object]] = {
        "Engine.answer": lambda t, i: engine.answer(t),
        "Commands.handle": lambda t, i: commands.handle(CTX, t, slash_required=bool(i % 2)),
        "Commands.run": lambda t, i: commands.run(CTX, names[i % len(names)], t, t[:2]),
        "parsers": lambda t, i: parsers(t),
    }
    if dense is not None and dense_count:
        targets["Engine.answer dense"] = lambda t, i: dense.answer(t)
    figures = {}
    for name, target in targets.items():
        times, raised, kinds = [], 0, Counter()
        for i, text in enumerate(inputs[:dense_count] if name.endswith("dense") else inputs):
            started = time.perf_counter()
            try:
                target(text, i)
            except Exception as exc:  # noqa: BLE001 - counting is the point
                raised += 1
                if not kinds[type(exc).__name__]:
                    print(f"{name} raised on {text[:80]!r}:\n{traceback.format_exc()}", file=sys.stderr)
                kinds[type(exc).__name__] += 1
            times.append(time.perf_counter() - started)
        figures[name] = {"raised": raised, "kinds": dict(kinds), "times": times}
    return figures


def run_batch(lines: list[bytes], data_dir: str) -> dict:
    """`nfpbot ask --json -` over every input, as one real process."""
    env = {**os.environ, "NFPBOT_DATA_DIR": data_dir, "PYTHONIOENCODING": "utf-8:strict",
           "NFPBOT_EMBEDDINGS__PROVIDER": "none"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "adapters.cli.main", "ask", "--json", "-"],
                          input=b"\n".join(lines) + b"\n", capture_output=True, cwd=ROOT, env=env)
    elapsed = time.perf_counter() - started
    rows, bad = [], 0
    for line in done.stdout.decode("utf-8", "replace").splitlines():   # any line end counts
        try:
            row = json.loads(line)
        except ValueError:
            row = None
        if isinstance(row, dict):
            rows.append(row)
        else:
            bad += 1
    stderr = done.stderr.decode("utf-8", "replace")
    return {"exit": done.returncode, "lines_in": len(lines), "objects_out": len(rows),
            "not_json": bad, "error_objects": sum(1 for r in rows if "error" in r),
            "tracebacks": stderr.count("Traceback"), "seconds": elapsed}


def report(n: int, figures: dict[str, dict], batch: dict) -> None:
    print(f"fuzz inputs: {n} (categories: {', '.join(RANGES)}; plus known words and commands)")
    print(f"{'target':<22}{'inputs':>8}{'raised':>8}{'mean ms':>10}{'p99 ms':>9}{'max ms':>9}")
    for name, fig in figures.items():
        times = sorted(fig["times"])
        p99 = times[max(0, int(round(0.99 * len(times))) - 1)]
        print(f"{name:<22}{len(times):>8}{fig['raised']:>8}{statistics.mean(times) * 1e3:>10.2f}"
              f"{p99 * 1e3:>9.2f}{times[-1] * 1e3:>9.2f}  {fig['kinds'] or ''}")
    print(f"ask --json -: {batch['lines_in']} lines in, {batch['objects_out']} JSON objects out, "
          f"{batch['not_json']} not JSON, {batch['error_objects']} error objects, "
          f"{batch['tracebacks']} tracebacks, exit {batch['exit']}, {batch['seconds']:.1f} s "
          f"({batch['seconds'] / max(1, batch['lines_in']) * 1e3:.2f} ms a line incl. start-up)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20_000, help="number of fuzzed inputs (default 20000)")
    parser.add_argument("--dense", type=int, default=1000,
                        help="inputs also answered with dense retrieval (default 1000)")
    parser.add_argument("--seed", type=int, default=12, help="random seed (default 12)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    inputs = [fuzz_input(rng) for _ in range(args.n)]
    raw = [fuzz_bytes(rng, t) for t in inputs]
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(env={"NFPBOT_DATA_DIR": tmp, "NFPBOT_EMBEDDINGS__PROVIDER": "none"})
        engine = Engine.from_settings(settings)
        dense = (Engine.from_settings(load_settings(env={"NFPBOT_DATA_DIR": tmp}))
                 if args.dense else None)
        commands = Commands(engine, connect_state(Path(tmp) / "state.sqlite3"), settings.tips)
        figures = run_in_process(inputs, engine, commands, dense, min(args.dense, args.n))
        batch = run_batch(raw, tmp)
    report(args.n, figures, batch)
    failed = sum(f["raised"] for f in figures.values()) or batch["exit"] or (
        batch["objects_out"] != batch["lines_in"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
