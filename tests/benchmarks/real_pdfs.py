"""Real PDFs nobody on the team made (tests/benchmarks/real_pdfs.yaml), ingested beside the
knowledge base with default settings: how often the right document and page are among the first 3
citations, for questions in the document's language and in the other one, on the documents the
extraction was tuned on and on held-out ones (each held-out `batch` apart, so a batch added later
measures generalisation on its own), with each group's misses counted by kind (declined, and by
which decline message; the right document at another page; other documents only), and whether
the passages are clean (no `(cid:`, none
starting with a running header, titles that are not file names). Ingestion pages per second too.

The PDFs are not in git (tests/data/real_pdfs/README.md says how to fetch them); a missing one is
named and skipped. `make bench` runs this through run_all.py; standalone:

    .venv/bin/python tests/benchmarks/real_pdfs.py [--show-misses] [--show-held-out-misses]

`--show-misses` prints the misses on the tuned documents only; the held-out ones stay counts unless
`--show-held-out-misses` asks, so nobody tunes on them by accident.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PDFS = REPO / "tests" / "data" / "real_pdfs"
QUESTIONS = HERE / "real_pdfs.yaml"
TOP = 3


@dataclass(slots=True)
class Result:
    doc: str
    held_out: bool
    group: str  # "tuned-on", "held-out", or the held-out batch's name (scored apart)
    same_lang: bool
    question: str
    page: int
    hit: bool
    got: list[tuple[str, int | None]]
    declined: str = ""  # the decline's message key (config/messages.yaml) when not answered


def _lang(text: str) -> str:
    return "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"


def run(show_misses: bool = False, show_held_out_misses: bool = False) -> list[str]:
    from bot.answer.engine import Engine
    from bot.foundation.config import load_settings
    from bot.ingest.ingest import ingest_paths, slug
    from bot.ingest.registry import Registry

    spec = yaml.safe_load(QUESTIONS.read_text("utf-8"))["documents"]
    present = [d for d in spec if (PDFS / d["file"]).is_file()]
    missing = [d["file"] for d in spec if d not in present]
    out = ["== REAL PDFS (tests/benchmarks/real_pdfs.yaml; default settings, knowledge base competing)"]
    if missing:
        out.append(f"missing (see tests/data/real_pdfs/README.md): {', '.join(missing)}")
    if not present:
        return out + ["skipped: no PDF present"]
    with tempfile.TemporaryDirectory(prefix="nfpbot-realpdfs-") as tmp:
        settings = load_settings(env={"NFPBOT_DATA_DIR": str(Path(tmp) / "var")})
        registry = Registry(Path(settings.data_dir))
        out.append(f"{'document':<34}{'pages':>6}{'passages':>9}{'seconds':>8}{'pages/s':>8}  title")
        pages = seconds = 0.0
        for d in present:
            started = time.perf_counter()
            [result] = ingest_paths(registry, [PDFS / d["file"]])
            took = time.perf_counter() - started
            doc = registry.get(result.doc_id or "")
            pages += result.pages or 0
            seconds += took
            title = doc.title(doc.lang) if doc else f"FAILED: {result.message}"
            out.append(f"{d['file'][:33]:<34}{result.pages or 0:>6}{result.passages:>9}{took:>8.1f}"
                       f"{(result.pages or 0) / took:>8.1f}  {title[:60]}")
            for warning in result.warnings:
                out.append(f"{'':<34}warning: {warning[:110]}")
        out.append(f"{'all':<34}{pages:>6.0f}{'':>9}{seconds:>8.1f}{pages / seconds:>8.1f}")
        engine = Engine.from_settings(settings)
        results = _ask(engine, present, slug)
        out += _scores(results)
        out += _cleanliness(registry, present, results, slug)
        shown = [r for r in results if not r.hit
                 and (show_held_out_misses if r.held_out else show_misses)]
        out += [f"  miss{' (held out)' if r.held_out else ''} [{r.doc} p.{r.page}] {r.question} -> {r.got}"
                for r in shown]
    return out


def _ask(engine, present: list[dict], slug) -> list[Result]:
    results = []
    declines = _decline_patterns()
    for d in present:
        doc_id = slug(Path(d["file"]))
        for q in d["questions"]:
            answer = engine.answer(q["q"])
            got = [(c.doc or c.id, c.page) for c in answer.citations[:TOP]]
            hit = any(doc == doc_id and page == q["page"] for doc, page in got)
            held_out = bool(d.get("held_out"))
            group = d.get("batch", "held-out") if held_out else "tuned-on"
            declined = "" if answer.answered else next(
                (key for key, pattern in declines if pattern.match(" ".join(answer.lead.split()))), "?")
            results.append(Result(doc_id, held_out, group, _lang(q["q"]) == d["lang"],
                                  q["q"], q["page"], hit, got, declined))
    return results


def _scores(results: list[Result]) -> list[str]:
    out = [f"right document and page among the first {TOP} citations:"]
    for name in dict.fromkeys(r.group for r in sorted(results, key=lambda r: r.held_out)):
        for same in (True, False):
            group = [r for r in results if r.group == name and r.same_lang == same]
            if group:
                share = sum(r.hit for r in group) / len(group)
                out.append(f"  {name:<9} "
                           f"{'same language' if same else 'other language':<15}"
                           f"{sum(r.hit for r in group):>3}/{len(group):<3} {share:.2f}"
                           f"  {_miss_kinds(group)}")
    return out


def _miss_kinds(group: list[Result]) -> str:
    """What the misses are, as counts (held-out questions stay unseen): declined (no citation),
    the right document at another page, or other documents only."""
    misses = [r for r in group if not r.hit]
    declined = Counter(r.declined for r in misses if not r.got)
    page = sum(bool(r.got) and any(doc == r.doc for doc, _ in r.got) for r in misses)
    why = ", ".join(f"{key} {n}" for key, n in declined.most_common())
    return (f"misses: {declined.total()} declined{f' ({why})' if why else ''}, {page} right "
            f"document other page, {len(misses) - declined.total() - page} other documents"
            if misses else "")


def _decline_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Each decline message (config/messages.yaml: lead_declined*, gap_*) as a pattern of its
    text in either language, its fields matching anything, the longest first."""
    messages = yaml.safe_load((REPO / "config" / "messages.yaml").read_text("utf-8"))
    out = []
    for key, texts in messages.items():
        if key.startswith(("lead_declined", "gap_")) and isinstance(texts, dict):
            for text in (t for lang, t in texts.items() if lang in ("en", "zh") and isinstance(t, str)):
                parts = re.split(r"\{\w+\}", " ".join(text.split()))
                out.append((key, re.compile(".*?".join(re.escape(p) for p in parts))))
    return sorted(out, key=lambda kp: -len(kp[1].pattern))


def _cleanliness(registry, present: list[dict], results: list[Result], slug) -> list[str]:
    cid = headed = 0
    file_titles = []
    for d in present:
        doc_id = slug(Path(d["file"]))
        header = d.get("running_header")
        for _, p in registry.passages(doc_id):
            cid += "(cid:" in p.text
            headed += bool(header) and p.text.startswith(header)
        doc = registry.get(doc_id)
        if doc and doc.title(doc.lang).replace(" ", "-").lower() in (doc_id, Path(d["file"]).stem.lower()):
            file_titles.append(doc_id)
    return [f"passages containing '(cid:': {cid}; starting with a running header: {headed}; "
            f"titles that are file names: {len(file_titles)} {file_titles or ''}"]


def main(argv: list[str] | None = None) -> list[str]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true",
                        help="print the questions missed on the tuned documents")
    parser.add_argument("--show-held-out-misses", action="store_true",
                        help="print the held-out documents' missed questions too (do not tune on them)")
    args = parser.parse_args(argv)
    return run(args.show_misses, args.show_held_out_misses)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    print("\n".join(main()))
