"""Pull phase: every record type in protocol order, page by page since its cursor; pages are
applied together with their cursor in one local transaction
(:func:`rt_desktop.store.sync_pull.apply_pulled`), so a run cut short anywhere resumes
where it stopped and never applies half a page.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from rt_desktop.store import sync_pull
from rt_desktop.store.store import Store
from sync import protocol
from sync.client.http import Connection
from sync.client.pull_pages import Fetched, PageThread, fetch_page
from sync.client.push import DbRunner

__all__ = ["PullStats", "pull_records"]

#: At most this many records go into one local transaction: the pages that have already
#: arrived are stored together with the last one's cursor. A commit's cost grows with what it
#: writes (about 30 ms per 1,000 sessions on SQLCipher, grouped or not), so this mostly bounds
#: what one transaction holds.
GROUP_RECORDS = 4000


@dataclass
class PullStats:
    pulled: int = 0
    merged: int = 0
    pages: int = 0
    new_conflicts: int = 0


def _cursor(store: Store, record_type: str) -> str | None:
    return store.sync_cursor(record_type)


def _groups(conn: Connection, record_type: str, first: Fetched, limit: int,
            cancel: threading.Event | None, others: Mapping[str, int] | None,
            ) -> Generator[list[Fetched], None, None]:
    """Pages of one record type, grouped for one transaction each. The caller applies a group
    before asking for the next one (that is when the fetcher's ``ack`` moves). The pages after
    the first are asked for with ``others`` (``{}`` for the last type pulled: its last page
    ends the sync on the server)."""
    if not first.acked or first.last:  # one page, or an older server: one at a time
        fetched = first
        while True:
            yield [fetched]
            if fetched.last or (cancel and cancel.is_set()):
                return
            fetched = fetch_page(conn, record_type, fetched.cursor, fetched.cursor, limit,
                                 others)
    fetcher = PageThread(conn, record_type, first, limit, cancel, others)
    try:
        group, count = [first], len(first.batch.rows)
        last = False
        while True:
            failure: Exception | None = None
            while not last and count < GROUP_RECORDS:
                try:
                    ready = fetcher.next(wait=False)
                except Exception as exc:  # noqa: BLE001 - after the pages already here
                    failure = exc
                    break
                if ready is None:
                    break
                group.append(ready)
                count += len(ready.batch.rows)
                last = ready.last
            yield group
            fetcher.applied = group[-1].cursor
            if failure is not None:
                raise failure
            if last or (cancel and cancel.is_set()):
                return
            ready = fetcher.next(wait=True)
            if ready is None:  # cancelled while waiting
                return
            group, count, last = [ready], len(ready.batch.rows), ready.last
    finally:
        fetcher.close()


def pull_records(conn: Connection, db: DbRunner, *, limit: int = protocol.MAX_PULL_LIMIT,
                 cancel: threading.Event | None = None,
                 own: Sequence[tuple[int, int]] = ()) -> PullStats:
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

    ``own``: per push batch, the seqs of the answers this sync has just stored
    (:attr:`sync.client.push.PushStats.own`), sent with every request: the server leaves out
    this laptop's records among them that are still as it sent them — a push is not
    downloaded back. Only this sync's: an earlier answer may belong to another copy of this
    database (a restore, a copy put back). An older server sends them all the same.

    :raises SyncError: when a page cannot be fetched; the pages applied so far stay applied
    """
    stats = PullStats()
    cursors = {t: int(db(partial(_cursor, record_type=t)) or 0) for t in protocol.PULL_ORDER}
    conn.own = tuple(own)
    todo = list(protocol.PULL_ORDER)
    while todo and not (cancel and cancel.is_set()):
        record_type, *later = todo
        since = cursors[record_type]
        first = fetch_page(conn, record_type, since, since, limit,
                           {t: cursors[t] for t in later})
        # The server named the later types with anything new; the others are skipped. When
        # none is left, this type's later pages say so too (`others` empty): the server takes
        # its last page as the end of the sync.
        news = first.news
        todo = later if news is None else [t for t in later if t in news]
        rest: dict[str, int] | None = {} if news is not None and not todo else None
        # closing(): a failed apply stops the fetching before the error goes up.
        with contextlib.closing(_groups(conn, record_type, first, limit, cancel,
                                        rest)) as groups:
            for group in groups:
                batch = sync_pull.join_pulled([f.batch for f in group])
                result = db(partial(sync_pull.apply_pulled, batch=batch,
                                    cursor=group[-1].cursor))
                stats.pages += len(group)
                stats.pulled += result.applied + result.merged
                stats.merged += result.merged
                stats.new_conflicts += result.conflicts
    return stats
