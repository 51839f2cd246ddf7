"""Fetching pull pages ahead of the store (used by :mod:`sync.client.pull`).

A page is fetched, parsed and prepared for the store (:func:`fetch_page`); the pages after
the first come from a :class:`PageThread`, at most :data:`AHEAD` ahead of what has been
applied. Each request says ``ack`` = the cursor applied so far, so the server never counts as
seen what this device has not stored.

A long pull (past :data:`PROCESS_AFTER` pages of one type: a new laptop, a coordinator's first
pull) goes on in a child process (:class:`PageProcess`): parsing and preparing a page holds
Python's interpreter lock, so on a thread it takes turns with the writes to the store (and
with the app's screen); in a process of its own it runs beside them. The child gets the
connection's settings through its pipe (never a command line or a file), fetches only, and
hands prepared pages back in order; it stops with the pull, when told to, or when its parent
is gone (noticed before its next request: one already on its way still ends, and says the
``ack`` the parent last gave — what was applied then, so nothing is counted as seen that was
not stored). Where a child cannot be started, or ends without a word, the thread goes on.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import queue
import signal
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
    # The server took the request's `ack` (only then may the next page be fetched before
    # this one is applied).
    acked: bool = False
    # Asked with `others`: those of them with anything new; None from a server that does
    # not answer it (then every type is pulled).
    news: frozenset[str] | None = None

    @property
    def last(self) -> bool:
        """Whether this page ends its record type."""
        return not self.more or self.cursor == self.since


def fetch_page(conn: Connection, record_type: str, since: int, ack: int, limit: int,
               others: Mapping[str, int] | None = None,
               ) -> Fetched:
    """One page, with its records prepared for the store; ``others``: the cursors of the
    types to pull after this one (:attr:`Fetched.news`)."""
    params: dict[str, object] = {"record_type": record_type, "since": since, "limit": limit,
                                 "ack": ack, "hlc_form": "groups"}
    if others is not None:
        params["others"] = protocol.format_cursors(others)
    if conn.own:
        params["own"] = protocol.format_ranges(conn.own)
    page, headers = conn.get_model_headers("/pull", protocol.PullResponse, params)
    news = headers.get(protocol.PULL_NEWS_HEADER) if others is not None else None
    # The models' own attribute dicts: mappings in the wire shape, without a copy.
    batch = sync_pull.prepare_pulled(record_type, [vars(r) for r in page.records])
    return Fetched(since, page.cursor, page.more, batch,
                   acked=headers.get(protocol.PULL_ACK_HEADER) == str(ack),
                   news=None if news is None else frozenset(news.split()))


@dataclass(frozen=True)
class _Handover:
    """Put by a :class:`PageThread` after its last page: the pages after it come from
    ``fetcher``."""

    fetcher: PageProcess


class PageThread:
    """Fetches the pages after ``first`` on its own thread, at most :data:`AHEAD` ahead of
    what has been applied (:attr:`applied`, set by the caller). After :data:`PROCESS_AFTER`
    pages it starts a :class:`PageProcess` for the rest and :meth:`next` goes on from that;
    should that child end without a word (killed, crashed), a thread takes over again from
    the last page handed out.

    The connection is used by this object's thread or child alone until :meth:`close`.
    """

    def __init__(self, conn: Connection, record_type: str, first: Fetched, limit: int,
                 cancel: threading.Event | None, others: Mapping[str, int] | None):
        self._conn, self._record_type, self._limit = conn, record_type, limit
        self._applied = first.since
        self._received = first.cursor  # where the pages handed out end
        self._others = others
        self._queue: queue.Queue[Fetched | _Handover | BaseException] = queue.Queue(
            maxsize=AHEAD)
        self._stop = threading.Event()
        self._cancel = cancel
        self._process: PageProcess | None = None  # the successor, once handed over
        self._thread = self._fetching(first.cursor, PROCESS_AFTER)

    def _fetching(self, since: int, hand_over: int | None) -> threading.Thread:
        thread = threading.Thread(target=self._run, args=(since, hand_over),
                                  name="rt-sync-pull", daemon=True)
        thread.start()
        return thread

    @property
    def applied(self) -> int:
        return self._applied

    @applied.setter
    def applied(self, cursor: int) -> None:
        self._applied = cursor
        if self._process is not None:
            self._process.ack(cursor)

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

    def _run(self, since: int, hand_over: int | None) -> None:
        try:
            self._fetch_all(since, hand_over)
        except BaseException as exc:  # noqa: BLE001 - handed to the applying thread
            self._put(exc)

    def _fetch_all(self, since: int, hand_over: int | None) -> None:
        fetched_pages = 0
        while not self._stopped():
            if hand_over is not None and fetched_pages >= hand_over:
                hand_over = None  # once: where no child can start, the thread goes on
                successor = PageProcess.start(self._conn, self._record_type, since,
                                              self._applied, self._limit, self._others,
                                              self._cancel)
                if successor is not None:
                    if not self._put(_Handover(successor)):
                        successor.close()
                    return
            fetched = fetch_page(self._conn, self._record_type, since, self._applied,
                                 self._limit, self._others)
            fetched_pages += 1
            if not self._put(fetched) or fetched.last:
                return
            since = fetched.cursor

    def next(self, *, wait: bool) -> Fetched | None:
        """The next fetched page; ``None`` when none is ready (``wait=False``) or the pull was
        cancelled.

        :raises SyncError: the fetch's failure, in order (pages before it come first)
        """
        page = self._next(wait=wait)
        if page is not None:
            self._received = page.cursor
        return page

    def _next(self, *, wait: bool) -> Fetched | None:
        if self._process is not None:
            try:
                return self._process.next(wait=wait)
            except _ChildGone:
                log.warning("pull continues on a thread: its child process ended")
                self._process.close()
                self._process = None
                self._thread = self._fetching(self._received, None)
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
                self._process.ack(self._applied)
                return self._next(wait=wait)
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


class _ChildGone(Exception):
    """The child process ended without a last page or an error (killed, crashed)."""


class PageProcess:
    """Fetches pages of one type in a child process (:func:`_child`); made by :meth:`start`.

    One duplex pipe, nothing else shared: the child sends each page (or the error that ended
    it) as it is ready — a send blocks until the parent reads, so it is at most a page ahead —
    and reads ``("ack", cursor)`` and ``("stop", None)`` before each request. The parent holds
    only its own end, so a child that dies is the end of the pipe (:class:`_ChildGone`), never
    a wait; a parent that dies is the end of the pipe for the child.
    """

    def __init__(self, process: Any, pipe: Any, cancel: threading.Event | None):
        self._process = process
        self._pipe = pipe
        self._cancel = cancel

    @classmethod
    def start(cls, conn: Connection, record_type: str, since: int, applied: int, limit: int,
              others: Mapping[str, int] | None, cancel: threading.Event | None = None,
              ) -> PageProcess | None:
        """A child fetching from ``since`` on, ``None`` when none can be started here (the
        caller goes on without)."""
        mine = theirs = None
        try:
            context = multiprocessing.get_context("spawn")  # never fork a process with threads
            mine, theirs = context.Pipe(duplex=True)
            process = context.Process(
                target=_child, name="rt-sync-pull", daemon=True,
                args=(theirs, conn.settings(), record_type, since, applied, limit, others))
            process.start()
        except Exception as exc:  # noqa: BLE001 - the thread goes on instead
            log.warning("pull continues on a thread: no child process (%s)", type(exc).__name__)
            if mine is not None:
                mine.close()
            return None
        finally:
            if theirs is not None:
                theirs.close()  # the child has its own copy; ours would hide its end
        return cls(process, mine, cancel)

    def ack(self, cursor: int) -> None:
        """Tell the child what has been applied (its next request says so)."""
        with contextlib.suppress(OSError):  # a child gone: next() says so
            self._pipe.send(("ack", cursor))

    def next(self, *, wait: bool) -> Fetched | None:
        """As :meth:`PageThread.next`.

        :raises SyncError: the fetch's failure, in order
        :raises _ChildGone: the child ended without saying why
        """
        while True:
            try:
                if self._pipe.poll(_POLL if wait else 0):
                    item = self._pipe.recv()
                    break
                # Not only the pipe's end: on Windows the parent holds a copy of the child's
                # end until the child has started (CPython #87134), so a child that died
                # before that leaves no end to see.
                if self._process.exitcode is not None and not self._pipe.poll(0):
                    raise _ChildGone
            except (EOFError, OSError):
                raise _ChildGone from None
            if not wait or (self._cancel and self._cancel.is_set()):
                return None
        if isinstance(item, BaseException):
            raise item
        return item  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop the child and wait for it. A request on its way is cut (terminate): the
        server counts as seen only what was applied, so nothing is lost."""
        with contextlib.suppress(OSError):
            self._pipe.send(("stop", None))
        self._pipe.close()  # a send the child is blocked in fails now
        self._process.join(timeout=2 * _POLL)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()


def _child(pipe: Any, settings: dict[str, Any], record_type: str, since: int, applied: int,
           limit: int, others: Mapping[str, int] | None) -> None:
    """The child process: fetch pages from ``since`` until the last, or until the parent says
    stop or is gone (its end of the pipe closes: noticed before each request, or by a send).
    Nothing is logged or written here; the pages go to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's; it stops us

    def go_on() -> bool:
        nonlocal applied
        try:
            while pipe.poll(0):
                kind, value = pipe.recv()
                if kind == "stop":
                    return False
                applied = value
        except (EOFError, OSError):
            return False  # the parent is gone
        return True

    with Connection.from_settings(settings) as conn:
        while go_on():
            item: Fetched | SyncError
            try:
                item = fetch_page(conn, record_type, since, applied, limit, others)
            except SyncError as exc:
                item = exc
            except Exception as exc:  # noqa: BLE001 - named (never its text: it may hold data)
                item = SyncError("protocol", "Data dari server tidak dikenali.",
                                 f"The server's data was not understood ({type(exc).__name__}).")
            try:
                pipe.send(item)
            except OSError:  # the parent closed its end (done, cancelled) or is gone
                return
            if isinstance(item, SyncError) or item.last:
                return
            since = item.cursor
