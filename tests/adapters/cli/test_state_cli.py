"""Start-up failures of the data directory and the state are one line with the fix and exit code
2 (issue 12, defect 6); `nfpbot tips status` shows a crash's held claims (defect 7); `nfpbot state
backup`; the Slack installations file is private (defect 4)."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from adapters.cli.main import cli
from bot.answer.engine import Engine
from bot.foundation.config import load_settings
from bot.report.feedback import Preferences, QueryLog
from bot.state import connect_state
from bot.tips.delivery import DeliveryLog
from bot.tips.subscriptions import Subscription, Subscriptions


def one_line_fix(result, exit_code: int = 2) -> str:
    message = result.output.strip()
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in message and len(message.splitlines()) == 1 and "Fix:" in message
    return message


def test_a_corrupt_state_file_fails_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "state.sqlite3").write_bytes(b"\x00garbage" * 512)
    result = CliRunner().invoke(cli, ["tips", "status"], env={"NFPBOT_DATA_DIR": str(tmp_path)})
    assert "state.sqlite3" in one_line_fix(result)


def test_a_data_dir_that_cannot_be_created_fails_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    env = {"NFPBOT_DATA_DIR": str(tmp_path / "a-file" / "var")}
    for args in (["chat"], ["ask", "cites"]):
        result = CliRunner().invoke(cli, args, env=env, input="")
        assert "cannot be created" in one_line_fix(result)


def test_admin_commands_refuse_a_missing_state_and_create_nothing(tmp_path: Path) -> None:
    """An admin shell without the service's environment (docs/deploy.md): backup, status and the
    report say where they looked and how to run them, and leave no new data directory behind."""
    where = tmp_path / "shell"
    where.mkdir()
    for args in (["state", "backup", str(tmp_path / "b.sqlite3")], ["state", "status"],
                 ["tips", "status"], ["report"]):
        result = CliRunner().invoke(cli, args, env={"NFPBOT_DATA_DIR": str(where / "var")})
        message = one_line_fix(result)
        assert f"no state at {where / 'var' / 'state.sqlite3'}" in message, args
        assert "service's user" in message and "/etc/nfpbot/env" in message
        assert list(where.iterdir()) == [] and not (tmp_path / "b.sqlite3").exists(), args


_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def _drop_permission_override() -> None:
    """Root without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (capset(2) through ctypes): still the
    owner of the checkout, so it reads the code and config/ wherever the clone lives (a mode-700
    folder included), but a directory without its write bit is now read-only to it too."""
    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    libc = ctypes.CDLL(None, use_errno=True)
    header, data = Header(0x20080522, 0), (Data * 2)()   # _LINUX_CAPABILITY_VERSION_3
    assert libc.capget(ctypes.byref(header), data) == 0, os.strerror(ctypes.get_errno())
    mask = ~((1 << _CAP_DAC_OVERRIDE) | (1 << _CAP_DAC_READ_SEARCH)) & 0xFFFFFFFF
    data[0].effective &= mask
    data[0].permitted &= mask
    assert libc.capset(ctypes.byref(header), data) == 0, os.strerror(ctypes.get_errno())


def _status_as_read_only(data_dir: str, results: multiprocessing.Queue) -> None:
    """In a forked child that may not write to `data_dir`: run `nfpbot tips status`."""
    if os.geteuid() == 0:
        _drop_permission_override()
    result = CliRunner().invoke(cli, ["tips", "status"], env={"NFPBOT_DATA_DIR": data_dir})
    results.put((result.exit_code, result.output))


def test_a_read_only_data_dir_fails_in_one_line(tmp_path: Path) -> None:
    """Root may write anywhere, so as root the check runs in a child that dropped the capability
    to override permissions (not as another user, who could not read a clone in a private folder)."""
    data = tmp_path / "var"
    data.mkdir(mode=0o555)
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_status_as_read_only, args=(str(data), results))
    child.start()
    exit_code, output = results.get(timeout=60)
    child.join(10)
    data.chmod(0o755)
    message = output.strip()
    assert exit_code == 2 and len(message.splitlines()) == 1, output
    assert "not writable" in message and "Fix:" in message and "Traceback" not in message


def test_tips_status_shows_the_claims_a_crash_left(tmp_path: Path, engine: Engine) -> None:
    settings = load_settings(env={"NFPBOT_DATA_DIR": str(tmp_path)})
    state = connect_state(tmp_path / "state.sqlite3")
    for chat in ("1", "2", "3"):
        Subscriptions(state).upsert(Subscription("telegram", chat, "en", "00:00", "UTC", 0))
    now = datetime.now(UTC)
    dlog = DeliveryLog(state, timedelta(seconds=settings.tips.lease_seconds))
    due = dlog.due(now - timedelta(seconds=90), engine.knowledge.tips)
    claims = [dlog.claim(d, now - timedelta(seconds=90)) for d in due]   # then the process died
    assert claims[0] is not None
    dlog.confirm(claims[0], now)
    result = CliRunner().invoke(cli, ["tips", "status"], env={"NFPBOT_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert '"count": 2' in result.output and '"oldest_seconds": 9' in result.output
    assert '"sent": 1' in result.output and '"claimed": 2' in result.output


def test_state_backup_writes_a_private_consistent_copy(tmp_path: Path) -> None:
    state = connect_state(tmp_path / "state.sqlite3")
    Subscriptions(state).upsert(Subscription("slack", "C1", "zh", "08:00", "UTC", 3))
    target = tmp_path / "backups" / "nfpbot.sqlite3"
    target.parent.mkdir()
    result = CliRunner().invoke(cli, ["state", "backup", str(target)],
                                env={"NFPBOT_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert Subscriptions(connect_state(target)).get("slack", "C1") is not None


def test_the_slack_installations_file_is_private(tmp_path: Path) -> None:
    from adapters.slack import clients
    settings = load_settings(env={"NFPBOT_DATA_DIR": str(tmp_path / "var")})
    clients.installation_store(settings)
    path = Path(clients.oauth_database(settings))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "var").stat().st_mode) == 0o700


def test_state_copy_moves_a_sqlite_state_into_postgres(tmp_path: Path, pg_url: str) -> None:
    old = connect_state(tmp_path / "state.sqlite3")               # its key in tmp_path/hash.key
    Subscriptions(old).upsert(Subscription("telegram", "-1001", "zh", "08:00", "Asia/Shanghai", 7))
    Preferences(old).set_lang("slack", "U1", "zh")
    QueryLog(old).record("slack", "en", False, None)
    key = (tmp_path / "hash.key").read_text().strip()
    env = {"NFPBOT_DATA_DIR": str(tmp_path / "new"), "NFPBOT_STATE__URL": pg_url}
    refused = CliRunner().invoke(cli, ["state", "copy", str(tmp_path / "state.sqlite3")],
                                 env=env | {"NFPBOT_HASH_KEY": "ab" * 32})
    assert refused.exit_code == 2 and "hash keys" in refused.output
    done = CliRunner().invoke(cli, ["state", "copy", str(tmp_path / "state.sqlite3")],
                              env=env | {"NFPBOT_HASH_KEY": key})
    assert done.exit_code == 0, done.output
    assert "subscriptions 1" in done.output and "preferences 1" in done.output
    new = connect_state(pg_url, key=bytes.fromhex(key))
    assert Subscriptions(new).get("telegram", "-1001") is not None
    assert Preferences(new).get_lang("slack", "U1") == "zh"          # the same user, recognised
    again = CliRunner().invoke(cli, ["state", "copy", str(tmp_path / "state.sqlite3")],
                               env=env | {"NFPBOT_HASH_KEY": key})
    assert again.exit_code == 2 and "already holds data" in again.output
    new.close()
