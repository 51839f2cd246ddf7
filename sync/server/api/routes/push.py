"""``POST /api/v1/push``: a batch of changes, one answer per change."""

from __future__ import annotations

from collections.abc import Sequence

import anyio.to_thread
from fastapi import APIRouter, Response

from rt_desktop.ids import utc_now_iso
from sync.protocol import Change, ErrorBody, PushRequest, PushResponse
from sync.server.api.deps import CipherDep, CurrentDevice, PushSlots, StorageDep
from sync.server.crypto import FieldCipher
from sync.server.push import push_changes
from sync.server.storage import Device, Storage

router = APIRouter(tags=["sync"])


def _answer(storage: Storage, cipher: FieldCipher, device: Device,
            changes: Sequence[Change]) -> bytes:
    results = push_changes(storage, cipher, device, changes)
    # Serialised once by pydantic, not validated again and re-encoded by FastAPI (the
    # response_model still documents the shape).
    return PushResponse(results=results, server_time=utc_now_iso()).model_dump_json().encode()


@router.post("/push", response_model=PushResponse,
             responses={403: {"model": ErrorBody, "description": "outside role or scope"},
                        413: {"model": ErrorBody, "description": "body too large"}})
async def push(body: PushRequest, device: CurrentDevice, storage: StorageDep,
               cipher: CipherDep, slots: PushSlots) -> Response:
    """Apply changes (idempotent per change_id): applied, merged, duplicate or rejected."""
    answer = await anyio.to_thread.run_sync(_answer, storage, cipher, device, body.changes,
                                            limiter=slots)
    return Response(answer, media_type="application/json")
