"""``GET /api/v1/pull``: records of one type changed since a cursor, in the device's scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from sync.protocol import (
    DEFAULT_PULL_LIMIT,
    MAX_PULL_LIMIT,
    PULL_ACK_HEADER,
    PULL_NEWS_HEADER,
    HlcForm,
    PullResponse,
    RecordTypeName,
    parse_cursors,
    parse_ranges,
)
from sync.server.api.deps import CipherDep, CurrentDevice, StorageDep
from sync.server.errors import ServiceError
from sync.server.pull import pull_page

router = APIRouter(tags=["sync"])


@router.get("/pull", response_model=PullResponse)
def pull(device: CurrentDevice, storage: StorageDep, cipher: CipherDep,
         record_type: RecordTypeName,
         since: Annotated[int, Query(ge=0, le=2**62)] = 0,
         limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT,
         ack: Annotated[int | None, Query(
             ge=0, le=2**62, description="the cursor this device has applied, when it asks "
             "for the next page before it finished applying the previous one (default: "
             "`since`); answered with the header X-RT-Pull-Acked")] = None,
         hlc_form: Annotated[HlcForm, Query(
             description="`groups`: each record's clocks grouped by timestamp (a third of the "
             "page's size); `map`: field → timestamp")] = "map",
         others: Annotated[str | None, Query(
             max_length=400, description="the cursors of the types this device will pull "
             "after this one, `type:cursor` comma-separated (what it has applied of each); "
             "answered with the header X-RT-Pull-News: those of them with anything newer, "
             "space-separated — the device skips the rest")] = None,
         own: Annotated[str | None, Query(
             max_length=64 * 40, description="the seqs of this sync's push answers for "
             "records now stored exactly as this device sent them, `low-high` per push batch, "
             "comma-separated (at most 64): its records in them still as sent are left out "
             "of the page (the cursor moves past them all the same)")] = None,
         ) -> Response:
    """One page of records with seq > since (pull types in PULL_ORDER; repeat while more)."""
    try:
        cursors = parse_cursors(others) if others is not None else None
        ranges = parse_ranges(own) if own else None
    except ValueError as exc:
        raise ServiceError(str(exc)) from None
    if cursors and record_type in cursors:
        raise ServiceError(f"others names the record type being pulled: {record_type}")
    body, news = pull_page(storage, cipher, device, record_type, since, limit, ack, hlc_form,
                           cursors, ranges)
    headers = {PULL_ACK_HEADER: str(min(ack, since))} if ack is not None else {}
    if news is not None:
        headers[PULL_NEWS_HEADER] = " ".join(news)
    return Response(body, media_type="application/json", headers=headers)
