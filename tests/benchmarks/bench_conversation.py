"""engine.answer with context resolution (a turn of a conversation) beside engine.answer alone.

A turn costs: reading the conversation's topic from the state (SQLite here, a real file), finding
what the question names in the glossary, deciding how it is understood, the engine's answer to the
(maybe longer) query, and writing the new topic. Two measurements, both against the same engine:

- every question of the sets, each asked as the next turn of one running conversation (so every
  call resolves against a topic; most questions name a topic of their own and start afresh);
- the last turns of tests/benchmarks/conversation_followups.yaml, the earlier turns played untimed
  first (every timed call is a follow-up: carried topic, other countries, language, source).

Run alone: .venv/bin/python tests/benchmarks/bench_conversation.py
"""

from __future__ import annotations

import itertools
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from speed import HEADER, Latency, measure, row  # noqa: E402

from bot.answer.conversation import StateTopics  # noqa: E402
from bot.answer.dialogue import Dialogue  # noqa: E402
from bot.answer.evaluation import load_questions  # noqa: E402
from bot.answer.lists import Lists  # noqa: E402
from bot.state import connect_state  # noqa: E402

FOLLOWUPS = HERE / "conversation_followups.yaml"


def conversation_rows(engine, texts: list[str], ref: Latency | None, tmp: Path,
                      passes: int = 3) -> list[str]:
    """Speed-table rows of turns in conversations, and the cost of resolution in words."""
    state = connect_state(tmp / "conversation-bench.sqlite3", key=bytes(32))
    dialogue = Dialogue(engine, StateTopics(state), Lists(engine))   # as Commands builds it
    resolver = dialogue.resolver  # built once per process (glossary finder), as on a running bot
    plain, turns = _side_by_side(lambda q: engine.answer(q, limit=3),
                                 lambda q: dialogue.answer("bench:running", q, limit=3), texts, passes)
    keys = itertools.count()
    conversations = [q.turns for q in load_questions(FOLLOWUPS) if q.turns]

    def last_turn(turns: tuple[str, ...]) -> None:
        key = f"bench:{next(keys)}"
        for earlier in turns[:-1]:
            dialogue.answer(key, earlier, limit=3)
        t = time.perf_counter()
        dialogue.answer(key, turns[-1], limit=3)
        timings.append((time.perf_counter() - t) * 1000)

    timings: list[float] = []
    for _ in range(passes):
        for turns_ in conversations:
            last_turn(turns_)
    follow = _latency(timings)
    topic = dialogue.topics.load("bench:running", datetime.now(UTC))
    resolve = measure(lambda q: resolver.resolve(q, topic, None), texts, passes)
    now = datetime.now(UTC)
    load = measure(lambda q: dialogue.topics.load("bench:running", now), texts[:50], passes)
    assert topic is not None
    save = measure(lambda q: dialogue.topics.save("bench:saved", topic, now), texts[:50], passes)
    state.close()
    return [row("real", "nfpbot (timed beside the turns)", 0.0, None, 0, plain, ref or plain),
            row("real", "nfpbot + conversation turn", 0.0, None, 0, turns, plain),
            row("real", "nfpbot follow-up (last turn)", 0.0, None, 0, follow, plain),
            f"{'':<9}(a turn = read topic + resolve + engine.answer + write topic: "
            f"{turns.median_ms - plain.median_ms:+.2f} ms median against engine.answer alone; "
            f"of it, resolving {resolve.median_ms:.2f} ms median / {resolve.p99_ms:.2f} ms p99, "
            f"reading the topic {load.median_ms:.2f} ms, writing it {save.median_ms:.2f} ms "
            f"median / {save.p99_ms:.2f} ms p99 (a SQLite commit); follow-ups carry the topic "
            "into a longer query)"]


def _side_by_side(first: Callable[[str], object], second: Callable[[str], object],
                  queries: list[str], passes: int) -> tuple[Latency, Latency]:
    """Both timed on each query in turn (the load of a shared machine drifts between two separate
    runs more than resolution costs)."""
    for q in queries[:5]:
        first(q), second(q)
    a: list[float] = []
    b: list[float] = []
    for _ in range(passes):
        for q in queries:
            for fn, out in ((first, a), (second, b)):
                t = time.perf_counter()
                fn(q)
                out.append((time.perf_counter() - t) * 1000)
    return _latency(a), _latency(b)


def _latency(timings: list[float]) -> Latency:
    """Median and p99 as speed.measure computes them."""
    timings = sorted(timings)
    return Latency(statistics.median(timings), timings[max(0, math.ceil(0.99 * len(timings)) - 1)],
                   len(timings))


def main() -> None:
    from bot.answer.engine import Engine
    from bot.foundation.config import load_settings

    with tempfile.TemporaryDirectory(prefix="nfpbot-conv-") as tmp:
        engine = Engine.from_settings(load_settings(env={"NFPBOT_DATA_DIR": str(Path(tmp) / "data")}))
        if engine.dense is not None:
            engine.dense.query_cache_size = 0
        texts = [q.q for path in (HERE / "questions.yaml", HERE / "paraphrase_own.yaml")
                 for q in load_questions(path)]
        plain = measure(lambda q: engine.answer(q, limit=3), texts, passes=3)
        print(HEADER)
        print(row("real", "nfpbot", 0.0, None, 0, plain, plain))
        print("\n".join(conversation_rows(engine, texts, plain, Path(tmp))))


if __name__ == "__main__":
    main()
