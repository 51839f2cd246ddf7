"""Pull phase: every record type in protocol order, page by page since its cursor; each page
applied together with its cursor in one local transaction
(:func:`rt_desktop.store.sync_apply.apply_pull_page`), so a run cut short anywhere resumes
where it stopped and never applies half a page.
"""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any

from rt_desktop.store import sync_apply
from rt_desktop.store.store import Store
from sync import protocol
from sync.client.http import Connection
from sync.client.push import DbRunner

__all__ = ["PullStats", "pull_records"]


@dataclass
class PullStats:
    pulled: int = 0
    merged: int = 0
    pages: int = 0
    new_conflicts: int = 0


def _cursor(store: Store, record_type: str) -> str | None:
    return store.sync_cursor(record_type)


def _fetch(conn: Connection, record_type: str, since: int, ack: int,
           limit: int) -> tuple[protocol.PullResponse, bool]:
    """One page, and whether the server took ``ack`` (only then may the next page be fetched
    before this one is applied)."""
    page, headers = conn.get_model_headers(
        "/pull", protocol.PullResponse,
        {"record_type": record_type, "since": since, "limit": limit, "ack": ack})
    return page, headers.get(protocol.PULL_ACK_HEADER) == str(ack)


def _settle(future: Future[Any] | None) -> None:
    """Wait for a fetch nobody will use (one request at a time on the session)."""
    if future is not None:
        with contextlib.suppress(BaseException):
            future.result()


def pull_records(conn: Connection, db: DbRunner, *, limit: int = protocol.MAX_PULL_LIMIT,
                 cancel: threading.Event | None = None) -> PullStats:
    """Pull and apply everything the server has for this device since its cursors.

    Pipelined: while a full page is applied, the next one is already fetched — with
    ``ack`` = the cursor applied so far, so the server never counts as seen what this device
    has not stored (``since`` alone would say so). Only when the server answers that it took
    ``ack`` (header ``X-RT-Pull-Acked``); an older server gets one page at a time. The local
    cursor still moves only with the page it covers, in one transaction.

    :raises SyncError: when a page cannot be fetched; the pages applied so far stay applied
    """
    stats = PullStats()
    pipelined = False
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rt-sync-pull") as fetcher:
        for record_type in protocol.PULL_ORDER:
            if cancel and cancel.is_set():
                break
            since = int(db(partial(_cursor, record_type=record_type)) or 0)
            page, took_ack = _fetch(conn, record_type, since, since, limit)
            pipelined = pipelined or took_ack
            while True:
                ahead: Future[tuple[protocol.PullResponse, bool]] | None = None
                if (pipelined and page.more and page.cursor != since
                        and not (cancel and cancel.is_set())):
                    # `since` is what is applied now: the page below is not yet.
                    ahead = fetcher.submit(_fetch, conn, record_type, page.cursor, since, limit)
                # The models' own attribute dicts: mappings in the wire shape, without a copy.
                records = [vars(r) for r in page.records]
                try:
                    result = db(partial(sync_apply.apply_pull_page, record_type=record_type,
                                        records=records, cursor=page.cursor))
                except BaseException:
                    _settle(ahead)
                    raise
                stats.pages += 1
                stats.pulled += result.applied + result.merged
                stats.merged += result.merged
                stats.new_conflicts += result.conflicts
                if not page.more or page.cursor == since:
                    break
                since = page.cursor
                if cancel and cancel.is_set():
                    _settle(ahead)
                    break
                if ahead is not None:
                    page, took_ack = ahead.result()
                else:
                    page, took_ack = _fetch(conn, record_type, since, since, limit)
                pipelined = pipelined or took_ack
    return stats
