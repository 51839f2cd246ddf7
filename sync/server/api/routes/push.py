"""``POST /api/v1/push``: a batch of changes, one answer per change."""

from __future__ import annotations

from fastapi import APIRouter

from rt_desktop.ids import utc_now_iso
from sync.protocol import ErrorBody, PushRequest, PushResponse
from sync.server.api.deps import CipherDep, CurrentDevice, StorageDep
from sync.server.push import push_changes

router = APIRouter(tags=["sync"])


@router.post("/push", response_model=PushResponse,
             responses={403: {"model": ErrorBody, "description": "outside role or scope"},
                        413: {"model": ErrorBody, "description": "body too large"}})
def push(body: PushRequest, device: CurrentDevice, storage: StorageDep,
         cipher: CipherDep) -> PushResponse:
    """Apply changes (idempotent per change_id): applied, merged, duplicate or rejected."""
    results = push_changes(storage, cipher, device, body.changes)
    return PushResponse(results=results, server_time=utc_now_iso())
