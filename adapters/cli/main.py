"""The `nfpbot` command line: the composition root that builds the engine and starts adapters.

It is the only module that knows every adapter; `BotError`s become click errors here, with the
file, key and fix they carry, and never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import click

from adapters.cli.documents import documents, ingest
from adapters.cli.report import report as _report
from adapters.cli.shared import engine_for, fail, knowledge_for, pass_settings, runtime_for
from adapters.cli.state import register as _register_state
from bot.answer.engine import Engine, Filters
from bot.foundation.config import Settings, load_settings
from bot.foundation.errors import BotError


@click.group()
@click.version_option(package_name="nfpbot", prog_name="nfpbot")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="User config file (default: $NFPBOT_CONFIG, else config/default.yaml only).")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None) -> None:
    """nfpbot: answers from the biodiversity conventions Sourcebook, in Chinese and English."""
    # Whatever nfpbot writes (index, caches, registry, state) is its user's alone: 700/600.
    os.umask(0o077)
    try:
        ctx.obj = load_settings(config_path)
    except BotError as exc:
        raise fail(exc) from None
    from bot.runtime import configure_logging
    configure_logging(ctx.obj.log_level if ctx.invoked_subcommand in ("serve", "run") else "WARNING",
                      ctx.obj.log_format, ctx.obj.secrets)


@cli.command()
@click.argument("question")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Answer language.")
@click.option("--limit", type=click.IntRange(1, 20), default=None, help="Citations per answer.")
@click.option("--theme", type=click.IntRange(1, 6), default=None, help="Only items of this theme.")
@click.option("--convention", type=click.Choice(["cbd", "cites", "cms", "itpgrfa", "ramsar", "whc"],
              case_sensitive=False), default=None, help="Only items tagged with this convention.")
@click.option("--json", "as_json", is_flag=True, help="JSON output; with QUESTION '-', JSON Lines from stdin.")
@click.option("--doc", default=None, help="Only passages of this ingested document (documents list).")
@pass_settings
def ask(settings: Settings, question: str, lang: str | None, limit: int | None, theme: int | None,
        convention: str | None, as_json: bool, doc: str | None) -> None:
    """Answer QUESTION ('-' reads one question per line from stdin)."""
    engine = engine_for(settings)
    if doc and (engine.passages is None or engine.passages.registry.get(doc.lower()) is None):
        raise click.ClickException(f"no document '{doc}'; see nfpbot documents list")
    filters = Filters(theme=theme, convention=convention, doc=doc)
    if question == "-":
        from adapters.batch import answer_batch
        try:
            answer_batch(engine, sys.stdin.buffer, sys.stdout.buffer, lang, limit, filters, as_json,  # type: ignore[arg-type]
                         timedelta(minutes=settings.conversation.ttl_minutes))
        except BrokenPipeError:
            raise   # the reader went away: click ends quietly
        except OSError as exc:   # stdin or stdout itself failed (a full disk): no line can be answered
            raise click.ClickException(f"batch stopped: {exc.strerror or exc}") from None
        return
    from bot.answer.lists import Lists
    listed = None if (theme or convention or doc) else Lists(engine).answer(question, lang, limit=limit)  # type: ignore[arg-type]
    answer = listed or engine.answer(question, lang=lang, limit=limit, filters=filters)  # type: ignore[arg-type]
    if as_json:
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        from adapters.console import render_answer
        click.echo(render_answer(answer, engine.messages, color=sys.stdout.isatty(),
                                 more_hint="ask_more", limit=limit))


@cli.command()
@pass_settings
def chat(settings: Settings) -> None:
    """Chat in the terminal (also reads questions piped on stdin)."""
    from adapters.console import HISTORY_FILE
    from adapters.console import chat as console_chat
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")   # bytes that are not UTF-8 are no reason to stop
    runtime = runtime_for(settings)
    console_chat(runtime.commands, banner=runtime.engine.messages.get("welcome", "en"),
                 history=Path(settings.data_dir) / HISTORY_FILE)


@cli.command()
@pass_settings
def run(settings: Settings) -> None:
    """The main job: serve the platforms that have tokens, else the console chat."""
    from adapters.serve import run_main
    try:
        run_main(settings)
    except BotError as exc:
        raise fail(exc) from None


@cli.command()
@click.argument("platform", type=click.Choice(["telegram", "slack", "web", "feishu", "dingtalk",
                                               "all"]),
                default="all")
@click.option("--http/--socket-mode", "http", default=None,
              help="Slack: HTTP mode at /slack/events, or Socket Mode (default: Socket Mode when "
                   "SLACK_APP_TOKEN is set, else HTTP mode).")
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Port of the web chat (`serve web`, default web.port), of Feishu's HTTP mode "
                   "(`serve feishu`, default feishu.http_port) or of Slack's HTTP mode "
                   "(default slack.http_port).")
@pass_settings
def serve(settings: Settings, platform: str, http: bool | None, port: int | None) -> None:
    """Serve Telegram, Slack, the web chat, Feishu/Lark, DingTalk, or all that are configured."""
    from adapters.serve import serve_platforms
    try:
        serve_platforms(settings, platform, slack_http=http,
                        slack_port=None if platform in ("web", "feishu") else port,
                        web_port=port if platform == "web" else None,
                        feishu_port=port if platform == "feishu" else None)
    except BotError as exc:
        raise fail(exc) from None


@cli.group()
def index() -> None:
    """Build or inspect the search index."""


@index.command("build")
@click.option("--force", is_flag=True, help="Rebuild even if the knowledge has not changed.")
@pass_settings
def index_build(settings: Settings, force: bool) -> None:
    """Build the index (only if the knowledge changed, unless --force)."""
    from bot.foundation.datadir import prepare_data_dir
    started = time.perf_counter()
    try:
        prepare_data_dir(settings.data_dir)
        engine = Engine.from_settings(settings, force=force)
    except BotError as exc:
        raise fail(exc) from None
    status = engine.store.status()
    click.echo(f"index {status.get('hash')} ready: {status.get('documents')} documents, "
               f"{status.get('size_bytes', 0) / 1024:.0f} KiB ({time.perf_counter() - started:.2f} s)")
    dense = engine.dense
    click.echo(f"semantic search: {dense.embedder.name}, {len(dense.vectors.doc)} passage vectors"
               if dense is not None else "semantic search: off (BM25F alone)")


@index.command("seed-vectors")
@pass_settings
def index_seed_vectors(settings: Settings) -> None:
    """Rewrite knowledge/vectors/ from the current index (maintainers, after editing knowledge)."""
    from bot.answer.embedding import write_seed
    engine = engine_for(settings)
    if engine.dense is None:
        raise fail(BotError("semantic search is off: nothing to write. Fix: set "
                             "embeddings.provider to bundled."))
    path, count = write_seed(engine.dense)
    click.echo(f"{count} vectors written to {path}")


@index.command("status")
@pass_settings
def index_status(settings: Settings) -> None:
    """Show what index is on disk and whether it matches the knowledge."""
    from bot.answer.corpus import index_corpus
    from bot.answer.embedding import documents_embedded
    from bot.ingest.registry import Registry
    from index import IndexStore, Segmenter
    knowledge = knowledge_for(settings)
    passages = Registry(Path(settings.data_dir)).passage_count()
    store = IndexStore(Path(settings.data_dir) / "index", Segmenter(Path(settings.data_dir) / "cache"))
    status = store.status()
    search = settings.search
    status["up_to_date"] = status.get("hash") == index_corpus(
        knowledge, search.background_boost, search.document_boost, Path(settings.data_dir),
        embed_documents=documents_embedded(settings, passages))[1]
    click.echo(json.dumps(status, ensure_ascii=False, indent=2))


@cli.command()
@click.option("--shared", "shared", type=click.Path(path_type=Path), default=None,
              help="Folder holding seed/ and research/ (default: ../shared beside the repository).")
@pass_settings
def validate(settings: Settings, shared: Path | None) -> None:
    """Validate the knowledge base, print its counts and its evidence coverage; with ../shared
    present, check that every evidence quote is verbatim in its source file."""
    from bot.evidence_audit import audit, default_shared
    knowledge = knowledge_for(settings)
    counts = knowledge.counts()
    report = audit(knowledge, shared or default_shared(settings.knowledge_path))
    for problem in report.problems:
        click.echo(problem, err=True)
    click.echo(report.coverage())
    if report.problems:
        raise click.ClickException(f"{len(report.problems)} evidence problem(s); see above.")
    click.echo("knowledge base is valid: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


@cli.group()
def tips() -> None:
    """List, preview or send the daily tips."""


@tips.command("list")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en")
@pass_settings
def tips_list(settings: Settings, lang: str) -> None:
    """Every tip in rotation order."""
    from bot.tips.rotation import rotation
    knowledge = knowledge_for(settings)
    for n, tip in enumerate(rotation(knowledge.tips)):
        click.echo(f"{n:3d} {tip.id} [{tip.item}] {tip.text[lang]}")


@tips.command("preview")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Day (default today).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en")
@click.option("--start", type=int, default=0, help="A subscriber's position in the cycle.")
@pass_settings
def tips_preview(settings: Settings, day, lang: str, start: int) -> None:
    """The tip a subscriber gets on a day, as it will be sent."""
    from adapters.console import render_answer
    from bot.commands import Commands
    engine = engine_for(settings)
    answer = Commands(engine).tip_answer(day.date() if day else date.today(), start, lang)  # type: ignore[arg-type]
    click.echo(render_answer(answer, engine.messages, more_hint=None))


@tips.command("send-now")
@click.argument("platform", type=click.Choice(["telegram", "slack", "feishu", "dingtalk", "all"]),
                default="all")
@pass_settings
def tips_send_now(settings: Settings, platform: str) -> None:
    """Deliver today's due tips now (each subscriber at most once a day)."""
    from adapters.serve import send_tips_now
    try:
        report = send_tips_now(settings, platform)
    except BotError as exc:
        raise fail(exc) from None
    click.echo(json.dumps(report, ensure_ascii=False))


@cli.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--details", is_flag=True, help="Print every question with its result.")
@click.option("--ranking-only", is_flag=True,
              help="Score the ranking alone: never decline (shows what the decision costs).")
@click.option("--split", default=None, help="Only the questions of this split (e.g. calib).")
@pass_settings
def evaluate_cmd(settings: Settings, file: Path, details: bool, ranking_only: bool,
                 split: str | None) -> None:
    """Score answers on a question file: hit@1, hit@3, MRR and lead score per tag; declines."""
    from bot.answer.dialogue import play_turns
    from bot.answer.evaluation import evaluate, format_table, load_questions
    from bot.answer.lists import Lists
    engine = engine_for(settings)
    lists = Lists(engine)  # list and count questions are answered from the tags, as in a chat
    questions = [q for q in load_questions(file) if split is None or q.split == split]
    table, rows = evaluate(questions, lambda q: lists.answer(q, limit=3) or engine.answer(
        q, limit=3, decide=not ranking_only), engine.knowledge, play_turns(engine, limit=3))
    if details:
        for row in rows:
            click.echo(("ok   " if row["ok"] else "MISS ") + f"[{row['tag']}] {row['q']} -> {row['ids']}")
            if row.get("lead_ok") is False:
                click.echo(f"     lead does not name the answer: {row['lead']}")
    click.echo(format_table(table))


_register_state(cli, tips)
cli.add_command(_report)
cli.add_command(ingest)
cli.add_command(documents)


def main() -> None:
    cli(prog_name="nfpbot")


if __name__ == "__main__":
    main()
