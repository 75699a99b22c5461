"""Every code point, surrogates included, through the engine, every command parser and the batch CLI.

The fuzz benchmark (tests/benchmarks/bench_fuzz.py) runs 20,000+ inputs; these properties run a
few dozen to a few hundred, so that the suite stays fast and still fails on the first surrogate
that raises (they did on the code before the fix).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from any_text import any_text
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from adapters.slack.buttons import Request, Vote, repeatable
from adapters.slack.handlers import strip_mentions
from adapters.telegram.keyboard import parse_callback
from bot.answer.engine import Engine
from bot.command_parsing import ALIASES, Context, parse
from bot.commands import Commands
from bot.foundation.config import REPO_ROOT, load_settings
from bot.foundation.errors import UserInputError
from bot.tips.subscriptions import parse_subscribe_args

# An answer with dense retrieval costs a few tenths of a second: the full engine gets a dozen short
# examples (most hold a surrogate and Chinese text at once); the same engine without the embedder
# (embeddings.provider none, a supported configuration) gets many more.
DENSE_PROPERTY = hsettings(max_examples=12, deadline=None,
                           suppress_health_check=[HealthCheck.function_scoped_fixture])
PROPERTY = hsettings(max_examples=80, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])
CTX = Context(platform="test", chat_id="fuzz", user_id="fuzz",
              now=datetime(2026, 11, 24, 8, 0, tzinfo=UTC))


def test_lone_surrogate_next_to_chinese_is_answered(engine):
    """The input that crashed the batch: bytes ff fe read with surrogateescape, then Chinese."""
    answer = engine.answer("\udcff\udcfe 乌干达")
    assert answer.answered and answer.lang == "zh"
    json.dumps(answer.to_json(), ensure_ascii=False).encode("utf-8")


def test_clean_text_joins_pairs_and_replaces_lone_surrogates() -> None:
    from index import clean_text
    assert clean_text("\ud83d\ude00 \ud800") == "😀 \ufffd"
    assert clean_text("\udcff\udcfe 乌干达") == "\ufffd\ufffd 乌干达"
    text = "plain 中文"
    assert clean_text(text) is text


@pytest.fixture(scope="module")
def lexical_engine(data_dir):
    """The same knowledge and index, answering through BM25F alone (embeddings.provider none)."""
    return Engine.from_settings(load_settings(env={"NFPBOT_DATA_DIR": str(data_dir),
                                                   "NFPBOT_EMBEDDINGS__PROVIDER": "none"}))


@DENSE_PROPERTY
@given(text=any_text(max_words=4))
def test_engine_with_dense_retrieval_answers_any_text(engine, text):
    answer = engine.answer(text)
    assert answer.lang in ("zh", "en")
    json.dumps(answer.to_json(), ensure_ascii=False).encode("utf-8")   # printable as UTF-8


@PROPERTY
@given(text=any_text())
def test_engine_answers_any_text(lexical_engine, text):
    answer = lexical_engine.answer(text)
    assert answer.lang in ("zh", "en")
    json.dumps(answer.to_json(), ensure_ascii=False).encode("utf-8")


@PROPERTY
@given(text=any_text(), command=st.sampled_from(sorted(set(ALIASES.values()))))
def test_every_command_answers_any_text(lexical_engine, state, text, command):
    commands = Commands(lexical_engine, state)
    for answer in (commands.handle(CTX, text), commands.handle(CTX, text, slash_required=True),
                   commands.run(CTX, command, text, text[:3])):
        assert answer.lang in ("zh", "en")
        json.dumps(answer.to_json(), ensure_ascii=False).encode("utf-8")


@hsettings(max_examples=300, deadline=None)
@given(text=any_text())
def test_parsers_take_any_text(text):
    parsed = parse(text)
    assert parsed.command is None or parsed.command in set(ALIASES.values()) | {"unknown", "thanks"}
    parse(text, slash_required=True)
    try:
        parse_subscribe_args(text)
    except UserInputError:
        pass   # the usage message: an answer, not a crash
    parse_callback(text)
    strip_mentions(text)
    repeatable(text)
    Request.from_value(text)
    Vote.from_value(text)


def test_button_values_that_are_not_ours_get_defaults():
    assert Request.from_value('{"t": "x", "o": "NaN"}') == Request("x", "en", 0)
    assert Request.from_value('{"o": [1]}').offset == 0
    assert Vote.from_value('{"v": {"a": 1}, "q": 5}').vote == 1


def test_batch_answers_every_line_whatever_the_bytes(data_dir, engine):
    """`ask --json -` as a real process: bytes that are not UTF-8, a lone surrogate encoded the
    way CESU-8 does, NUL, a line far beyond the question limit: every line gets its object."""
    lines = [b"biodiversity", b"\xff\xfe \xe4\xb9\x8c\xe5\xb9\xb2\xe8\xbe\xbe", b"ramsar",
             b"\xed\xa0\x80\xe4\xb9\x8c", b"\x00\x01\x1b[31m", b"\xef\xbf\xbe\xf4\x8f\xbf\xbf",
             b"x" * 300_000, b"", "國家聯絡點".encode(), "CITES\u2028\x85".encode(), b"\xc3"]
    stdin = b"\n".join(lines)   # the last line has no line end
    env = {**os.environ, "NFPBOT_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8:strict",
           "NFPBOT_EMBEDDINGS__PROVIDER": "none"}   # the reading and writing is what is tested
    done = subprocess.run([sys.executable, "-m", "adapters.cli.main", "ask", "--json", "-"],
                          input=stdin, capture_output=True, cwd=REPO_ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert len(out) == len(lines)
    assert [row["answered"] for row in out[:3]] == [True, True, True]
    assert out[1]["question"] == "\ufffd\ufffd 乌干达" and "error" not in out[1]
    assert not out[6]["answered"] and "Traceback" not in done.stderr.decode(errors="replace")


def test_batch_line_that_fails_gets_an_error_object(engine):
    """A real fault (the index closed under the engine): each line that reaches the index gets
    an error object with the usual fields, and the batch goes on to the end."""
    import copy
    import io

    from adapters.batch import answer_batch
    from index import IndexStore

    broken = copy.copy(engine)
    store: IndexStore = engine.store
    backend = store.open(memory_limit=0)   # whoosh searching on disk, then closed
    backend.close()   # type: ignore[attr-defined]
    broken.backend = backend
    sink = io.BytesIO()
    count = answer_batch(broken, io.BytesIO("CITES\n\nramsar 乌干达\n".encode()), sink)
    rows = [json.loads(line) for line in sink.getvalue().decode().splitlines()]
    assert count == 3 and [r["question"] for r in rows] == ["CITES", "", "ramsar 乌干达"]
    assert "error" in rows[0] and "error" not in rows[1] and "error" in rows[2]
    assert {"question", "lang", "answered", "lead", "citations"} <= set(rows[0])
    assert rows[2]["lang"] == "zh" and not rows[2]["answered"] and rows[2]["lead"]


@pytest.mark.parametrize("text", ["²", "³ ¹", "cases ²", "case ²", "show ²", "theme ²", "٣"])
def test_digits_int_cannot_read_are_text(lexical_engine, state, text):
    """'²'.isdigit() is True but int('²') fails: found by the property test above on a clean run."""
    commands = Commands(lexical_engine, state)
    for answer in (commands.handle(CTX, text), commands.run(CTX, "cases", text, "")):
        assert answer.lang in ("zh", "en")
