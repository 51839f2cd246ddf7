"""Fetching pull pages ahead of the store (used by :mod:`sync.client.pull`).

A page is fetched, parsed and prepared for the store (:func:`fetch_page`); the pages after
the first come from a :class:`PageThread`, at most :data:`AHEAD` ahead of what has been
applied. Each request says ``ack`` = the cursor applied so far, so the server never counts as
seen what this device has not stored.

A long pull (past :data:`PROCESS_AFTER` pages of one type: a new laptop, a coordinator's first
pull) goes on in a child process (:class:`PageProcess`): parsing and preparing a page holds
Python's interpreter lock, so on a thread it takes turns with the writes to the store (and
with the app's screen); in a process of its own it runs beside them. The child gets the
connection's settings through a pipe (never a command line or a file), fetches only, and hands
prepared pages back in order; it stops with the pull, with its parent, or when told to.
Where a child cannot be started, the thread goes on.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import queue
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rt_desktop.store import sync_pull
from sync import protocol
from sync.client.errors import SyncError
from sync.client.http import Connection

__all__ = ["AHEAD", "PROCESS_AFTER", "Fetched", "PageProcess", "PageThread", "fetch_page"]

log = logging.getLogger(__name__)

#: Pages fetched ahead of what is applied (each ≤ 1,000 records, a few MB parsed).
AHEAD = 3
#: Pages of one type fetched on a thread before the rest go to a child process (starting one
#: costs about 0.3 s of CPU; a 1,000-record page about 30 ms to fetch, parse and prepare).
#: ``None``: never.
PROCESS_AFTER: int | None = 10

_POLL = 0.1  # seconds: how often a waiting side looks at its stop signals


@dataclass(frozen=True)
class Fetched:
    """One page, parsed and prepared."""

    since: int                         # what the page was asked for with
    cursor: int                        # the page's cursor (where the next one starts)
    more: bool                         # the server has more after it
    batch: sync_pull.PulledBatch       # its records, prepared for the store

    @property
    def last(self) -> bool:
        """Whether this page ends its record type."""
        return not self.more or self.cursor == self.since


def fetch_page(conn: Connection, record_type: str, since: int, ack: int, limit: int,
               others: Mapping[str, int] | None = None,
               ) -> tuple[Fetched, bool, frozenset[str] | None]:
    """One page, with its records prepared for the store; whether the server took ``ack``
    (only then may the next page be fetched before this one is applied); and, asked with
    ``others`` (the cursors of the types to pull after this one), which of them have anything
    new — ``None`` from a server that does not answer it (then every type is pulled)."""
    params: dict[str, object] = {"record_type": record_type, "since": since, "limit": limit,
                                 "ack": ack, "hlc_form": "groups"}
    if others is not None:
        params["others"] = protocol.format_cursors(others)
    page, headers = conn.get_model_headers("/pull", protocol.PullResponse, params)
    news = headers.get(protocol.PULL_NEWS_HEADER) if others is not None else None
    # The models' own attribute dicts: mappings in the wire shape, without a copy.
    batch = sync_pull.prepare_pulled(record_type, [vars(r) for r in page.records])
    return (Fetched(since, page.cursor, page.more, batch),
            headers.get(protocol.PULL_ACK_HEADER) == str(ack),
            None if news is None else frozenset(news.split()))


@dataclass(frozen=True)
class _Handover:
    """Put by a :class:`PageThread` after its last page: the pages after it come from
    ``fetcher``."""

    fetcher: PageProcess


class PageThread:
    """Fetches the pages after ``first`` on its own thread, at most :data:`AHEAD` ahead of
    what has been applied (:attr:`applied`, set by the caller). After :data:`PROCESS_AFTER`
    pages it starts a :class:`PageProcess` for the rest and :meth:`next` goes on from that.

    The connection is used by this thread alone until :meth:`close` returned.
    """

    def __init__(self, conn: Connection, record_type: str, first: Fetched, limit: int,
                 cancel: threading.Event | None, others: Mapping[str, int] | None):
        self._applied = first.since
        self._others = others
        self._queue: queue.Queue[Fetched | _Handover | BaseException] = queue.Queue(
            maxsize=AHEAD)
        self._stop = threading.Event()
        self._cancel = cancel
        self._process: PageProcess | None = None  # the successor, once handed over
        self._thread = threading.Thread(
            target=self._run, args=(conn, record_type, first.cursor, limit),
            name="rt-sync-pull", daemon=True)
        self._thread.start()

    @property
    def applied(self) -> int:
        return self._applied

    @applied.setter
    def applied(self, cursor: int) -> None:
        self._applied = cursor
        if self._process is not None:
            self._process.applied = cursor

    def _stopped(self) -> bool:
        return self._stop.is_set() or bool(self._cancel and self._cancel.is_set())

    def _put(self, item: Fetched | _Handover | BaseException) -> bool:
        while not self._stopped():
            try:
                self._queue.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False

    def _run(self, conn: Connection, record_type: str, since: int, limit: int) -> None:
        try:
            self._fetch_all(conn, record_type, since, limit)
        except BaseException as exc:  # noqa: BLE001 - handed to the applying thread
            self._put(exc)

    def _fetch_all(self, conn: Connection, record_type: str, since: int, limit: int) -> None:
        fetched_pages = 0
        hand_over = PROCESS_AFTER
        while not self._stopped():
            if hand_over is not None and fetched_pages >= hand_over:
                hand_over = None  # once: where no child can start, the thread goes on
                successor = PageProcess.start(conn, record_type, since, self._applied, limit,
                                              self._others, self._cancel)
                if successor is not None:
                    if not self._put(_Handover(successor)):
                        successor.close()
                    return
            fetched, _took, _news = fetch_page(conn, record_type, since, self._applied, limit,
                                               self._others)
            fetched_pages += 1
            if not self._put(fetched) or fetched.last:
                return
            since = fetched.cursor

    def next(self, *, wait: bool) -> Fetched | None:
        """The next fetched page; ``None`` when none is ready (``wait=False``) or the pull was
        cancelled.

        :raises SyncError: the fetch's failure, in order (pages before it come first)
        """
        if self._process is not None:
            return self._process.next(wait=wait)
        while True:
            try:
                item = self._queue.get(timeout=_POLL) if wait else self._queue.get_nowait()
            except queue.Empty:
                if not wait or self._stopped():
                    return None
                continue
            if isinstance(item, BaseException):
                raise item
            if isinstance(item, _Handover):
                self._thread.join()  # it ends right after putting the handover
                self._process = item.fetcher
                self._process.applied = self._applied
                return self._process.next(wait=wait)
            return item

    def close(self) -> None:
        """Stop fetching and wait for a request on its way (one at a time on the session)."""
        self._stop.set()
        self._drain()  # a thread waiting to put a page sees the stop
        self._thread.join()
        self._drain()  # what it put meanwhile: a child it started is stopped too
        if self._process is not None:
            self._process.close()

    def _drain(self) -> None:
        with contextlib.suppress(queue.Empty):
            while True:
                item = self._queue.get_nowait()
                if isinstance(item, _Handover):
                    item.fetcher.close()


class PageProcess:
    """Fetches pages of one type in a child process (:func:`_child`), at most :data:`AHEAD`
    ahead of :attr:`applied`. Made by :meth:`start`."""

    def __init__(self, process: Any, applied: Any, stop: Any, pages: Any,
                 cancel: threading.Event | None):
        self._cancel = cancel
        self._process = process
        self._applied = applied  # multiprocessing.Value: the cursor applied so far
        self._stop = stop        # multiprocessing.Event: the parent is done with the pages
        self._pages = pages      # multiprocessing.Queue: Fetched, or the error that ended it

    @classmethod
    def start(cls, conn: Connection, record_type: str, since: int, applied: int, limit: int,
              others: Mapping[str, int] | None, cancel: threading.Event | None = None,
              ) -> PageProcess | None:
        """A child fetching from ``since`` on, ``None`` when none can be started here (the
        caller goes on without)."""
        try:
            context = multiprocessing.get_context("spawn")  # never fork a process with threads
            shared = context.Value("q", applied, lock=False)
            stop = context.Event()
            pages = context.Queue(maxsize=AHEAD)
            process = context.Process(
                target=_child, name="rt-sync-pull", daemon=True,
                args=(conn.settings(), record_type, since, limit, others, shared, stop, pages))
            process.start()
        except Exception as exc:  # noqa: BLE001 - the thread goes on instead
            log.warning("pull continues on a thread: no child process (%s)", type(exc).__name__)
            return None
        return cls(process, shared, stop, pages, cancel)

    @property
    def applied(self) -> int:
        return int(self._applied.value)

    @applied.setter
    def applied(self, cursor: int) -> None:
        self._applied.value = cursor

    def next(self, *, wait: bool) -> Fetched | None:
        """As :meth:`PageThread.next`.

        :raises SyncError: the fetch's failure, in order; ``unreachable`` when the child
            ended without saying why
        """
        while True:
            try:
                item = self._pages.get(timeout=_POLL) if wait else self._pages.get_nowait()
            except queue.Empty:
                if self._stop.is_set() or (self._cancel and self._cancel.is_set()):
                    return None
                if not self._process.is_alive() and self._pages.empty():
                    raise SyncError(
                        "unreachable", "Pengambilan data terhenti; dicoba lagi nanti.",
                        "Fetching the data stopped; will try again later.") from None
                if not wait:
                    return None
                continue
            if isinstance(item, BaseException):
                raise item
            return item

    def close(self) -> None:
        """Stop the child and wait for it (a request on its way is cut: the server counts as
        seen only what was applied, so nothing is lost)."""
        self._stop.set()
        with contextlib.suppress(queue.Empty, OSError, EOFError):
            while True:
                self._pages.get_nowait()
        self._process.join(timeout=2 * _POLL)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._pages.close()


def _child(settings: dict[str, Any], record_type: str, since: int, limit: int,
           others: Mapping[str, int] | None, applied: Any, stop: Any, pages: Any) -> None:
    """The child process: fetch pages from ``since`` until the last, or until the parent says
    stop or is gone. Nothing is logged or written here; the pages go to the parent."""
    parent = multiprocessing.parent_process()

    def go_on() -> bool:
        if stop.is_set() or (parent is not None and not parent.is_alive()):
            pages.cancel_join_thread()  # exit without waiting for pages nobody will read
            return False
        return True

    def put(item: Fetched | BaseException) -> bool:
        while go_on():
            try:
                pages.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False

    with Connection.from_settings(settings) as conn:
        while go_on():
            try:
                fetched, _took, _news = fetch_page(conn, record_type, since, int(applied.value),
                                                   limit, others)
            except SyncError as exc:
                put(exc)
                return
            except BaseException as exc:  # noqa: BLE001 - named (never its text: it may hold data)
                put(SyncError("protocol", "Data dari server tidak dikenali.",
                              f"The server's data was not understood ({type(exc).__name__})."))
                return
            if not put(fetched) or fetched.last:
                return
            since = fetched.cursor
