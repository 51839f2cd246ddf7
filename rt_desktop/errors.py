"""One root exception; each kind maps to an exit code of DESIGN.md §4.

Errors a user can cause carry a message in plain words (Bahasa Indonesia first, English second).
"""

from __future__ import annotations

import contextlib
import os
from typing import IO, Any

__all__ = [
    "EXIT_OK", "EXIT_UNEXPECTED", "EXIT_BAD_INPUT", "EXIT_UNREACHABLE", "EXIT_NOT_AUTHORISED",
    "EXIT_PARTIAL",
    "RTError", "BadInput", "WrongPassword", "NotAnRTDatabase", "StorageError", "ValidationFailed",
    "NotFound", "reader_gone",
]

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_BAD_INPUT = 2
EXIT_UNREACHABLE = 3
EXIT_NOT_AUTHORISED = 4
EXIT_PARTIAL = 5


def reader_gone(stream: IO[Any]) -> int:
    """What a command does when whoever read its output has gone (``rt-desktop status --json |
    head``, a script that stopped reading): ``stream`` goes to the null device — so the final
    flush as Python exits cannot fail again with a traceback — and the command ends with
    :data:`EXIT_UNEXPECTED`, quietly: its output did not all arrive. A stream without a file
    descriptor (a test's) is left as it is."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)
    return EXIT_UNEXPECTED


class RTError(Exception):
    """Root of every error RT Desktop raises on purpose."""

    exit_code = EXIT_UNEXPECTED

    def __init__(self, message_id: str, message_en: str | None = None):
        super().__init__(message_id)
        self.message_id = message_id
        self.message_en = message_en or message_id

    def message(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" else self.message_id


class BadInput(RTError):
    """The user gave a value the command cannot use."""

    exit_code = EXIT_BAD_INPUT


class WrongPassword(BadInput):
    """The password or recovery code did not open any key slot."""


class NotAnRTDatabase(BadInput):
    """The file is not an RT Desktop database, or it is damaged. Never repaired silently."""


class NotFound(BadInput):
    """A record, user or backup that was asked for does not exist."""


class StorageError(RTError):
    """The disk refused: read-only, full, or locked. The database stays consistent."""


class ValidationFailed(BadInput):
    """A record broke a validation rule or guardrail; ``problems`` says which, per field."""

    def __init__(self, problems: list, message_id: str = "Data belum lengkap atau tidak sesuai.",
                 message_en: str = "Some data is missing or not valid."):
        super().__init__(message_id, message_en)
        self.problems = problems
