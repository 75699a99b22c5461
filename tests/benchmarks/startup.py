"""Start-up to first answer of the real CLI, `nfpbot ask`, in fresh processes (wall time).

Cold: a fresh data dir, so the index is built and jieba's dictionary cache written on the way.
Warm: the same data dir again (index and jieba cache exist). 3 runs each.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUESTION = "What does Uganda's clearing-house mechanism list?"


def _run(nfpbot: Path, data_dir: Path) -> float:
    env = {**os.environ, "NFPBOT_DATA_DIR": str(data_dir)}
    t = time.perf_counter()
    proc = subprocess.run([str(nfpbot), "ask", QUESTION], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"nfpbot ask failed: {proc.stderr[-500:]}")
    return wall


def startup(runs: int = 3) -> dict[str, list[float]]:
    """Wall seconds of `runs` cold and `runs` warm starts."""
    nfpbot = Path(sys.executable).parent / "nfpbot"
    root = Path(tempfile.mkdtemp(prefix="nfpbot-startup-"))
    try:
        cold = [_run(nfpbot, root / f"cold-{i}") for i in range(runs)]
        warm = [_run(nfpbot, root / "cold-0") for _ in range(runs)]
        bare = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True)
            bare.append(time.perf_counter() - t)
        return {"cold": cold, "warm": warm, "python -c pass": bare}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def format_startup(result: dict[str, list[float]]) -> list[str]:
    lines = [f"{'start-up (nfpbot ask, wall s)':<34}{'runs':>30}{'median':>9}"]
    for name, runs in result.items():
        shown = " ".join(f"{r:.2f}" for r in runs)
        lines.append(f"{name:<34}{shown:>30}{sorted(runs)[len(runs) // 2]:>9.2f}")
    return lines
