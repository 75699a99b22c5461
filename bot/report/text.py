"""The content-gap report as text (for a terminal or an e-mail), JSON (for tools) and CSV (for a
spreadsheet: one row per figure, with its section)."""

from __future__ import annotations

import csv
import io
import json

from bot.report.report import Report


def to_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)


def to_text(report: Report) -> str:
    out = [f"nfpbot content-gap report, {report.since or 'all time'} to {report.until}", ""]
    out.append(f"Questions: {report.questions}, answered {report.answered} "
               f"({report.share_answered:.0%}), declined {report.questions - report.answered}")
    out.append(f"Weak answers: {report.weak} of the answered ({report.share_weak:.0%}): asked again"
               f" in other words in the conversation {report.asked_again}, thumbs-down"
               f" {report.thumbs_down}")
    out.append("By platform: " + _pairs(report.by_platform))
    out.append("By language: " + _pairs(report.by_lang))
    out += ["", "Questions per week (answered / declined):"]
    out += [f"  {w['week']}  {w['total']:5d}  {w['answered']:5d} / {w['declined']}"
            for w in report.weeks] or ["  none"]
    out += ["", "Declined questions, grouped by meaning and shared terms:"]
    if not report.questions_kept:
        out.append("  (not kept: report.keep_questions is off)")
    for g in report.declined_groups:
        out.append(f"  {g.count:4d}  [{g.label}]")
        out += [f"          - {q}" for q in g.questions[:5]]
    out += ["", "Answers that got a thumbs-down:"]
    out += [f"  - {d['question']}  ->  {', '.join(d['items']) or '(no item)'}"
            for d in report.downvoted] or ["  none"]
    out += ["", "Most cited items:"]
    out += [f"  {c['count']:5d}  {c['id']}" + ("" if c["title"] == c["id"] else f"  {c['title']}")
            for c in report.most_cited] or ["  none"]
    out += ["", f"Never cited ({len(report.never_cited)} items):"]
    out += [f"  {c['id']}  {c['title']}" for c in report.never_cited[:40]]
    if len(report.never_cited) > 40:
        out.append(f"  ... and {len(report.never_cited) - 40} more (--format json lists all)")
    out += ["", "Daily tips: " + ("; ".join(f"{p}: {_pairs(s)}" for p, s in report.tips.items())
                                  or "none")]
    return "\n".join(out) + "\n"


class _SafeWriter:
    """A csv writer that defuses cells a spreadsheet would run as a formula (user text may start
    with = + - @: the question log holds what anyone typed)."""

    def __init__(self, buffer: io.StringIO) -> None:
        self.writer = csv.writer(buffer)

    def writerow(self, row: list) -> None:
        self.writer.writerow([f"'{c}" if isinstance(c, str) and c[:1] in ("=", "+", "-", "@",
                                                                          "\t", "\r") else c
                              for c in row])


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = _SafeWriter(buffer)
    writer.writerow(["section", "key", "value", "detail"])
    writer.writerow(["summary", "questions", report.questions, ""])
    writer.writerow(["summary", "answered", report.answered, f"{report.share_answered:.3f}"])
    writer.writerow(["summary", "weak", report.weak, f"{report.share_weak:.3f}"])
    writer.writerow(["summary", "asked_again", report.asked_again, ""])
    writer.writerow(["summary", "thumbs_down", report.thumbs_down, ""])
    for w in report.weeks:
        detail = f"answered {w['answered']}, declined {w['declined']}"
        writer.writerow(["week", w["week"], w["total"], detail])
    for key, n in report.by_platform.items():
        writer.writerow(["platform", key, n, ""])
    for key, n in report.by_lang.items():
        writer.writerow(["language", key, n, ""])
    for g in report.declined_groups:
        writer.writerow(["declined_group", g.label, g.count, " | ".join(g.questions)])
    for d in report.downvoted:
        writer.writerow(["downvoted", d["question"], 1, " ".join(d["items"])])
    for c in report.most_cited:
        writer.writerow(["most_cited", c["id"], c["count"], c["title"]])
    for c in report.never_cited:
        writer.writerow(["never_cited", c["id"], 0, c["title"]])
    for platform, statuses in report.tips.items():
        for status, n in statuses.items():
            writer.writerow(["tips", f"{platform} {status}", n, ""])
    return buffer.getvalue()


def _pairs(counts: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"
