"""Pull phase: every record type in protocol order, page by page since its cursor; each page
applied together with its cursor in one local transaction
(:func:`rt_desktop.store.sync_apply.apply_pull_page`), so a run cut short anywhere resumes
where it stopped and never applies half a page.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import partial

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


def pull_records(conn: Connection, db: DbRunner, *, limit: int = protocol.MAX_PULL_LIMIT,
                 cancel: threading.Event | None = None) -> PullStats:
    """Pull and apply everything the server has for this device since its cursors.

    :raises SyncError: when a page cannot be fetched; the pages applied so far stay applied
    """
    stats = PullStats()
    for record_type in protocol.PULL_ORDER:
        since = int(db(partial(_cursor, record_type=record_type)) or 0)
        while not (cancel and cancel.is_set()):
            page = conn.get_model("/pull", protocol.PullResponse,
                                  {"record_type": record_type, "since": since, "limit": limit})
            # The models' own attribute dicts: mappings in the wire shape, without a copy.
            records = [vars(r) for r in page.records]
            result = db(partial(sync_apply.apply_pull_page, record_type=record_type,
                                records=records, cursor=page.cursor))
            stats.pages += 1
            stats.pulled += result.applied + result.merged
            stats.merged += result.merged
            stats.new_conflicts += result.conflicts
            if not page.more or page.cursor == since:
                break
            since = page.cursor
    return stats
