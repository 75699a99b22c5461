"""docs/deploy.md as an IT person follows it: every env file it shows parses, the way systemd and
docker read env files, into values nfpbot accepts; every systemd unit it shows passes
`systemd-analyze verify` (issue 23, items 10-12)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.foundation.secret_shapes import check_secret_shapes

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "deploy.md"
_BLOCK = re.compile(r"```(\w*)\n(.*?)```", re.S)
_ASSIGNMENT = re.compile(r"^([A-Z][A-Z0-9_]*)=(.*)$")


def blocks(lang: str) -> list[str]:
    return [body for kind, body in _BLOCK.findall(GUIDE.read_text("utf-8")) if kind == lang]


def env_files() -> list[dict[str, str]]:
    """Code blocks made only of comments and NAME=value lines, read as systemd's EnvironmentFile
    and `docker --env-file` read them: a line starting with # is a comment; everything after the
    first = is the value (a trailing "# ..." included)."""
    found = []
    for body in blocks("sh"):
        lines = [line for line in body.splitlines() if line.strip()]
        if lines and all(line.startswith("#") or _ASSIGNMENT.match(line) for line in lines):
            values = {m.group(1): m.group(2) for m in map(_ASSIGNMENT.match, lines) if m}
            if values:
                found.append(values)
    return found


def test_the_guide_shows_env_files() -> None:
    names = set().union(*env_files())
    assert {"TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN", "NFPBOT_HASH_KEY", "PGPASSWORD"} <= names


@pytest.mark.parametrize("values", env_files())
def test_every_env_file_in_the_guide_reads_as_values_nfpbot_accepts(values: dict[str, str]) -> None:
    assert not [name for name, value in values.items() if re.search(r"\s#", value)]
    # The guide's placeholders ("123456:ABC...", "xoxb-...") stand for letters.
    check_secret_shapes({name: value.replace("...", "x") for name, value in values.items()})


def units() -> dict[str, str]:
    """Unit files the guide shows, by file name (from a '# /etc/systemd/system/NAME' line or the
    sentence naming the template just before the block)."""
    text = GUIDE.read_text("utf-8")
    found: dict[str, str] = {}
    for match in _BLOCK.finditer(text):
        body = match.group(2)
        if match.group(1) != "ini" or not re.search(r"^\[(Service|Timer)\]", body, re.M):
            continue
        if "[Unit]" not in body and "[Install]" not in body:
            continue   # a drop-in (systemctl edit), not a unit file
        named = re.search(r"^# /etc/systemd/system/(\S+)$", body, re.M)
        before = re.findall(r"`/etc/systemd/system/(\S+)`", text[:match.start()][-300:])
        name = named.group(1) if named else (before[-1] if before else None)
        if name:
            found[name.replace("@.", "@telegram.")] = body
    return found


def test_the_guide_shows_the_service_the_backup_service_and_its_timer() -> None:
    assert {"nfpbot@telegram.service", "nfpbot-backup.service", "nfpbot-backup.timer"} <= set(units())


def test_every_unit_in_the_guide_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed (Debian: the systemd package)")
    nfpbot = str(Path(sys.executable).with_name("nfpbot"))
    paths = []
    for name, body in units().items():
        path = tmp_path / name
        path.write_text(body.replace("/srv/nfpbot/app/.venv/bin/nfpbot", nfpbot), "utf-8")
        paths.append(str(path))
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", *paths],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
