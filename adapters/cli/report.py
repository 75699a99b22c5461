"""`nfpbot report`: the content-gap report for the secretariat, from the state (see bot/report/report.py).

Registered on the main command group by adapters/cli/main.py.
"""

from __future__ import annotations

from pathlib import Path

import click

from adapters.cli.shared import engine_for, service_state
from bot.answer.engine import Engine
from bot.foundation.config import Settings


def engine_terms(engine: Engine):
    """Terms of a text with the index's own analysis (jieba, stemming), mapped to the words as
    typed, for grouping declined questions."""
    analyzer = engine.store.analyzer

    def terms(text: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for token in analyzer(text, positions=True, chars=True, mode="query"):
            if not getattr(token, "subword", False):
                out.setdefault(token.text, text[token.startchar:token.endchar].lower()
                               or token.text)
        return out

    return terms


@click.command("report")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="First day (YYYY-MM-DD); default: everything in the log.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "html"]),
              default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@click.pass_obj
def report(settings: Settings, since, fmt: str, output: Path | None) -> None:
    """What focal points ask, what is declined or down-voted, what is (never) cited, tips."""
    from bot.report.html import to_html
    from bot.report.report import build_report
    from bot.report.text import to_csv, to_json, to_text
    state = service_state(settings)     # before the engine, which would create a data directory
    try:
        engine = engine_for(settings)
        items = [(i.id, i.title.get("en") or i.id) for i in engine.knowledge.items]
        embed = engine.dense.embedder.encode_queries if engine.dense is not None else None
        data = build_report(state, items, engine_terms(engine), since.date() if since else None,
                            questions_kept=settings.report.keep_questions, embed=embed)
    finally:
        state.close()
    render = {"text": to_text, "json": to_json, "csv": to_csv, "html": to_html}[fmt]
    text = render(data)
    if output is None:
        click.echo(text, nl=False)
        return
    output.write_text(text, "utf-8")
    click.echo(f"report written to {output} ({len(text.encode()) / 1024:.0f} KiB)", err=True)
