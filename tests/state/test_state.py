"""The state stores (SQLite file, PostgreSQL database): versioned migrations, hashed ids and their
key outside the database, private files, clear start-up errors, sharing between processes."""

from __future__ import annotations

import multiprocessing
import sqlite3
import stat
from pathlib import Path

import pytest
from state_support import TEST_HASH_KEY

from bot.foundation.answers import Answer
from bot.foundation.datadir import prepare_data_dir
from bot.foundation.errors import StateError
from bot.report.feedback import Feedback, Preferences, QueryLog
from bot.state import State, connect_state
from bot.state.keys import KEY_FILE
from bot.state.migrations import SQLITE, statements
from bot.state.postgres import PostgresState


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_schema_is_versioned_and_migrations_run_once(state: State) -> None:
    assert state.schema_version() == state.latest_version()
    again = connect_state(state.url if isinstance(state, PostgresState) else state.path,  # type: ignore[attr-defined]
                  key=TEST_HASH_KEY)
    assert again.schema_version() == state.latest_version()       # nothing re-ran
    again.close()


def test_feedback_and_preferences_store_no_raw_ids(state: State) -> None:
    feedback = Feedback(state)
    feedback.record("telegram", "123456789", "What is CITES?", "conv-cites", 1)
    feedback.record("telegram", "123456789", "What is CITES?", "conv-cites", -1)  # changes the vote
    feedback.record("slack", "U0AB", "What is CITES?", None, 1)
    Preferences(state).set_lang("slack", "U0AB", "zh")
    assert feedback.totals() == {"up": 1, "down": 1}
    assert Preferences(state).get_lang("slack", "U0AB") == "zh"
    dump = repr([state.query(f"SELECT * FROM {t}") for t in ("feedback", "preferences",
                                                             "gap_questions", "query_log")])
    assert "123456789" not in dump and "U0AB" not in dump
    # The down-voted question is kept for the content-gap report, with no user reference.
    (gap,) = state.query("SELECT * FROM gap_questions")
    assert (gap["kind"], gap["question"], gap["items"]) == ("downvoted", "What is CITES?",
                                                            "conv-cites")
    assert set(gap) == {"id", "kind", "platform", "lang", "question", "items", "created_at"}


def test_question_text_is_kept_only_for_declines_and_only_when_switched_on(state: State) -> None:
    declined = Answer("who won the 2030 world cup?", "en", False, "Sorry")
    answered = Answer("what is cites?", "en", True, "CITES is ...")
    QueryLog(state).record_answer("slack", declined, 0.02)
    QueryLog(state).record_answer("slack", answered, 0.01)
    QueryLog(state, keep_questions=False).record_answer("slack", declined, 0.02)
    Feedback(state, keep_questions=False).record("slack", "U1", "secret question", "x", -1)
    assert len(state.query("SELECT * FROM query_log")) == 3
    kept = [r["question"] for r in state.query("SELECT question FROM gap_questions")]
    assert kept == ["who won the 2030 world cup?"]


def test_state_files_and_data_dir_are_private(tmp_path: Path) -> None:
    data = prepare_data_dir(tmp_path / "new" / "var")
    assert mode(data) == 0o700
    state = connect_state(data / "state.sqlite3", env={})
    Feedback(state).record("telegram", "1", "q", None, 1)         # writes: -wal and -shm exist
    files = [data / "state.sqlite3", data / KEY_FILE, data / "state.sqlite3-wal"]
    assert all(p.exists() for p in files)
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    key = (data / KEY_FILE).read_text().strip()
    tables = {r["name"] for r in state.query("SELECT name FROM sqlite_master")}
    assert "secrets" not in tables and key not in repr(state.query("SELECT * FROM feedback"))


def test_the_key_from_the_environment_wins_and_is_not_written(tmp_path: Path) -> None:
    state = connect_state(tmp_path / "s.sqlite3", env={"NFPBOT_HASH_KEY": TEST_HASH_KEY.hex()})
    assert not (tmp_path / KEY_FILE).exists()
    same = connect_state(tmp_path / "other.sqlite3", key=TEST_HASH_KEY)
    assert state.anonymise("42") == same.anonymise("42")
    with pytest.raises(StateError, match="NFPBOT_HASH_KEY must be"):
        connect_state(tmp_path / "s.sqlite3", env={"NFPBOT_HASH_KEY": "short"})


def test_an_old_state_moves_its_key_out_of_the_database(tmp_path: Path) -> None:
    """A schema-2 file kept its key in `secrets`: the key file takes it, hashes stay the same."""
    path = tmp_path / "state.sqlite3"
    conn = sqlite3.connect(path)
    for script in SQLITE[:2]:
        for statement in statements(script):
            conn.execute(statement)
    conn.execute("INSERT INTO secrets VALUES ('hash_key', ?)", (TEST_HASH_KEY.hex(),))
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    state = connect_state(path, env={})
    assert state.schema_version() == len(SQLITE)
    assert (tmp_path / KEY_FILE).read_text().strip() == TEST_HASH_KEY.hex()
    assert state.anonymise("7") == connect_state(tmp_path / "x.sqlite3", key=TEST_HASH_KEY).anonymise("7")
    assert not state.query("SELECT name FROM sqlite_master WHERE name = 'secrets'")


def test_a_corrupt_state_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "state.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StateError) as caught:
        connect_state(tmp_path / "state.sqlite3", env={})
    message = str(caught.value)
    assert "\n" not in message and "state.sqlite3" in message and "Fix:" in message


def test_postgres_urls_carry_no_password_and_instances_need_the_shared_key(pg_url: str) -> None:
    with pytest.raises(StateError, match="PGPASSWORD"):
        PostgresState(pg_url.replace("nfpbot@", "nfpbot:hunter2@"), key=TEST_HASH_KEY)
    with pytest.raises(StateError, match="NFPBOT_HASH_KEY is not set"):
        PostgresState(pg_url, env={})
    with pytest.raises(StateError, match="cannot be used") as caught:
        PostgresState("postgresql://nobody@127.0.0.1:1/none", key=TEST_HASH_KEY,
                      connect_timeout=1)
    assert "\n" not in str(caught.value)


def test_backup_is_a_consistent_copy(state: State, tmp_path: Path) -> None:
    Preferences(state).set_lang("telegram", "9", "zh")
    target = state.backup(tmp_path / "backup.dump")
    assert mode(target) == 0o600 and target.stat().st_size > 0
    if isinstance(state, PostgresState):
        assert target.read_bytes().startswith(b"PGDMP")          # pg_dump's custom format
    else:
        copy = connect_state(target, key=TEST_HASH_KEY)
        assert Preferences(copy).get_lang("telegram", "9") == "zh"


def _vote(path: str, n: int) -> None:
    feedback = Feedback(connect_state(path, key=TEST_HASH_KEY))
    for i in range(n):
        feedback.record("telegram", f"user-{multiprocessing.current_process().pid}-{i}", "q", None, 1)


def test_two_processes_share_the_file(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite3")
    connect_state(path, key=TEST_HASH_KEY)
    procs = [multiprocessing.get_context("spawn").Process(target=_vote, args=(path, 40)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert all(p.exitcode == 0 for p in procs)
    assert Feedback(connect_state(path, key=TEST_HASH_KEY)).totals()["up"] == 80


def test_postgres_connections_dropped_by_the_server_are_replaced(pg_url: str, postgres) -> None:
    """A database restart or failover ends every session: the next operation still works."""
    import psycopg
    state = PostgresState(pg_url, key=TEST_HASH_KEY, pool_size=2)
    Preferences(state).set_lang("telegram", "1", "zh")
    with psycopg.connect(postgres.admin_url, autocommit=True) as admin:
        killed = admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                               " WHERE usename = 'nfpbot' AND pid <> pg_backend_pid()"
                               " AND backend_type = 'client backend'").fetchone()
    assert killed and killed[0] >= 1
    assert Preferences(state).get_lang("telegram", "1") == "zh"
    state.close()
