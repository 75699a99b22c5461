"""Calibration of the relevance decision: for every question of a set, the features of the best
fused candidate (BM25F coverage and score, dense z-score, ranks) and whether it is a right item,
so thresholds can be chosen on the `calib` split of tests/benchmarks/paraphrase_own.yaml (and
checked, never tuned, on the rest).

    .venv/bin/python tests/benchmarks/calibrate.py FILE.yaml [--split calib]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.answer.engine import Engine, Filters  # noqa: E402
from bot.answer.evaluation import load_questions, matches  # noqa: E402
from bot.answer.relevance import dense_ok, lexical_ok  # noqa: E402
from bot.foundation.config import load_settings  # noqa: E402
from index import plan_query  # noqa: E402
from index.fusion import DEPTH  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--split", default=None)
    args = ap.parse_args()
    settings = load_settings()
    engine = Engine.from_settings(settings)
    print(f"{'tag':9} {'ok':3} {'cov':>5} {'bm25':>6} {'z':>5} {'rb':>3} {'rd':>3} {'lex':4} {'den':4} {'cos':>5} {'base':>5} {'gap':>5} {'unk':>4} {'scope':>6} question")
    for file in args.files:
        rows = yaml.safe_load(Path(file).read_text("utf-8"))
        splits = [r.get("split") for r in rows]
        for q, split in zip(load_questions(Path(file)), splits, strict=False):
            if args.split and split != args.split:
                continue
            plan = plan_query(q.q, engine.store.analyze, engine.store.thesaurus,
                              engine.search.expansion_weight, engine.store.speller)
            if plan.empty:
                print(f"{q.tag:9} empty plan  {q.q}")
                continue
            lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in q.q) else "en"
            bm25 = engine.backend.search(plan, limit=DEPTH, facets=Filters().facets(), prefer=lang)
            ranking = engine.dense.rank(q.q, (), DEPTH) if engine.dense else None
            fused = engine._fuse(bm25.hits, ranking)
            if not fused:
                print(f"{q.tag:9} no candidates  {q.q}")
                continue
            top = fused[0]
            ok = "off" if q.expect is None else (
                "Y" if any(matches(engine.knowledge, f.id, q.expect) for f in fused[:3]) else "n")
            print(f"{q.tag:9} {ok:3} {top.coverage:5.2f} {top.bm25:6.2f} {top.dense_z:5.2f} "
                  f"{top.bm25_rank or '-':>3} {top.dense_rank or '-':>3} "
                  f"{'L' if lexical_ok(top, engine.search) else '.':4} "
                  f"{'D' if dense_ok(top, engine.search, plan.unknown_share(engine.backend.doc_freq), lang) else '.':4} "
                  f"{ranking.cosine(ranking.top[0][1]) if ranking else 0:5.3f} "
                  f"{ranking.baseline if ranking else 0:5.3f} "
                  f"{(ranking.top[0][1] - ranking.top[4][1]) if ranking else 0:5.2f} "
                  f"{plan.unknown_share(engine.backend.doc_freq):4.2f} {top.in_scope:6.3f} "
                  f"{engine.gaps.find(q.q)} {q.q[:60]}")


if __name__ == "__main__":
    main()
