"""``GET /api/v1/pull``: records of one type changed since a cursor, in the device's scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from sync.protocol import DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, PullResponse, RecordTypeName
from sync.server.api.deps import CipherDep, CurrentDevice, StorageDep
from sync.server.pull import pull_page

router = APIRouter(tags=["sync"])


@router.get("/pull", response_model=PullResponse)
def pull(device: CurrentDevice, storage: StorageDep, cipher: CipherDep,
         record_type: RecordTypeName,
         since: Annotated[int, Query(ge=0, le=2**62)] = 0,
         limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT) -> Response:
    """One page of records with seq > since (pull types in PULL_ORDER; repeat while more)."""
    return Response(pull_page(storage, cipher, device, record_type, since, limit),
                    media_type="application/json")
