"""The SQLite state file: versioned schema, hashed ids, safe sharing between processes."""

from __future__ import annotations

import multiprocessing

from bot.feedback import Feedback, Preferences, QueryLog
from bot.state import MIGRATIONS, State


def test_schema_is_versioned_and_migrations_run_once(tmp_path):
    path = tmp_path / "s.sqlite3"
    state = State(path)
    assert state.schema_version() == len(MIGRATIONS)
    state.close()
    again = State(path)  # reopening must not re-run migration 1 (tables exist)
    assert again.schema_version() == len(MIGRATIONS)


def test_feedback_stores_no_raw_ids(tmp_path):
    state = State(tmp_path / "s.sqlite3")
    feedback = Feedback(state)
    feedback.record("telegram", "123456789", "What is CITES?", "conv-cites", 1)
    feedback.record("telegram", "123456789", "What is CITES?", "conv-cites", -1)  # changes the vote
    feedback.record("slack", "U0AB", "What is CITES?", None, 1)
    assert feedback.totals() == {"up": 1, "down": 1}
    dump = "\n".join(state.conn.iterdump())
    assert "123456789" not in dump and "U0AB" not in dump and "What is CITES?" not in dump


def test_preferences_and_query_log(tmp_path):
    state = State(tmp_path / "s.sqlite3")
    prefs = Preferences(state)
    assert prefs.get_lang("slack", "U1") is None
    prefs.set_lang("slack", "U1", "zh")
    assert prefs.get_lang("slack", "U1") == "zh"
    QueryLog(state).record("slack", "zh", True, "theme-1")
    assert state.conn.execute("SELECT COUNT(*) FROM query_log").fetchone()[0] == 1


def _vote(path: str, n: int) -> None:
    feedback = Feedback(State(path))
    for i in range(n):
        feedback.record("telegram", f"user-{multiprocessing.current_process().pid}-{i}", "q", None, 1)


def test_two_processes_share_the_file(tmp_path):
    path = str(tmp_path / "s.sqlite3")
    State(path)
    procs = [multiprocessing.get_context("spawn").Process(target=_vote, args=(path, 40)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert all(p.exitcode == 0 for p in procs)
    assert Feedback(State(path)).totals()["up"] == 80
