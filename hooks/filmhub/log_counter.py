"""What the hub does with the generator's own log: counts its warnings, escapes its messages."""

from __future__ import annotations

import logging

from filmhub.characters import for_log


class WarningCounter(logging.Handler):
    """Counts each warning once, though it listens on both generators' loggers:
    under ProperDocs' command line a record logged to "mkdocs.…" reaches
    "mkdocs" and then its parent, "properdocs"."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self._last: logging.LogRecord | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record is not self._last:
            self.count += 1
        self._last = record


class Escaping(logging.Filter):
    """Every message MkDocs logs (its own ones quote file names and link
    targets a writer typed) with control characters escaped, so none can
    start a line of the log, where GitHub reads '::error …' as a command."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        escaped = for_log(message)
        if escaped != message:
            record.msg, record.args = escaped, None
        return True
