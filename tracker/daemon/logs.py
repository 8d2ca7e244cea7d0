"""The daemon's log: one line per poll on stderr, as text or as JSON."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

__all__ = ["LOG_FORMATS", "configure_logging", "log_event"]

LOG_FORMATS = ("text", "json")
_LOGGER = "tracker.daemon"


class _TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", {})
        pairs = " ".join(f"{k}={_text(v)}" for k, v in fields.items() if v is not None)
        stamp = datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return f"{stamp} {record.levelname.lower():5} {record.getMessage()} {pairs}".rstrip()


def _text(value: object) -> str:
    text = str(value)
    return json.dumps(text, ensure_ascii=False) if (" " in text or not text) else text


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "event": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        return json.dumps(data, ensure_ascii=False, default=str)


def configure_logging(log_format: str = "text") -> logging.Logger:
    """The daemon's logger, writing one line per record to stderr."""
    logger = logging.getLogger(_LOGGER)
    logger.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_JsonFormatter() if log_format == "json" else _TextFormatter())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger


def log_event(
    logger: logging.Logger, event: str, level: int = logging.INFO, **fields: object
) -> None:
    """Log ``event`` with its fields (``key=value`` in text, keys in JSON)."""
    logger.log(level, event, extra={"fields": fields})
