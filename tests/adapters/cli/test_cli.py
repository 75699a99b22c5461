"""The `nfpbot` command line, run in-process with click's CliRunner against the real engine."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from adapters.cli.main import cli

CONTRACT = {"question", "lang", "answered", "lead", "citations", "resolved", "related"}
CITATION = {"id", "kind", "title", "snippet", "text", "source", "url", "score"}


@pytest.fixture()
def run(data_dir, engine, monkeypatch):
    monkeypatch.setenv("NFPBOT_DATA_DIR", str(data_dir))  # the index the engine fixture built

    def invoke(*args, input=None):
        result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
        return result
    return invoke


def test_ask_json_contract(run):
    result = run("ask", "乌干达如何管理生物多样性信息？", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) == CONTRACT and data["lang"] == "zh" and data["answered"]
    assert data["citations"] and set(data["citations"][0]) == CITATION


def test_ask_batch_json_lines_in_order(run):
    questions = ["What is CITES?", "", "明天北京的天气怎么样？", "乌干达"]
    result = run("ask", "--json", "-", input="\n".join(questions) + "\n")
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [row["question"] for row in lines] == questions
    assert [row["answered"] for row in lines] == [True, False, False, True]


def test_a_huge_batch_line_reports_its_real_length(run):
    result = run("ask", "--json", "-", input="x" * 5_000_000 + "\nWhat is CITES?\n")
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert not first["answered"] and "5000000" in first["lead"] and "65536" not in first["lead"]
    assert second["answered"]


def test_ask_text_with_filters_and_limit(run):
    result = run("ask", "national reporting", "--theme", "2", "--limit", "2")
    assert result.exit_code == 0 and "[1]" in result.output and "[3]" not in result.output
    assert run("ask", "x", "--convention", "nope").exit_code != 0


def test_validate_and_index_commands(run):
    result = run("validate")
    assert result.exit_code == 0 and "glossary" in result.output
    assert '"up_to_date": true' in run("index", "status").output
    assert "ready" in run("index", "build").output


def test_chat_reads_piped_lines(run):
    result = run("chat", input="help\nWhat is CITES?\nmore\n/frobnicate\n")
    assert result.exit_code == 0
    assert "themes" in result.output and "CITES" in result.output and "frobnicate" in result.output


def test_run_without_tokens_is_the_console_chat(run, monkeypatch):
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    result = run("run", input="乌干达如何管理生物多样性信息？\n")
    assert result.exit_code == 0 and "乌干达" in result.output and "[1]" in result.output


def test_tips_list_and_preview(run):
    listing = run("tips", "list")
    assert listing.exit_code == 0 and len(listing.output.splitlines()) >= 90
    preview = run("tips", "preview", "--date", "2026-11-24", "--lang", "zh")
    assert "2026-11-24" in preview.output and "[1]" in preview.output


def test_eval_prints_a_table(run, tmp_path):
    questions = tmp_path / "q.yaml"
    questions.write_text('- {tag: en, q: "What is CITES?", expect: [[CITES]]}\n'
                         '- {tag: offtopic, q: "Best pizza topping?", expect: none}\n', "utf-8")
    result = run("eval", str(questions))
    assert result.exit_code == 0
    assert "hit@3" in result.output and "offtopic" in result.output


def test_config_errors_are_clear_not_tracebacks(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("search: {limt: 3}\n", "utf-8")
    result = CliRunner().invoke(cli, ["--config", str(bad), "validate"])
    assert result.exit_code != 0 and "search.limt" in result.output and "Traceback" not in result.output


def test_serve_checks_every_platforms_secrets_before_starting(run, monkeypatch):
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code != 0 and "SLACK_SIGNING_SECRET" in result.output
    assert "Traceback" not in result.output
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    result = CliRunner().invoke(cli, ["serve", "telegram"])
    assert result.exit_code != 0 and "TELEGRAM_BOT_TOKEN" in result.output
