"""Documents at scale, through the real ingestion path (`make bench` runs it; also standalone).

1. PDF text extraction: pypdf vs pdfminer.six on reportlab PDFs (the seed in Chinese, an English
   text) - character fidelity (difflib ratio, whitespace ignored), paragraphs found, seconds.
2. Ingestion throughput: pages per second for PDF (`ingest_paths`: extraction, passages, SQLite
   registry), on a 2,000-page PDF and on the seed laid out as a Chinese PDF, with peak memory.
3. A corpus of ~100,000 passages: synthetic bilingual passages (tests/benchmarks/synthetic.py,
   seed 7) written as Markdown files, one heading per passage, ingested with `ingest_paths`, then
   `Engine.from_settings` builds the index (curated items + passages; tantivy above
   search.large_corpus); then, on the on-topic evaluation questions: the BM25 stage (query plan +
   backend search with snippets, as the engine calls it) and the full `engine.answer`.

    .venv/bin/python tests/benchmarks/bench_documents.py [--passages 100000] [--skip-extractors]
"""

from __future__ import annotations

import argparse
import difflib
import math
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

from document_files import CJK, layout_pdf, make_long_pdf, make_pdf, seed_blocks  # noqa: E402
from paths import SEED  # noqa: E402
from speed import HEADER, measure, row  # noqa: E402

from bot.answer.evaluation import load_questions  # noqa: E402

OWN_QUESTIONS = HERE / "questions.yaml"
DEV_QUESTIONS = REPO.parent / "shared" / "eval" / "dev_questions.yaml"
FILE_PASSAGES = 1000  # passages per generated Markdown file


def log(msg: str) -> None:
    print(f"[documents] {msg}", file=sys.stderr, flush=True)


def cpu_ms(fn, queries: list[str], passes: int = 3) -> tuple[float, float]:
    """Median and p99 CPU time of this thread per call (a shared machine's load inflates wall
    time; tantivy searches in the calling thread, so this is the work a question costs)."""
    times = []
    for _ in range(passes):
        for q in queries:
            started = time.thread_time()
            fn(q)
            times.append((time.thread_time() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, math.ceil(0.99 * len(times)) - 1)]


def peak_mb() -> float:
    text = Path("/proc/self/status").read_text()
    match = re.search(r"VmHWM:\s+(\d+)", text)
    return int(match.group(1)) / 1024 if match else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def extractors(tmp: Path) -> list[str]:
    """pypdf vs pdfminer.six: fidelity, paragraphs, time."""
    from pdfminer.high_level import extract_text
    try:
        from pypdf import PdfReader
    except ImportError:
        return ["(extractor comparison skipped: pypdf is not installed; pip install pypdf)"]
    seed = [text for _, text in seed_blocks()]
    layout_pdf(tmp / "zh.pdf", [("p", t) for t in seed])
    english = [("p", ("National focal points of the biodiversity-related conventions can enhance "
                "cooperation through joint meetings, shared information systems and harmonised "
                f"reporting ({n}). Uganda's data bank, “quotes” and dashes 2011-2020."))
               for n in range(120)]
    make_pdf(tmp / "en.pdf", [english[i:i + 20] for i in range(0, 120, 20)])
    sources = {"zh": "".join(seed), "en": "".join(t for _, t in english)}
    lines = [("== PDF EXTRACTION: pypdf vs pdfminer.six on reportlab PDFs (fidelity = difflib ratio "
             "of the characters, whitespace ignored; paragraphs = blank-line separated blocks)"),
             f"{'pdf':<6}{'library':<14}{'pages':>6}{'fidelity':>10}{'paragraphs':>12}{'seconds':>9}"]
    for name in ("zh", "en"):
        path = tmp / f"{name}.pdf"
        for lib in ("pypdf", "pdfminer.six"):
            started = time.perf_counter()
            if lib == "pypdf":
                reader = PdfReader(str(path))
                text = "\n".join(p.extract_text() for p in reader.pages)
                pages = len(reader.pages)
            else:
                text = extract_text(str(path))
                pages = text.count("\f") or 1
            seconds = time.perf_counter() - started
            strip = lambda s: re.sub(r"\s+", "", s.replace("\uf0b7", ""))  # noqa: E731
            ratio = difflib.SequenceMatcher(None, strip(sources[name]), strip(text),
                                            autojunk=False).ratio()
            paragraphs = len([b for b in re.split(r"\n\s*\n", text) if b.strip()])
            lines.append(f"{name:<6}{lib:<14}{pages:>6}{ratio:>10.4f}{paragraphs:>12}{seconds:>9.2f}")
    return lines


def throughput(tmp: Path) -> list[str]:
    """Pages per second of `ingest_paths` on PDFs."""
    from bot.ingest.ingest import ingest_paths
    from bot.ingest.registry import Registry
    lines = ["== PDF INGESTION THROUGHPUT (ingest_paths: pdfminer.six extraction, passages, SQLite)",
             f"{'pdf':<38}{'pages':>7}{'passages':>10}{'seconds':>9}{'pages/s':>9}"]
    seed_pages = max(p for p, _ in layout_pdf(tmp / "seed.pdf", seed_blocks() * 8, font=CJK))
    cases = [("seed x8, Chinese, full pages", tmp / "seed.pdf", seed_pages),
             ("2,000 short pages, English", make_long_pdf(tmp / "long.pdf", 2000), 2000)]
    for label, path, pages in cases:
        registry = Registry(tmp / f"var-{path.stem}")
        started = time.perf_counter()
        result = ingest_paths(registry, [path])[0]
        seconds = time.perf_counter() - started
        lines.append(f"{label:<38}{pages:>7}{result.passages:>10}{seconds:>9.2f}{pages / seconds:>9.1f}")
    lines.append(f"(peak memory of this process so far: {peak_mb():.0f} MB)")
    return lines


def write_corpus(folder: Path, n: int) -> int:
    """~n passages as Markdown files: each synthetic passage under its own heading, Chinese in
    even files and English in odd ones. Returns the number of sections written."""
    from synthetic import generate
    folder.mkdir(parents=True, exist_ok=True)
    docs = generate(n)
    for start in range(0, n, FILE_PASSAGES):
        part = docs[start:start + FILE_PASSAGES]
        zh = (start // FILE_PASSAGES) % 2 == 0
        body = [f"# {'合作说明' if zh else 'Cooperation notes'} {start // FILE_PASSAGES}\n"]
        for d in part:
            body.append(f"## {d.title_zh if zh else d.title_en}\n\n{d.body_zh if zh else d.body_en}\n")
        (folder / f"notes-{start // FILE_PASSAGES:04d}.md").write_text("\n".join(body), "utf-8")
    return n


def corpus(tmp: Path, n: int) -> list[str]:
    """The 100k-passage corpus through ingestion, index build and queries."""
    from bot.answer.engine import Engine
    from bot.foundation.config import load_settings
    from bot.ingest.ingest import ingest_paths
    from bot.ingest.registry import Registry
    from index import detect_lang, plan_query

    folder = tmp / "corpus"
    log(f"writing {n} passages as Markdown")
    write_corpus(folder, n)
    data = tmp / "var"
    settings = load_settings(env={"NFPBOT_DATA_DIR": str(data)})
    registry = Registry(data)
    log("ingesting")
    started = time.perf_counter()
    results = ingest_paths(registry, [folder])
    ingest_s = time.perf_counter() - started
    passages = sum(r.passages for r in results)
    failed = [r for r in results if not r.ok]
    log(f"ingested {passages} passages from {len(results)} files in {ingest_s:.0f} s; building index")
    started = time.perf_counter()
    engine = Engine.from_settings(settings)
    build_s = time.perf_counter() - started
    status = engine.store.status()
    backend = engine.backend
    questions = [q.q for path in (OWN_QUESTIONS, DEV_QUESTIONS) if path.exists()
                 for q in load_questions(path) if q.expect is not None]

    def bm25(q: str) -> object:
        lang = detect_lang(q)
        plan = plan_query(q, engine.store.analyze, engine.store.thesaurus,
                          engine.search.expansion_weight, engine.store.speller)
        return backend.search(plan, limit=engine.search.limit + 1, prefer=lang,
                              snippet_fields=("body_en", "body_zh"))

    log(f"timing {len(questions)} questions x 3 passes")
    stage = measure(bm25, questions, passes=3)
    full = measure(lambda q: engine.answer(q), questions, passes=3)
    stage_cpu = cpu_ms(bm25, questions)
    full_cpu = cpu_ms(lambda q: engine.answer(q), questions)
    # the same index and questions without dense retrieval (a new question's embedding by the
    # bundled model is what the p99 above is made of)
    plain = Engine.from_settings(load_settings(env={"NFPBOT_DATA_DIR": str(data),
                                                    "NFPBOT_EMBEDDINGS__PROVIDER": "none"}))
    bm25_only = measure(lambda q: plain.answer(q), questions, passes=3)
    answered = sum(engine.answer(q).answered for q in questions)
    from_docs = sum(any(c.kind == "document" for c in engine.answer(q).citations) for q in questions)
    engine_name = status.get("engine", "?")
    label = f"{passages // 1000}k-doc"
    return [(f"== DOCUMENTS: {passages} passages ingested as {len(results)} Markdown files "
            f"(+{status['documents'] - passages} curated items), index engine: {engine_name}"),
            HEADER,
            row(label, "nfpbot BM25 stage (plan+search)", build_s, None, status["size_bytes"], stage, stage),
            row(label, "nfpbot engine.answer", build_s, None, status["size_bytes"], full, stage),
            row(label, "engine.answer, embeddings off", build_s, None, status["size_bytes"],
                bm25_only, stage),
            (f"{'':<9}(ingestion {ingest_s:.0f} s = {passages / ingest_s:.0f} passages/s, "
            f"{len(failed)} files failed; index build {build_s:.0f} s incl. analysis on "
            f"{_cpus()} processes; index {status['size_bytes'] / 1e6:.0f} MB, registry "
            f"{registry.path.stat().st_size / 1e6:.0f} MB; {answered}/{len(questions)} questions "
            f"answered, {from_docs} with a document passage among the citations; "
            f"peak memory {peak_mb():.0f} MB)"),
            (f"{'':<9}(CPU time per question, median / p99: BM25 stage {stage_cpu[0]:.2f} / "
             f"{stage_cpu[1]:.2f} ms, engine.answer {full_cpu[0]:.2f} / {full_cpu[1]:.2f} ms; load "
             f"average at the end {os.getloadavg()[0]:.1f} on {_cpus()} cores; the BM25 stage "
             "makes snippets lazily, engine.answer makes those it cites)")]


def _cpus() -> int:
    return os.cpu_count() or 1


def main(argv: list[str] | None = None) -> list[str]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--skip-extractors", action="store_true")
    parser.add_argument("--skip-corpus", action="store_true")
    args = parser.parse_args(argv)
    out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="nfpbot-docbench-") as name:
        tmp = Path(name)
        if not SEED.exists():   # both sections lay the seed out as PDFs
            out += [f"== PDF EXTRACTION and INGESTION THROUGHPUT: skipped, {SEED} not found", ""]
        else:
            if not args.skip_extractors:
                log("extractors")
                out += extractors(tmp) + [""]
            log("ingestion throughput")
            out += throughput(tmp) + [""]
        if not args.skip_corpus:
            out += corpus(tmp, args.passages)
    return out


if __name__ == "__main__":
    print("\n".join(main()))
