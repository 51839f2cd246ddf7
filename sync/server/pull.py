"""``GET /api/v1/pull``: the records of one type changed since a cursor, in the device's scope
and projection, one page at a time.

A first pull of 100,000 records is on the budget, so a page is assembled as JSON text straight
from the stored columns: the non-sensitive fields and the clocks are stored as JSON already and
go out as they are; only the sensitive fields are decrypted and merged in — and never for a
coordinator, whose page uses the clocks of non-sensitive fields only (``hlc_public``). The shape
is :class:`sync.protocol.PulledRecord`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence

from rt_desktop.hlc import pack_clocks, unpack_clocks
from rt_desktop.ids import utc_now_iso
from sync.protocol import PULL_ORDER, HlcForm
from sync.server.crypto import FieldCipher
from sync.server.projection import needs_sensitive, pull_filter
from sync.server.storage import Device, RawRecord, Storage

__all__ = ["pull_page"]

log = logging.getLogger("rt_server.pull")
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _record_json(record_type: str, row: RawRecord, fields: str, hlc: str) -> str:
    return (f'{{"record_type":{_dumps(record_type)},"id":{_dumps(row.id)},'
            f'"kelurahan_code":{_dumps(row.kelurahan_code)},"rt":{_dumps(row.rt)},'
            f'"rev":{int(row.rev)},"seq":{int(row.seq)},'
            f'"deleted":{"true" if row.deleted else "false"},"fields":{fields},"hlc":{hlc},'
            f'"created_at":{_dumps(row.created_at)},"updated_at":{_dumps(row.updated_at)},'
            f'"created_by":{_dumps(row.created_by)},"device_id":{_dumps(row.device_id)},'
            f'"attention":{row.attention}}}')


def _clocks_json(stored: str, form: HlcForm) -> str:
    """A record's stored clocks (JSON text, either form) as the device asked for them."""
    grouped = stored.lstrip().startswith("[")
    if form == "groups":
        return stored if grouped else pack_clocks(json.loads(stored))
    return _dumps(unpack_clocks(stored)) if grouped else stored


def pull_page(storage: Storage, cipher: FieldCipher, device: Device, record_type: str,
              since: int, limit: int, ack: int | None = None, hlc_form: HlcForm = "map",
              others: Mapping[str, int] | None = None,
              own: Sequence[tuple[int, int]] | None = None) -> tuple[str, list[str] | None]:
    """One page as JSON text: ``{"records": […], "cursor", "more", "server_time"}``, and the
    answer to ``others``.

    ``ack``: what the device has applied (≤ ``since``); without it, ``since`` itself. A device
    that fetches the next page while it still applies the current one sends both, so the
    server never believes it has seen data it has not stored yet. ``hlc_form``: each record's
    clocks as a map or grouped by timestamp (:class:`sync.protocol.PulledRecord`).
    ``others``: the cursors of the types the device will pull after this one (what it has
    applied of each); the answer lists those with anything newer in its scope, in ``others``'
    order (``None`` without ``others``). A sync with nothing new then needs one pull instead of
    one per type; each of those cursors counts as acknowledged, like ``since``.
    ``own``: seq ranges, one per push batch of the sync now pulling, of the answers that
    placed this device's records; its records in them that are still exactly as it sent them
    (``echo_of`` and ``echo_seq``) are left out — it stored those answers — and the cursor
    moves past them as if they had been sent. Per batch, because a batch's seqs are one block
    no other write can fall into (another copy of the device may push between batches)."""
    seen = since if ack is None else min(ack, since)
    where = pull_filter(device, record_type)
    parts: list[str] = []
    cursor, more = since, False
    full = needs_sensitive(device)
    news: list[str] | None = None
    with storage.reading() as tx:
        if where is not None:
            rows = tx.pull(record_type, since, limit + 1, where)
            more = len(rows) > limit
            ranges = own or ()
            for row in rows[:limit]:
                cursor = int(row.seq)
                if (ranges and row.echo_of == device.device_id and row.echo_seq == cursor
                        and any(low <= cursor <= high for low, high in ranges)):
                    continue  # the device has it as it is here: its own push, answered
                fields = row.fields
                if full and row.secret:
                    values = json.loads(fields)
                    values.update(cipher.open(record_type, row.id, row.secret))
                    fields = _dumps(values)
                parts.append(_record_json(record_type, row, fields, _clocks_json(
                    row.hlc if full else row.hlc_public, hlc_form)))
        if others is not None:
            news = [other for other, after in others.items()
                    if (scope := pull_filter(device, other)) is not None
                    and tx.pull(other, after, 1, scope)]
        known = tx.device_cursors(device.device_id)
    # The device asks with `since` only once it applied everything up to it: what it has
    # seen decides whether its next push is concurrent with other devices' writes. Written in
    # its own short write transaction, never inside the read one (on SQLite a read
    # transaction cannot become a writer once another writer committed: "database is locked").
    # No row reads as 0 (Batch._unseen): a first pull from 0 writes nothing.
    acks = {**(others or {}), record_type: seen}  # this type's is `seen`, whatever others say
    moved = {t: c for t, c in acks.items() if (known.get(t) or 0) != c}
    # The last page of the last type ends a sync: what `rt-server admin devices` shows as the
    # last sync, also for a laptop that only pulls (a coordinator's, an idle RT's). With
    # `others`, the last type the device will pull is this one when none of them has news.
    synced = not more and (record_type == PULL_ORDER[-1] or news == [])
    if moved or synced:
        with storage.bookkeeping() as tx:
            for moved_type, moved_cursor in moved.items():
                tx.set_device_cursor(device.device_id, moved_type, moved_cursor)
            if synced:
                tx.touch_device(device.device_id, utc_now_iso(), synced=True)
    if parts:
        log.info("pull device=%s type=%s since=%d records=%d more=%s", device.device_id,
                 record_type, since, len(parts), more)
    body = (f'{{"records":[{",".join(parts)}],"cursor":{cursor},'
            f'"more":{"true" if more else "false"},"server_time":{_dumps(utc_now_iso())}}}')
    return body, news
