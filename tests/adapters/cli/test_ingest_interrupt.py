"""`nfpbot ingest` of a folder in a real process (issue 23, item 8): each file's line appears as it
is done; Ctrl-C (SIGINT) says how many were done, rebuilds the index with them and exits 130; a
build folder a killed build left behind is removed by the next build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from document_files import make_long_pdf

from bot.answer.engine import Engine
from bot.foundation.config import REPO_ROOT, load_settings
from bot.ingest.registry import Registry


def test_ctrl_c_during_ingest_keeps_what_was_done_and_rebuilds(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(12):
        make_long_pdf(folder / f"note-{n:02d}.pdf", 60)
    data = tmp_path / "var"
    (data / "index").mkdir(parents=True)
    leftover = data / "index" / "tmp-deadbeef-999999"      # a build a killed process left
    leftover.mkdir()
    env = dict(os.environ, NFPBOT_DATA_DIR=str(data), NFPBOT_EMBEDDINGS__DOCUMENTS="false")
    proc = subprocess.Popen([sys.executable, "-m", "adapters.cli.main", "ingest", str(folder)],
                            cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    first = proc.stdout.readline()                          # the first file, as soon as it is done
    assert first.startswith("added") and "note-00" in first, first
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 130, (out, err)
    assert "Interrupted:" in err and "of 12 files done" in err and "Traceback" not in err
    done = Registry(data).documents()
    assert 1 <= len(done) < 12
    assert not leftover.exists()
    engine = Engine.from_settings(load_settings(env={"NFPBOT_DATA_DIR": str(data)}), rebuild=False)
    assert engine.backend.doc_count() > len(engine.knowledge.items)   # the passages are served

