"""Pull phase: every record type in protocol order, page by page since its cursor; pages are
applied together with their cursor in one local transaction
(:func:`rt_desktop.store.sync_pull.apply_pulled`), so a run cut short anywhere resumes
where it stopped and never applies half a page.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from functools import partial

from rt_desktop.store import sync_pull
from rt_desktop.store.store import Store
from sync import protocol
from sync.client.http import Connection
from sync.client.push import DbRunner

__all__ = ["PullStats", "pull_records"]

#: Pages fetched ahead of what is applied (each ≤ 1,000 records, a few MB parsed).
AHEAD = 3
#: At most this many records go into one local transaction: a commit costs about the same for
#: 1,000 records as for 4,000 (the WAL's fsync, the search index's segment), so taking the
#: pages that have already arrived together saves most of them on a first pull.
GROUP_RECORDS = 4000


@dataclass
class PullStats:
    pulled: int = 0
    merged: int = 0
    pages: int = 0
    new_conflicts: int = 0


def _cursor(store: Store, record_type: str) -> str | None:
    return store.sync_cursor(record_type)


def _fetch(conn: Connection, record_type: str, since: int, ack: int, limit: int,
           others: Mapping[str, int] | None = None,
           ) -> tuple[protocol.PullResponse, bool, frozenset[str] | None]:
    """One page; whether the server took ``ack`` (only then may the next page be fetched
    before this one is applied); and, asked with ``others`` (the cursors of the types to pull
    after this one), which of them have anything new — ``None`` from a server that does not
    answer it (then every type is pulled, as before)."""
    params: dict[str, object] = {"record_type": record_type, "since": since, "limit": limit,
                                 "ack": ack, "hlc_form": "groups"}
    if others is not None:
        params["others"] = protocol.format_cursors(others)
    page, headers = conn.get_model_headers("/pull", protocol.PullResponse, params)
    news = headers.get(protocol.PULL_NEWS_HEADER) if others is not None else None
    return (page, headers.get(protocol.PULL_ACK_HEADER) == str(ack),
            None if news is None else frozenset(news.split()))


def _last(page: protocol.PullResponse, since: int) -> bool:
    """Whether ``page`` (asked for with ``since``) ends the record type."""
    return not page.more or page.cursor == since


@dataclass(frozen=True)
class _Fetched:
    page: protocol.PullResponse
    since: int                         # what the page was asked for with
    batch: sync_pull.PulledBatch      # its records, prepared for the store


def _fetched(conn: Connection, record_type: str, since: int, ack: int, limit: int,
             others: Mapping[str, int] | None = None,
             ) -> tuple[_Fetched, bool, frozenset[str] | None]:
    """:func:`_fetch`, with the page's records prepared for the store (pure work, done on
    the fetching thread while the applying one writes)."""
    page, took, news = _fetch(conn, record_type, since, ack, limit, others)
    # The models' own attribute dicts: mappings in the wire shape, without a copy.
    batch = sync_pull.prepare_pulled(record_type, [vars(r) for r in page.records])
    return _Fetched(page, since, batch), took, news


class _Prefetcher:
    """Fetches the pages after ``first`` on its own thread, at most :data:`AHEAD` ahead of
    what has been applied. Each request says ``ack`` = the cursor applied so far (read from
    :attr:`applied`), so the server never counts as seen what this device has not stored.

    The connection is used by this thread alone until :meth:`close` returned.
    """

    def __init__(self, conn: Connection, record_type: str, first: _Fetched, limit: int,
                 cancel: threading.Event | None, others: Mapping[str, int] | None):
        self.applied = first.since
        self._others = others
        self._queue: queue.Queue[_Fetched | BaseException] = queue.Queue(maxsize=AHEAD)
        self._stop = threading.Event()
        self._cancel = cancel
        self._thread = threading.Thread(
            target=self._run, args=(conn, record_type, first.page.cursor, limit),
            name="rt-sync-pull", daemon=True)
        self._thread.start()

    def _stopped(self) -> bool:
        return self._stop.is_set() or bool(self._cancel and self._cancel.is_set())

    def _put(self, item: _Fetched | BaseException) -> bool:
        while not self._stopped():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self, conn: Connection, record_type: str, since: int, limit: int) -> None:
        while not self._stopped():
            try:
                fetched, _took, _news = _fetched(conn, record_type, since, self.applied, limit,
                                                 self._others)
            except BaseException as exc:  # noqa: BLE001 - handed to the applying thread
                self._put(exc)
                return
            if not self._put(fetched) or _last(fetched.page, since):
                return
            since = fetched.page.cursor

    def next(self, *, wait: bool) -> _Fetched | None:
        """The next fetched page; ``None`` when none is ready (``wait=False``) or the pull was
        cancelled.

        :raises SyncError: the fetch's failure, in order (pages before it come first)
        """
        while True:
            try:
                item = self._queue.get(timeout=0.1) if wait else self._queue.get_nowait()
            except queue.Empty:
                if not wait or self._stopped():
                    return None
                continue
            if isinstance(item, BaseException):
                raise item
            return item

    def close(self) -> None:
        """Stop fetching and wait for a request on its way (one at a time on the session)."""
        self._stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                self._queue.get_nowait()
        self._thread.join()


def _groups(conn: Connection, record_type: str, first: _Fetched, pipelined: bool, limit: int,
            cancel: threading.Event | None, others: Mapping[str, int] | None,
            ) -> Generator[list[_Fetched], None, None]:
    """Pages of one record type, grouped for one transaction each. The caller applies a group
    before asking for the next one (that is when the fetcher's ``ack`` moves). The pages after
    the first are asked for with ``others`` (``{}`` for the last type pulled: its last page
    ends the sync on the server)."""
    if not pipelined or _last(first.page, first.since):
        fetched = first
        while True:
            yield [fetched]
            page = fetched.page
            if _last(page, fetched.since) or (cancel and cancel.is_set()):
                return
            fetched, _took, _news = _fetched(conn, record_type, page.cursor, page.cursor,
                                             limit, others)
    fetcher = _Prefetcher(conn, record_type, first, limit, cancel, others)
    try:
        group, count = [first], len(first.batch.records)
        last = False
        while True:
            while not last and count < GROUP_RECORDS:
                ready = fetcher.next(wait=False)
                if ready is None:
                    break
                group.append(ready)
                count += len(ready.batch.records)
                last = _last(ready.page, ready.since)
            yield group
            fetcher.applied = group[-1].page.cursor
            if last or (cancel and cancel.is_set()):
                return
            ready = fetcher.next(wait=True)
            if ready is None:  # cancelled while waiting
                return
            group, count, last = [ready], len(ready.batch.records), _last(ready.page, ready.since)
    finally:
        fetcher.close()


def pull_records(conn: Connection, db: DbRunner, *, limit: int = protocol.MAX_PULL_LIMIT,
                 cancel: threading.Event | None = None) -> PullStats:
    """Pull and apply everything the server has for this device since its cursors.

    Pipelined: while pages are applied, the next ones are already fetched — with ``ack`` =
    the cursor applied so far, so the server never counts as seen what this device has not
    stored (``since`` alone would say so). Only when the server answers that it took ``ack``
    (header ``X-RT-Pull-Acked``); an older server gets one page at a time. Pages that have
    arrived together are applied in one transaction (up to :data:`GROUP_RECORDS` records),
    and the local cursor moves only in the transaction that stores the pages it covers.

    The first request of each type also sends the cursors of the types after it (``others``);
    the server answers which of them have anything new (header ``X-RT-Pull-News``), and the
    rest are skipped: a sync with nothing new pulls once, not once per type. An older server
    does not answer, and every type is pulled.

    :raises SyncError: when a page cannot be fetched; the pages applied so far stay applied
    """
    stats = PullStats()
    cursors = {t: int(db(partial(_cursor, record_type=t)) or 0) for t in protocol.PULL_ORDER}
    todo = list(protocol.PULL_ORDER)
    while todo and not (cancel and cancel.is_set()):
        record_type, *later = todo
        since = cursors[record_type]
        first, took_ack, news = _fetched(conn, record_type, since, since, limit,
                                         {t: cursors[t] for t in later})
        # The server named the later types with anything new; the others are skipped. When
        # none is left, this type's later pages say so too (`others` empty): the server takes
        # its last page as the end of the sync.
        todo = later if news is None else [t for t in later if t in news]
        rest = {} if news is not None and not todo else None
        # closing(): a failed apply stops the fetching thread before the error goes up.
        with contextlib.closing(_groups(conn, record_type, first, took_ack, limit, cancel,
                                        rest)) as groups:
            for group in groups:
                batch = sync_pull.join_pulled([f.batch for f in group])
                result = db(partial(sync_pull.apply_pulled, batch=batch,
                                    cursor=group[-1].page.cursor))
                stats.pages += len(group)
                stats.pulled += result.applied + result.merged
                stats.merged += result.merged
                stats.new_conflicts += result.conflicts
    return stats
