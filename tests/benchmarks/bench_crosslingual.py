"""Documents in the other language (issue 21), through the real code paths (`make bench` runs it;
also standalone):

1. Embedding speed of the bundled model on passage chunks (synthetic bilingual passages): passages
   per second, wall and per CPU-second, per batch size and thread setting (the row "batch 16"
   is how passages were embedded before).
2. A 300-page English PDF from `ingest` to answers in Chinese: ingestion, index build, passage
   vectors (`embeddings.documents: auto`), then Chinese questions (the Chinese version of a
   sentence of the PDF) answered from it, with the document filter and without; beside the
   same index with `embeddings.documents: false` (the default before). engine.answer median/p99
   with the document vectors in.
3. The BM25 stage per corpus size beside raw tantivy on the same jieba tokens, in the same run.

    .venv/bin/python tests/benchmarks/bench_crosslingual.py [--pdf-pages 300] [--sizes 1000,3000,10000,30000,100000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path[1:1] = [str(REPO), str(REPO / "tests")]  # index/ found before tests/index/

from bench_documents import DEV_QUESTIONS, OWN_QUESTIONS, cpu_ms, write_corpus  # noqa: E402
from speed import HEADER, measure, row  # noqa: E402
from synthetic import generate  # noqa: E402

from bot.answer.evaluation import load_questions  # noqa: E402
from index.fusion import DEPTH  # noqa: E402

PER_PAGE = 10  # synthetic paragraphs on a page of the generated PDF


def log(msg: str) -> None:
    print(f"[cross-lingual] {msg}", file=sys.stderr, flush=True)


def _load() -> str:
    return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def embedding_speed(count: int = 128) -> list[str]:
    """Passages per second of the bundled model on `count` distinct passage chunks."""
    from index.embedder import BundledEmbedder
    from index.vectors import chunk_document

    docs = generate(count)
    chunks = list(dict.fromkeys(c.text for p, d in enumerate(docs) for c in chunk_document(p, d)))
    sample = chunks[:count]
    chars = sum(map(len, sample)) / len(sample)
    lines = [f"== EMBEDDING SPEED: bundled model, {len(sample)} distinct passage chunks of synthetic "
             f"passages (both languages, {chars:.0f} characters on average; {_load()} at the start)",
             f"{'setting':<34}{'passages/s':>11}{'per CPU-s':>11}{'seconds':>9}"]
    for label, threads, batch in (("batch 16, all cores (before)", 0, 16),
                                  ("batch 32, all cores (now)", 0, 32),
                                  ("batch 1, all cores", 0, 1),
                                  ("batch 32, 1 thread", 1, 32)):
        os.environ.pop("OMP_NUM_THREADS", None)
        model = BundledEmbedder(threads)
        model.encode_passages(sample[:2])
        started, cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(sample), batch):
            model.encode_passages(sample[i:i + batch])
        wall, used = time.perf_counter() - started, time.process_time() - cpu
        lines.append(f"{label:<34}{len(sample) / wall:>11.1f}{len(sample) / used:>11.1f}{wall:>9.1f}")
        log(lines[-1])
    os.environ.pop("OMP_NUM_THREADS", None)
    lines.append(f"(at the end: {_load()}; a passage of the index is ~2-3 such chunks)")
    return lines


def _first_sentence(text: str, stop: str) -> str:
    return text.split(stop)[0] + stop


def pdf_to_answers(tmp: Path, pages: int) -> list[str]:
    """A `pages`-page English PDF through ingest, index, vectors, then Chinese questions."""
    from document_files import make_pdf

    from bot.answer.engine import Engine, Filters
    from bot.foundation.config import load_settings
    from bot.ingest.ingest import ingest_paths
    from bot.ingest.registry import Registry

    docs = generate(pages * PER_PAGE)
    layout = [[("h2", docs[p * PER_PAGE].title_en)]
              + [("p", d.body_en) for d in docs[p * PER_PAGE:(p + 1) * PER_PAGE]]
              for p in range(pages)]
    pdf = make_pdf(tmp / "report.pdf", layout)
    data = tmp / "var-pdf"
    # documents: true, as `auto` stops at its limit (2,000 passages) and 300 pages make more: the
    # row then shows what passage vectors cost at about that size (the "before" row is auto's fallback)
    env = {"NFPBOT_DATA_DIR": str(data), "NFPBOT_EMBEDDINGS__DOCUMENTS": "true"}
    log(f"{pages}-page PDF: ingesting")
    started = time.perf_counter()
    result = ingest_paths(Registry(data), [pdf])[0]
    ingest_s = time.perf_counter() - started
    log(f"{result.passages} passages in {ingest_s:.0f} s; building the index and the vectors")
    started, cpu_started = time.perf_counter(), time.process_time()
    engine = Engine.from_settings(load_settings(env=env))
    ready_s, ready_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    vectors = engine.dense.vectors if engine.dense is not None else None
    embedded = sum(1 for i in vectors.embedded_ids if "#" in i) if vectors is not None else 0
    chunks = (sum(1 for d in vectors.doc if "#" in vectors.ids[int(d)])
              if vectors is not None else 0)
    # Chinese questions: the Chinese version of a sentence of the PDF, which must be cited
    sample = docs[:: max(1, len(docs) // 40)][:40]
    questions = [(_first_sentence(d.body_zh, "。"), _first_sentence(d.body_en, ".")) for d in sample]
    first_started = time.perf_counter()
    engine.answer(questions[0][0], filters=Filters(doc=result.doc_id))
    first_s = time.perf_counter() - first_started

    def hits(eng: Engine, doc: str | None) -> int:
        found = 0
        for question, sentence in questions:
            answer = eng.answer(question, filters=Filters(doc=doc) if doc else None)
            found += any(c.kind == "document" and sentence in c.text for c in answer.citations)
        return found

    with_doc, without = hits(engine, result.doc_id), hits(engine, None)
    own = [q.q for path in (OWN_QUESTIONS, DEV_QUESTIONS) if path.exists()
           for q in load_questions(path) if q.expect is not None]
    latency = measure(lambda q: engine.answer(q), own + [q for q, _ in questions], passes=2)
    cpu = cpu_ms(lambda q: engine.answer(q), own + [q for q, _ in questions], passes=1)
    log("the same index with embeddings.documents: false (before)")
    before = Engine.from_settings(load_settings(env={**env, "NFPBOT_EMBEDDINGS__DOCUMENTS": "false"}))
    before_doc, before_all = hits(before, result.doc_id), hits(before, None)
    before_latency = measure(lambda q: before.answer(q), own + [q for q, _ in questions], passes=2)
    n = len(questions)
    return [
        f"== A {pages}-PAGE ENGLISH PDF, FROM `ingest` TO ANSWERS IN CHINESE, embeddings.documents: true ({_load()})",
        (f"ingest {ingest_s:.1f} s ({pages / ingest_s:.0f} pages/s, {result.passages} passages); index "
         f"and passage vectors {ready_s:.1f} s ({embedded} passages embedded, "
         f"{embedded / ready_s if ready_s else 0:.1f} passages/s including the index build; CPU "
         f"{ready_cpu:.0f} s = {embedded / ready_cpu if ready_cpu else 0:.1f} passages per CPU-second; "
         f"{chunks} chunks embedded, {chunks / max(embedded, 1):.1f} a passage); first "
         f"answer {first_s:.2f} s: from `ingest` to cross-lingual answers "
         f"{ingest_s + ready_s + first_s:.0f} s"),
        (f"Chinese questions citing the English sentence: {with_doc}/{n} with `doc ID`, {without}/{n} "
         f"against everything; before (embeddings.documents false): {before_doc}/{n} and "
         f"{before_all}/{n}"),
        HEADER,
        row(f"pdf{pages}", "engine.answer, passage vectors", ready_s, None, 0, latency, latency),
        row(f"pdf{pages}", "engine.answer, before (no vectors)", 0.0, None, 0, before_latency, latency),
        (f"{'':<9}(CPU time per question with passage vectors, median / p99: {cpu[0]:.1f} / "
         f"{cpu[1]:.1f} ms; {len(own)} own and dev questions + {n} Chinese questions)"),
    ]


def bm25_sizes(tmp: Path, sizes: list[int]) -> list[str]:
    """The BM25 stage of nfpbot beside raw tantivy on the same jieba tokens, per corpus size."""
    from baselines import TantivyBaseline, segment_docs

    from bot.answer.corpus import index_corpus
    from bot.answer.engine import Engine
    from bot.foundation.config import load_settings
    from bot.ingest.ingest import ingest_paths
    from bot.ingest.registry import Registry
    from index import detect_lang, plan_query

    questions = [q.q for path in (OWN_QUESTIONS, DEV_QUESTIONS) if path.exists()
                 for q in load_questions(path) if q.expect is not None]
    lines = [f"== BM25 STAGE PER SIZE beside raw tantivy on the same jieba tokens ({len(questions)} "
             "on-topic questions x 3 passes; wall ms, and CPU p99 of the calling thread; '+ "
             "translated': with the search of the translated question the engine adds for "
             "passages in the other language)",
             f"{'passages':>9}  {'backend':<16}{'median ms':>10}{'p99 ms':>9}{'CPU p99':>9}"
             f"{'tantivy raw median':>20}{'p99':>7}"]
    for n in sizes:
        folder, data = tmp / f"sizes-{n}", tmp / f"var-sizes-{n}"
        write_corpus(folder, n)
        registry = Registry(data)
        ingest_paths(registry, [folder])
        settings = load_settings(env={"NFPBOT_DATA_DIR": str(data),
                                      "NFPBOT_EMBEDDINGS__PROVIDER": "none"})
        log(f"{n} passages: index")
        engine = Engine.from_settings(settings)
        backend = engine.backend

        def stage(q: str, engine: Engine = engine) -> object:
            plan = plan_query(q, engine.store.analyze, engine.store.thesaurus,
                              engine.search.expansion_weight, engine.store.speller)
            return engine.backend.search(plan, limit=engine.search.limit + 1, prefer=detect_lang(q),
                                         snippet_fields=("body_en", "body_zh"))

        def lexical(q: str, engine: Engine = engine) -> object:
            """The whole lexical stage of engine.answer: the question's own search and, with
            passages in the other language, the translated one (bot/answer/crosslingual.py)."""
            plan = plan_query(q, engine.store.analyze, engine.store.thesaurus,
                              engine.search.expansion_weight, engine.store.speller)
            fields = ("body_en", "body_zh")
            own = engine.backend.search(plan, limit=DEPTH, prefer=detect_lang(q), snippet_fields=fields)
            assert engine.crosslingual is not None
            other = engine.crosslingual.hits(plan, detect_lang(q), engine.backend, engine.store.analyze,
                                             (), DEPTH, fields, engine.backend.generation)
            return own, other

        assert engine.crosslingual is not None and engine.crosslingual._load() is not None
        lat = measure(stage, questions, passes=3)
        cpu = cpu_ms(stage, questions)
        both = measure(lexical, questions, passes=3)
        both_cpu = cpu_ms(lexical, questions)
        docs, _ = index_corpus(engine.knowledge, settings.search.background_boost,
                               settings.search.document_boost, data, registry)
        raw = TantivyBaseline()
        raw.build(segment_docs(list(docs), procs=min(2, os.cpu_count() or 1), fast_en=True),
                  tmp / f"raw-{n}")
        raw_lat = measure(raw.search, questions, passes=3)
        name = type(getattr(backend, "current", backend)).__name__.replace("Backend", "")
        lines.append(f"{n:>9}  {name:<16}{lat.median_ms:>10.2f}{lat.p99_ms:>9.2f}{cpu[1]:>9.2f}"
                     f"{raw_lat.median_ms:>20.2f}{raw_lat.p99_ms:>7.2f}   {_load()}")
        lines.append(f"{'':>9}  {'+ translated':<16}{both.median_ms:>10.2f}{both.p99_ms:>9.2f}"
                     f"{both_cpu[1]:>9.2f}")
        log(lines[-1])
    lines.append(f"({_load()} at the end)")
    return lines


def main(argv: list[str] | None = None) -> list[str]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf-pages", type=int, default=300)
    parser.add_argument("--sizes", default="1000,3000,10000,30000,100000")
    parser.add_argument("--skip-embedding", action="store_true")
    args = parser.parse_args(argv)
    out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="nfpbot-xl-bench-") as name:
        tmp = Path(name)
        if not args.skip_embedding:
            out += embedding_speed() + [""]
        if args.pdf_pages:
            out += pdf_to_answers(tmp, args.pdf_pages) + [""]
        sizes = [int(s) for s in args.sizes.split(",") if s]
        if sizes:
            out += bm25_sizes(tmp, sizes)
    return out


if __name__ == "__main__":
    print("\n".join(main()))

