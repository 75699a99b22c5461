"""`log_format: json`: one JSON object per log line, for log collectors (Loki, ELK, CloudWatch).

Fields: time (UTC, ISO 8601), level, logger, message, and exc_info (the traceback as text) when
there is one. Filters on the handler (redaction of secrets) run before formatting, as for text.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                 "level": record.levelname, "logger": record.name,
                 "message": record.getMessage(), "process": record.process,
                 "thread": record.threadName}
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def use_json(root: logging.Logger | None = None) -> None:
    """Switch every handler of the root logger to JSON lines."""
    for handler in (root or logging.getLogger()).handlers:
        handler.setFormatter(JsonFormatter())
