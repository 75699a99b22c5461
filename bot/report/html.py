"""The content-gap report as one self-contained HTML page: inline CSS and SVG charts, no script,
no external file, so it can be mailed or opened offline. Every text from the log is escaped."""

from __future__ import annotations

import unicodedata
from html import escape

from bot.report.report import Report

GREEN, ORANGE, BLUE, GREY, RED = "#2e7d32", "#ef6c00", "#1565c0", "#9e9e9e", "#c62828"
STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",sans-serif;
margin:2rem auto;max-width:980px;color:#212121;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;
border-bottom:1px solid #e0e0e0;padding-bottom:.3rem}
.muted{color:#616161}.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #e0e0e0;border-radius:8px;padding:.7rem 1rem;min-width:150px}
.card b{display:block;font-size:1.6rem}table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eeeeee;vertical-align:top}
th{font-weight:600}.n{text-align:right;white-space:nowrap}.grid{display:grid;
grid-template-columns:1fr 1fr;gap:1rem}svg text{font-family:inherit;font-size:11px}
ul{margin:.2rem 0 .2rem 1.2rem;padding:0}
"""


def to_html(report: Report) -> str:
    declined = report.questions - report.answered
    period = f"{report.since or 'all time'} – {report.until}"
    parts = [
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        f"<title>nfpbot content-gap report, {escape(period)}</title><style>{STYLE}</style>",
        "</head><body>",
        "<h1>What focal points ask, and what the bot cannot answer yet</h1>",
        (f"<p class=\"muted\">nfpbot content-gap report · {escape(period)} · no user ids are "
         "kept; question texts only of declined and down-voted answers</p>"),
        "<div class=\"cards\">",
        _card("questions", str(report.questions)),
        _card("answered", f"{report.share_answered:.0%}"),
        _card("declined", str(declined)),
        _card("thumbs-down", str(report.thumbs_down)),
        _card("weak answers", f"{report.share_weak:.0%}"),
        _card("items never cited", str(len(report.never_cited))),
        "</div>",
        "<h2>Questions per week</h2>",
        weekly_chart(report.weeks),
        "<div class=\"grid\"><div><h2>By platform</h2>",
        hbars(list(report.by_platform.items()), BLUE, "Questions by platform"),
        "</div><div><h2>By language</h2>",
        hbars(list(report.by_lang.items()), BLUE, "Questions by language"),
        "</div></div>",
        "<h2>Declined questions, grouped by meaning and shared terms</h2>",
        _groups(report),
        "<h2>Answers that got a thumbs-down</h2>",
        (f"<p class=\"muted\">Weak answers: {report.weak} of the {report.answered} answered"
         f" ({report.share_weak:.0%}): asked again in other words in the same conversation"
         f" {report.asked_again}, thumbs-down {report.thumbs_down}.</p>"),
        _downvoted(report),
        "<h2>Most cited items</h2>",
        hbars([(_cited_label(c), c["count"]) for c in report.most_cited], GREEN,
              "Most cited items", label_width=420),
        f"<h2>Never cited ({len(report.never_cited)} items)</h2>",
        _never_cited(report),
        "<h2>Daily tips</h2>",
        tips_chart(report.tips),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _cited_label(cited: dict) -> str:
    """Title first, then the id (once: a document passage has no other title here)."""
    return cited["id"] if cited["title"] == cited["id"] else f"{cited['title']} · {cited['id']}"


def _card(label: str, value: str) -> str:
    return f"<div class=\"card\"><b>{escape(value)}</b>{escape(label)}</div>"


def weekly_chart(weeks: list[dict], width: int = 940, height: int = 260) -> str:
    """Stacked columns (answered, declined) per week, with the share answered above each."""
    if not weeks:
        return "<p class=\"muted\">No questions in this period.</p>"
    left, bottom, top = 40, 40, 24
    plot_h = height - bottom - top
    tick = nice_step(max(w["total"] for w in weeks) / 4)
    peak = tick * 4
    step = (width - left - 10) / len(weeks)
    bar = max(4.0, min(48.0, step * 0.7))
    out = [_svg_open(width, height, "Questions per week: answered and declined")]
    for k in range(5):                                   # grid lines and the y axis
        value = tick * k
        y = top + plot_h - plot_h * k / 4
        out.append(f"<line x1=\"{left}\" x2=\"{width - 10}\" y1=\"{y:.1f}\" y2=\"{y:.1f}\" "
                   f"stroke=\"#eeeeee\"/><text x=\"{left - 6}\" y=\"{y + 4:.1f}\" "
                   f"text-anchor=\"end\" fill=\"#616161\">{value:.0f}</text>")
    for i, w in enumerate(weeks):
        x = left + i * step + (step - bar) / 2
        h_ans = plot_h * w["answered"] / peak
        h_dec = plot_h * w["declined"] / peak
        y_ans = top + plot_h - h_ans
        out.append(f"<rect x=\"{x:.1f}\" y=\"{y_ans:.1f}\" width=\"{bar:.1f}\" "
                   f"height=\"{h_ans:.1f}\" fill=\"{GREEN}\"><title>{escape(w['week'])}: "
                   f"{w['answered']} answered</title></rect>")
        out.append(f"<rect x=\"{x:.1f}\" y=\"{y_ans - h_dec:.1f}\" width=\"{bar:.1f}\" "
                   f"height=\"{h_dec:.1f}\" fill=\"{ORANGE}\"><title>{escape(w['week'])}: "
                   f"{w['declined']} declined</title></rect>")
        share = w["answered"] / w["total"] if w["total"] else 0
        out.append(f"<text x=\"{x + bar / 2:.1f}\" y=\"{y_ans - h_dec - 5:.1f}\" "
                   f"text-anchor=\"middle\" fill=\"#424242\">{share:.0%}</text>")
        if len(weeks) <= 16 or i % max(1, len(weeks) // 12) == 0:
            out.append(f"<text x=\"{x + bar / 2:.1f}\" y=\"{height - bottom + 16}\" "
                       f"text-anchor=\"middle\" fill=\"#616161\">{escape(w['week'][5:])}</text>")
    out.append(_legend([(GREEN, "answered"), (ORANGE, "declined")], left, height - 10))
    out.append("</svg>")
    return "".join(out)


def nice_step(raw: float) -> float:
    """The smallest of 1, 2, 5 x 10^n at least `raw` (round axis ticks)."""
    step = 1.0
    while step < raw:
        for factor in (2, 2.5, 2):
            step *= factor
            if step >= raw:
                break
    return step


def fit(label: str, pixels: int) -> str:
    """`label` cut at its end (never its start) to about `pixels` of 12 px text: a Chinese
    character is about twice as wide as a Latin one."""
    used = 0.0
    for i, ch in enumerate(label):
        used += 12.5 if unicodedata.east_asian_width(ch) in ("W", "F") else 7.0
        if used > pixels - 8:
            return label[:i].rstrip(" ·") + "…"
    return label


def hbars(rows: list[tuple[str, int]], color: str, title: str, label_width: int = 140,
          width: int = 460) -> str:
    """Horizontal bars with their values; labels escaped and shortened."""
    if not rows:
        return "<p class=\"muted\">None.</p>"
    if label_width > 200:
        width = 940
    row_h, peak = 22, max(n for _, n in rows) or 1
    height = row_h * len(rows) + 8
    span = width - label_width - 50
    out = [_svg_open(width, height, title)]
    for i, (label, n) in enumerate(rows):
        y = 4 + i * row_h
        out.append(f"<text x=\"4\" y=\"{y + 15}\"><title>{escape(label)}</title>"
                   f"{escape(fit(label, label_width - 12))}</text>")
        length = max(1.0, span * n / peak)
        out.append(f"<rect x=\"{label_width}\" y=\"{y + 3}\" width=\"{length:.1f}\" "
                   f"height=\"{row_h - 6}\" fill=\"{color}\" rx=\"2\"/>")
        out.append(f"<text x=\"{label_width + length + 5:.1f}\" y=\"{y + 15}\">{n}</text>")
    out.append("</svg>")
    return "".join(out)


def tips_chart(tips: dict[str, dict[str, int]]) -> str:
    """Per platform, one stacked bar: sent, failed, still claimed."""
    if not tips:
        return "<p class=\"muted\">No tips in this period.</p>"
    colors = {"sent": GREEN, "failed": RED, "claimed": GREY}
    width, label_width, row_h = 940, 100, 30
    height = row_h * len(tips) + 34
    peak = max(sum(s.values()) for s in tips.values()) or 1
    span = width - label_width - 240   # room for the summary text
    out = [_svg_open(width, height, "Daily tips by platform: sent, failed, claimed")]
    for i, (platform, statuses) in enumerate(tips.items()):
        y, x = 4 + i * row_h, float(label_width)
        out.append(f"<text x=\"{label_width - 6}\" y=\"{y + 18}\" text-anchor=\"end\">"
                   f"{escape(platform)}</text>")
        for status in ("sent", "failed", "claimed"):
            n = statuses.get(status, 0)
            if n:
                length = span * n / peak
                out.append(f"<rect x=\"{x:.1f}\" y=\"{y + 4}\" width=\"{length:.1f}\" "
                           f"height=\"{row_h - 8}\" fill=\"{colors[status]}\"><title>{status}: "
                           f"{n}</title></rect>")
                x += length
        summary = ", ".join(f"{s} {statuses[s]}" for s in ("sent", "failed", "claimed")
                            if statuses.get(s))
        out.append(f"<text x=\"{x + 6:.1f}\" y=\"{y + 18}\">{escape(summary)}</text>")
    out.append(_legend([(GREEN, "sent"), (RED, "failed"), (GREY, "claimed")], label_width,
                       height - 8))
    out.append("</svg>")
    return "".join(out)


def _svg_open(width: int, height: int, title: str) -> str:
    return (f"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"100%\" "
            f"viewBox=\"0 0 {width} {height}\" style=\"max-width:{width}px\">"
            f"<title>{escape(title)}</title>")


def _legend(entries: list[tuple[str, str]], x: int, y: int) -> str:
    out = []
    for color, label in entries:
        out.append(f"<rect x=\"{x}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{color}\"/>"
                   f"<text x=\"{x + 14}\" y=\"{y}\">{escape(label)}</text>")
        x += 24 + 7 * len(label)
    return "".join(out)


def _groups(report: Report) -> str:
    if not report.questions_kept:
        return ("<p class=\"muted\">Question texts are not kept (report.keep_questions is off)."
                "</p>")
    if not report.declined_groups:
        return "<p class=\"muted\">No declined questions in this period.</p>"
    rows = "".join(
        f"<tr><td class=\"n\">{g.count}</td><td><b>{escape(g.label)}</b><ul>"
        + "".join(f"<li>{escape(q)}</li>" for q in g.questions[:5]) + "</ul></td></tr>"
        for g in report.declined_groups)
    return f"<table><tr><th class=\"n\">asked</th><th>shared terms, questions</th></tr>{rows}</table>"


def _downvoted(report: Report) -> str:
    if not report.downvoted:
        return "<p class=\"muted\">None in this period.</p>"
    rows = "".join(f"<tr><td>{escape(d['question'])}</td><td>{escape(', '.join(d['items']))}"
                   f"</td><td>{escape(d['platform'])}</td><td>{escape(d['at'][:10])}</td></tr>"
                   for d in report.downvoted)
    return ("<table><tr><th>question</th><th>cited</th><th>platform</th><th>date</th></tr>"
            f"{rows}</table>")


def _never_cited(report: Report) -> str:
    if not report.never_cited:
        return "<p class=\"muted\">Every item was cited at least once.</p>"
    items = "".join(f"<li><code>{escape(c['id'])}</code> {escape(c['title'])}</li>"
                    for c in report.never_cited[:200])
    return f"<ul>{items}</ul>"
