"""One error for everything a sync can run into: :class:`SyncError` with a ``kind``.

The UI maps kinds to actions (Anki's ``SyncError``): ``auth`` → enrol again, ``update_required``
→ show where to download, ``unreachable``/``server_error``/``rate_limited`` → retry later (the
backoff policy says when). Each kind has an exit code of DESIGN.md §4 and a message in plain
words, Bahasa Indonesia first.
"""

from __future__ import annotations

from typing import Any

from rt_desktop import errors

__all__ = ["KINDS", "SyncError"]

# kind -> exit code (DESIGN.md §4)
KINDS: dict[str, int] = {
    "unreachable": errors.EXIT_UNREACHABLE,       # no route, refused, timed out, dropped
    "tls": errors.EXIT_UNREACHABLE,               # the certificate did not verify
    "server_error": errors.EXIT_UNREACHABLE,      # 5xx: the server is there but failing
    "rate_limited": errors.EXIT_UNREACHABLE,      # 429: try again after ``retry_after``
    "auth": errors.EXIT_NOT_AUTHORISED,           # 401: token revoked/unknown, code expired
    "forbidden": errors.EXIT_NOT_AUTHORISED,      # 403: outside this device's scope or role
    "update_required": errors.EXIT_NOT_AUTHORISED,  # 426: this app is too old for the server
    "not_enrolled": errors.EXIT_BAD_INPUT,        # run `rt-desktop enrol` first
    "refused": errors.EXIT_BAD_INPUT,             # 409 at enrolment: code not for this laptop
    "insecure": errors.EXIT_BAD_INPUT,            # plain http to a non-loopback host
    "rejected": errors.EXIT_PARTIAL,              # some changes were rejected (result, not raised)
    "protocol": errors.EXIT_UNEXPECTED,           # 4xx we did not expect: a bug on one side
}
# Kinds worth retrying later without anyone doing anything.
TRANSIENT = frozenset({"unreachable", "server_error", "rate_limited"})


class SyncError(errors.RTError):
    """A sync (or enrolment) could not go on.

    :ivar kind: one of :data:`KINDS`
    :ivar status: the HTTP status, when there was an answer
    :ivar retry_after: seconds the server asked us to wait (429/503), else ``None``
    :ivar download_url: where to get a newer app (``update_required``)
    :ivar latest_app_version: the version the server recommends (``update_required``)
    """

    def __init__(self, kind: str, message_id: str, message_en: str | None = None, *,
                 status: int | None = None, retry_after: float | None = None,
                 download_url: str | None = None, latest_app_version: str | None = None):
        if kind not in KINDS:
            raise ValueError(f"unknown sync error kind: {kind!r}")
        super().__init__(message_id, message_en)
        self.kind = kind
        self.exit_code = KINDS[kind]
        self.status = status
        self.retry_after = retry_after
        self.download_url = download_url
        self.latest_app_version = latest_app_version

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickled whole (a pull's child process hands its error to the parent).
        return (_rebuild, (self.kind, self.message_id, self.message_en, self.status,
                           self.retry_after, self.download_url, self.latest_app_version))

    @property
    def transient(self) -> bool:
        """Whether trying again later may work without anyone doing anything."""
        return self.kind in TRANSIENT

    def __repr__(self) -> str:
        return f"SyncError({self.kind!r}, status={self.status}, {self.message_en!r})"


def _rebuild(kind: str, message_id: str, message_en: str, status: int | None,
             retry_after: float | None, download_url: str | None,
             latest_app_version: str | None) -> SyncError:
    return SyncError(kind, message_id, message_en, status=status, retry_after=retry_after,
                     download_url=download_url, latest_app_version=latest_app_version)
