"""`log_format: json`: one parseable JSON object per record, tracebacks included as text."""

from __future__ import annotations

import json
import logging
import sys

from bot.foundation.logformat import JsonFormatter


def test_records_become_json_lines() -> None:
    try:
        raise ValueError("bad 数据")
    except ValueError:
        record = logging.LogRecord("bot.x", logging.ERROR, __file__, 1, "tip %s failed", ("42",),
                                   sys.exc_info())
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert (entry["level"], entry["logger"], entry["message"]) == ("ERROR", "bot.x",
                                                                   "tip 42 failed")
    assert "ValueError: bad 数据" in entry["exc_info"] and entry["time"].endswith("+00:00")
