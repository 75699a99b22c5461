"""`make bench`: retrieval quality and speed of nfpbot side by side with baselines, as ONE table.

Sections: machine; quality on tests/benchmarks/questions.yaml and ../shared/eval/dev_questions.yaml
(when present); latency on the real knowledge base; start-up of `nfpbot ask`; build time, index size
and latency on synthetic corpora of 10k and 100k passages; documents (bench_documents.py: PDF extractors,
PDF ingestion pages/s, a 100k-passage corpus through `nfpbot ingest`'s code path, BM25 stage and
engine.answer latency); documents in the other language (bench_crosslingual.py: embedding passages/s,
a 300-page PDF from `ingest` to answers in Chinese, the BM25 stage per size beside raw tantivy). Progress goes to stderr, the table to stdout.

    .venv/bin/python tests/benchmarks/run_all.py            # default, < 10 min on 2 cores
    .venv/bin/python tests/benchmarks/run_all.py --quick    # no 100k corpus (~2 min)
    .venv/bin/python tests/benchmarks/run_all.py --full     # 100k for every engine (~30 min)
    .venv/bin/python tests/benchmarks/run_all.py --full --scale-only --sizes 100000
    .venv/bin/python tests/benchmarks/run_all.py --with-platforms  # also the platform load benches
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

import engines  # noqa: E402
from bench_conversation import conversation_rows  # noqa: E402
from quality import format_quality, score  # noqa: E402
from speed import HEADER, measure, row  # noqa: E402
from startup import format_startup, startup  # noqa: E402
from synthetic import generate  # noqa: E402

from bot.answer.documents import to_documents  # noqa: E402
from bot.answer.evaluation import load_questions  # noqa: E402

OWN_QUESTIONS = HERE / "questions.yaml"
OWN_PARAPHRASE = HERE / "paraphrase_own.yaml"
DEV_QUESTIONS = REPO.parent / "shared" / "eval" / "dev_questions.yaml"
DEV_PARAPHRASE = REPO.parent / "shared" / "eval" / "dev_paraphrase.yaml"
PLATFORM_BENCHES = ("bench_slack_load.py", "bench_web_load.py", "bench_tips_broadcast.py", "bench_state_instances.py",
                    "bench_feishu_load.py")
STARTED = time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - STARTED:6.1f}s] {msg}", file=sys.stderr, flush=True)


def machine() -> list[str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    versions = ", ".join(f"{p} {_version(p)}" for p in ("whoosh", "jieba", "rank-bm25", "tantivy"))
    import sqlite3

    commit = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                            capture_output=True, text=True).stdout.strip() or "unknown"
    return [f"commit {commit}; machine: nproc {os.cpu_count()}, {cpu}, {mem / 1024:.1f} GiB RAM, Python "
            f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, {versions}"]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "missing"


def real_kb(tmp: Path) -> tuple[list[str], list[str]]:
    """Quality and latency on the real knowledge base; returns (lines, on-topic query texts)."""
    log("building nfpbot and baselines on the real knowledge base")
    nfp, ranking, engine, bm25_only = engines.nfpbot_real(tmp)
    docs = to_documents(engine.knowledge, engine.search.background_boost)
    others, _ = engines.baselines(docs, tmp)
    benches = [nfp, ranking, bm25_only, *others]
    sets = [("own", OWN_QUESTIONS), ("own", OWN_PARAPHRASE)]
    sets += [("dev", p) for p in (DEV_QUESTIONS, DEV_PARAPHRASE) if p.exists()]
    lines: list[str] = []
    all_questions = []
    for label, path in sets:
        questions = load_questions(path)
        all_questions += questions
        log(f"quality: {label} set, {len(questions)} questions")
        results = score(benches, questions, engine.knowledge)
        lines += format_quality(f"== QUALITY: {path.relative_to(REPO.parent) if label == 'dev' else path.relative_to(REPO)}"
                                f" ({len(questions)} questions; top 3; hit@1 hit@3 MRR per tag)",
                                results) + [""]
    if not DEV_QUESTIONS.exists():
        lines += [f"(skipped: {DEV_QUESTIONS} not found)", ""]
    lines += vectors_cold_build(engine, docs, tmp) + [""]
    texts = [q.q for q in all_questions]
    log(f"latency on the real knowledge base: {len(texts)} questions x 3 passes per engine")
    lines += [f"== SPEED: real knowledge base ({len(docs)} items; all {len(texts)} questions x 3 passes;"
              " nfpbot = full engine.answer incl. decline logic and snippets)", HEADER]
    ref = None
    for b in benches:
        lat = measure(b.ids, texts, passes=3)
        ref = ref or lat
        lines.append(row("real", b.name, b.build_s, b.seg_s, b.size, lat, ref))
    log("latency of conversation turns (context resolution) beside engine.answer")
    lines += conversation_rows(engine, texts, ref, tmp)
    on_topic = [q.q for q in all_questions if q.expect is not None]
    return lines, on_topic


def vectors_cold_build(engine, docs, tmp: Path) -> list[str]:
    """The first build of the passage vectors with nothing cached (no shipped vectors either):
    what a deployment with changed knowledge, or another embedding model, pays once."""
    from bot.answer.embedding import make_embedder
    from bot.foundation.config import load_settings
    from index.vectors import build_vectors

    embedder = make_embedder(load_settings(env={}))
    if embedder is None:
        return ["== VECTORS: semantic search is off on this machine (no figures)"]
    log("vectors: cold build of every passage vector (no cache, no shipped vectors)")
    target = tmp / "cold-vectors"
    target.mkdir(parents=True, exist_ok=True)
    figures = build_vectors(target, docs, embedder, target / "cache")
    return [f"== VECTORS: cold build with {embedder.name}: {figures['chunks']} passages of "
            f"{len(docs)} items embedded in {figures['seconds']:.1f} s "
            f"({figures['seconds'] / max(figures['chunks'], 1) * 1000:.0f} ms a passage); "
            "a normal start reads them from knowledge/vectors/ and embeds nothing"]


def fusion_rules() -> list[str]:
    """RRF against the score mix, ranking only, on every question set (tests/benchmarks/fusion_sweep.py)."""
    log("fusion rules: RRF and score mix at several dense weights")
    proc = subprocess.run([sys.executable, str(HERE / "fusion_sweep.py")], capture_output=True,
                          text=True, cwd=REPO)
    return ["== FUSION: hit@3/hit@1 with the decline switched off, per rule (fusion_sweep.py)",
            proc.stdout.rstrip() or proc.stderr[-500:]]


def scale(n: int, which: tuple[str, ...], queries: list[str], passes: int, tmp: Path) -> list[str]:
    """Build the chosen engines on an n-passage synthetic corpus and time their queries."""
    label = f"{n // 1000}k"
    log(f"synthetic {label}: generating")
    t = time.perf_counter()
    docs = generate(n)
    gen_s = time.perf_counter() - t
    lines = []
    ref = None
    if engines.NFPBOT in which:
        log(f"synthetic {label}: nfpbot index build (whoosh + jieba, single writer)")
        b = engines.nfpbot_scale(docs, tmp / "nfpbot")
        log(f"synthetic {label}: nfpbot built in {b.build_s:.1f} s; timing {len(queries)} queries")
        ref = measure(b.ids, queries, passes=passes)
        lines.append(row(label, b.name, b.build_s, b.seg_s, b.size, ref, ref))
        del b
        gc.collect()
    log(f"synthetic {label}: baselines {[w for w in which if w != engines.NFPBOT]}")
    benches, seg_s = engines.baselines(docs, tmp, [w for w in which if w != engines.NFPBOT],
                                       procs=min(2, os.cpu_count() or 1), fast_en=True)
    for b in benches:
        log(f"synthetic {label}: timing {b.name} (built in {b.build_s:.1f} s)")
        lines.append(row(label, b.name, b.build_s, b.seg_s, b.size, measure(b.ids, queries, passes), ref))
    chars = sum(len(d.title_en) + len(d.title_zh) + len(d.body_en) + len(d.body_zh) for d in docs)
    lines.append(f"{'':<9}({n} passages, {chars / 1e6:.1f} M chars, generated in {gen_s:.1f} s; "
                 f"segmentation for the token baselines (jieba on zh, regex on en): {seg_s:.1f} s on "
                 f"{min(2, os.cpu_count() or 1)} processes)")
    return lines


def platform_benches() -> list[str]:
    lines = ["== PLATFORMS (--with-platforms)"]
    for name in PLATFORM_BENCHES:
        path = HERE / name
        if not path.exists():
            lines.append(f"(skipped: {name} not found)")
            continue
        log(f"running {name}")
        proc = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, cwd=REPO)
        lines += [f"-- {name} (exit {proc.returncode})", proc.stdout.rstrip()]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100k corpus")
    parser.add_argument("--full", action="store_true", help="100k passages for every engine")
    parser.add_argument("--with-platforms", action="store_true", help="also run the platform benches")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up measurement")
    parser.add_argument("--scale-only", action="store_true", help="only the synthetic corpora")
    parser.add_argument("--sizes", default="10000,100000", help="synthetic corpus sizes")
    parser.add_argument("--engines", default="", help="only these engines on synthetic corpora "
                        "(comma list of names as printed, e.g. nfpbot,bm25 (rank-bm25))")
    parser.add_argument("--no-documents", action="store_true",
                        help="skip document ingestion and the 100k-passage document corpus")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="nfpbot-bench-"))
    out = machine() + [""]
    skipped = []
    sizes = [int(x) for x in args.sizes.split(",") if x]
    try:
        if args.scale_only:
            skipped.append("quality, real-KB latency and start-up (--scale-only)")
            on_topic = [q.q for path in (OWN_QUESTIONS, DEV_QUESTIONS) if path.exists()
                        for q in load_questions(path) if q.expect is not None]
        else:
            lines, on_topic = real_kb(tmp / "real")
            out += lines + [""]
            out += fusion_rules() + [""]
            if args.no_startup:
                skipped.append("start-up (--no-startup)")
            else:
                log("start-up: nfpbot ask, 3 cold + 3 warm runs")
                out += format_startup(startup()) + [""]
        out += ["== SCALING: synthetic bilingual corpora (tests/benchmarks/synthetic.py, seed 7); "
                "queries = on-topic evaluation questions", HEADER]
        for n in sizes:
            if n > 10_000 and args.quick:
                skipped.append(f"{n // 1000}k corpus (--quick)")
                continue
            big = n > 10_000 and not args.full
            which = (engines.TANTIVY, engines.FTS5) if big else engines.ALL
            if args.engines:
                which = tuple(e for e in engines.ALL if e in args.engines.split(","))
            if big:
                skipped.append(f"{n // 1000}k for nfpbot, both whoosh baselines and rank-bm25: nfpbot's "
                               "single-writer whoosh build takes ~6-7 ms/passage here (~10 min at 100k) "
                               "- run with --full (figures in BENCHMARKS.md)")
            out += scale(n, which, on_topic[:60] if n <= 10_000 else on_topic[:40],
                         2 if n <= 10_000 else 1, tmp / str(n))
            shutil.rmtree(tmp / str(n), ignore_errors=True)
            gc.collect()
        if args.no_documents:
            skipped.append("documents (--no-documents)")
        else:
            import bench_documents
            log("documents: PDF extractors, ingestion throughput, 100k-passage corpus")
            out += [""] + bench_documents.main(["--passages", "3000" if args.quick else "100000"])
            import real_pdfs
            log("documents: real PDFs (tests/data/real_pdfs, when fetched)")
            out += [""] + real_pdfs.main([])
            import bench_crosslingual
            log("documents in the other language: embedding speed, a 300-page PDF, BM25 per size")
            out += [""] + bench_crosslingual.main(
                ["--pdf-pages", "60" if args.quick else "300",
                 "--sizes", "1000,3000" if args.quick else "1000,3000,10000,30000"])
        if args.with_platforms:
            out += [""] + platform_benches()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not args.with_platforms:
        skipped.append("platform load benches (--with-platforms)")
    out += ["", "skipped: " + ("; ".join(skipped) or "nothing"),
            f"total run time: {time.perf_counter() - STARTED:.0f} s"]
    print("\n".join(out))


if __name__ == "__main__":
    main()
