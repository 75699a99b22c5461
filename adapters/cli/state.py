"""`nfpbot state backup|status` and `nfpbot tips status`: the operator's view of the state.

Registered on the main command group by adapters/cli/main.py (`register(cli, tips)`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click

from adapters.cli.shared import fail, service_state
from bot.foundation.config import Settings
from bot.foundation.errors import BotError


def _open_or_create(settings: Settings):
    """The configured state store, created when missing (the target of `state copy`), or a
    one-line error with the fix (exit code 2)."""
    from bot.foundation.datadir import prepare_data_dir
    from bot.state import open_state
    try:
        prepare_data_dir(settings.data_dir)
        return open_state(settings)
    except BotError as exc:
        raise fail(exc) from None


@click.group("state")
def state_group() -> None:
    """Back up or inspect the state (SQLite file or PostgreSQL database)."""


@state_group.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def state_backup(settings: Settings, target: Path) -> None:
    """Write a consistent copy of the state to TARGET while the bot runs (SQLite's online
    backup API, or pg_dump's custom format for PostgreSQL); the file is created 600."""
    state = service_state(settings)
    try:
        written = state.backup(target)
    except BotError as exc:
        raise fail(exc) from None
    finally:
        state.close()
    click.echo(f"backed up {state.describe()} (schema {state.schema_version()}) to {written} "
               f"({written.stat().st_size / 1024:.0f} KiB)")


@state_group.command("copy")
@click.argument("source")
@click.pass_obj
def state_copy(settings: Settings, source: str) -> None:
    """Copy every row of the state SOURCE (a SQLite file, or a postgresql:// URL) into the
    configured state, which must be empty: how one host's SQLite moves to PostgreSQL."""
    from bot.state import SQLiteState, State
    from bot.state.copy import copy_state
    from bot.state.keys import HASH_KEY_ENV
    target = _open_or_create(settings)
    try:
        old: State
        if source.startswith(("postgresql://", "postgres://")):
            from bot.state.postgres import PostgresState
            old = PostgresState(source)
        else:
            path = Path(source)
            if not path.is_file():
                raise click.BadParameter(f"{source} is not a file", param_hint="SOURCE")
            old = SQLiteState(path, env={})   # its own hash.key, not NFPBOT_HASH_KEY
        try:
            counts = copy_state(old, target)
        finally:
            old.close()
    except BotError as exc:
        raise fail(exc) from None
    finally:
        target.close()
    click.echo(f"copied into {target.describe()}: "
               + ", ".join(f"{table} {n}" for table, n in counts.items()))
    click.echo(f"Every instance must keep the same {HASH_KEY_ENV}.")


@state_group.command("status")
@click.pass_obj
def state_status(settings: Settings) -> None:
    """Where the state is and its schema version."""
    state = service_state(settings)
    try:
        click.echo(json.dumps({"state": state.describe(), "schema_version": state.schema_version(),
                               "latest_version": state.latest_version()}, indent=2))
    finally:
        state.close()


@click.command("status")
@click.pass_obj
def tips_status(settings: Settings) -> None:
    """Subscribers, recent deliveries by status, and claims held by a sender that may have died
    (they are sent again after tips.lease_seconds)."""
    from bot.tips.delivery import DeliveryLog
    state = service_state(settings)
    try:
        dlog = DeliveryLog(state, timedelta(seconds=settings.tips.lease_seconds))
        summary = dlog.summary(datetime.now(UTC))
    finally:
        state.close()
    click.echo(json.dumps({"state": state.describe()} | summary, ensure_ascii=False, indent=2))


def register(cli: click.Group, tips: click.Group) -> None:
    cli.add_command(state_group)
    tips.add_command(tips_status)
