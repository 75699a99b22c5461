"""The first start after an upgrade: passages that have no vectors yet (ingested by a version that
did not embed them) are embedded in the background while the bot already answers.

Real components throughout: a PDF made here, ingested into a real registry, the real index, the
HTTP embedder talking to the fake embeddings server (tests/fakes), which holds every passage batch
until the test releases it, so the first answer provably comes before the embedding is done."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from document_files import make_pdf
from fakes.embeddings_api import FakeEmbeddings

from bot.foundation.config import load_settings
from bot.ingest.ingest import ingest_paths
from bot.ingest.registry import Registry
from bot.runtime import Runtime

PREFIX = "passage: "
PAGES = [
    [("h1", "Wetland monitoring handbook"),
     ("p", "Volunteers count waterbirds at the reservoir every January, walking the same transect "
           "at dawn and writing down each species they see.")],
    [("h2", "Water quality"),
     ("p", "Turbidity is measured with a Secchi disk lowered from the jetty each month.")],
]


@pytest.fixture
def fake():
    with FakeEmbeddings() as server:
        yield server


def test_a_start_answers_before_the_passages_are_embedded(tmp_path: Path, fake: FakeEmbeddings):
    settings = load_settings(env={
        "NFPBOT_DATA_DIR": str(tmp_path / "var"),
        "NFPBOT_EMBEDDINGS__PROVIDER": "http", "NFPBOT_EMBEDDINGS__URL": fake.url,
        "NFPBOT_EMBEDDINGS__MODEL": "fake-model", "NFPBOT_EMBEDDINGS__PASSAGE_PREFIX": PREFIX,
        "NFPBOT_EMBEDDINGS__TIMEOUT_SECONDS": "120"})
    pdf = make_pdf(tmp_path / "wetlands.pdf", PAGES, title="Wetland monitoring handbook")
    [result] = ingest_paths(Registry(Path(settings.data_dir)), [pdf])  # stored, not embedded
    assert result.ok, result
    fake.hold(PREFIX)  # the embedding server answers no passage batch until released
    started = time.monotonic()
    runtime = Runtime.from_settings(settings)
    engine = runtime.engine
    assert engine.dense is not None and not engine.dense.embedding_done
    deadline = time.monotonic() + 60
    while not fake.waiting and time.monotonic() < deadline:
        time.sleep(0.05)
    assert fake.waiting >= 1, "the background embedding never asked the server"
    answer = engine.answer("How is turbidity measured at the jetty?")
    assert answer.answered
    assert [(c.doc, c.page) for c in answer.citations[:1]] == [(result.doc_id, 2)]
    # the answer came while the server still held the first passage batch
    assert not engine.dense.embedding_done and not engine.dense.vectors.complete
    held_for = time.monotonic() - started
    fake.release()
    assert engine.dense.embedding is not None
    engine.dense.embedding.join(timeout=120)
    assert engine.dense.embedding_done
    deadline = time.monotonic() + 30
    while not engine.dense.vectors.complete and time.monotonic() < deadline:
        time.sleep(0.3)
        engine.answer("How is turbidity measured at the jetty?")  # picks up the new vectors
    vectors = engine.dense.vectors
    assert vectors.complete, f"vectors not picked up (held {held_for:.1f} s)"
    assert {f"{result.doc_id}#{n}" for n in range(result.passages)} <= vectors.embedded_ids
    assert any(t.startswith(PREFIX) and "Secchi" in t for t in fake.inputs)
