"""Fusion rules side by side: ranking-only hit@3 per question set for BM25F alone, dense alone,
reciprocal rank fusion and the score mix at several dense weights (one engine, settings varied).

    .venv/bin/python tests/benchmarks/fusion_sweep.py
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.answer.engine import Engine  # noqa: E402
from bot.answer.evaluation import evaluate, load_questions  # noqa: E402
from bot.foundation.config import REPO_ROOT, load_settings  # noqa: E402

SETS = {
    "dev_questions": REPO_ROOT.parent / "shared" / "eval" / "dev_questions.yaml",
    "dev_paraphrase": REPO_ROOT.parent / "shared" / "eval" / "dev_paraphrase.yaml",
    "own": REPO_ROOT / "tests" / "benchmarks" / "questions.yaml",
    "own_para": REPO_ROOT / "tests" / "benchmarks" / "paraphrase_own.yaml",
}
RULES = [("bm25 only", "rrf", 0.0), ("rrf w=0.5", "rrf", 0.5), ("rrf w=1", "rrf", 1.0),
         ("rrf w=1.5", "rrf", 1.5), ("mix w=0.5", "mix", 0.5), ("mix w=1", "mix", 1.0),
         ("mix w=2", "mix", 2.0), ("mix w=3", "mix", 3.0), ("mix w=5", "mix", 5.0),
         ("dense only", "mix", 1000.0)]


def main() -> None:
    engine = Engine.from_settings(load_settings())
    base = engine.search
    sets = {name: load_questions(path) for name, path in SETS.items() if path.exists()}
    print(f"{'rule':12}" + "".join(f"{name:>16}" for name in sets))
    for label, fusion, weight in RULES:
        engine.search = replace(base, fusion=fusion, dense_weight=weight)  # type: ignore[arg-type]
        cells = []
        for questions in sets.values():
            table, _ = evaluate(questions, lambda q: engine.answer(q, limit=3, decide=False),
                                engine.knowledge)
            cells.append(f"{table['overall']['hit@3']:.2f}/{table['overall']['hit@1']:.2f}")
        print(f"{label:12}" + "".join(f"{c:>16}" for c in cells))
    engine.search = base
    print("cells: hit@3/hit@1 over on-topic questions, decline switched off")


if __name__ == "__main__":
    main()
