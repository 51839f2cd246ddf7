"""One root exception; each kind maps to an exit code of DESIGN.md §4.

Errors a user can cause carry a message in plain words (Bahasa Indonesia first, English second).
"""

from __future__ import annotations

__all__ = [
    "EXIT_OK", "EXIT_UNEXPECTED", "EXIT_BAD_INPUT", "EXIT_UNREACHABLE", "EXIT_NOT_AUTHORISED",
    "EXIT_PARTIAL",
    "RTError", "BadInput", "WrongPassword", "NotAnRTDatabase", "StorageError", "ValidationFailed",
    "NotFound",
]

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_BAD_INPUT = 2
EXIT_UNREACHABLE = 3
EXIT_NOT_AUTHORISED = 4
EXIT_PARTIAL = 5


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
