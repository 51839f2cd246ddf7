"""``POST /api/v1/push``: a batch of changes, one answer per change."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Header, Response

from rt_desktop.ids import utc_now_iso
from sync.protocol import (
    PROTOCOL_HEADER,
    Change,
    ErrorBody,
    PushRequest,
    PushResponse,
    minor_version,
)
from sync.server.api.deps import CipherDep, CurrentDevice, PushSlots, StorageDep
from sync.server.crypto import FieldCipher
from sync.server.push import push_changes
from sync.server.storage import Device, Storage

router = APIRouter(tags=["sync"])


# What a client of protocol 1.0 does not know (its answers refused unknown keys).
_NEWER = {"results": {"__all__": {"seq", "updated_at"}}}


def _answer(storage: Storage, cipher: FieldCipher, device: Device,
            changes: Sequence[Change], minor: int) -> bytes:
    results = push_changes(storage, cipher, device, changes)
    # Serialised once by pydantic, not validated again and re-encoded by FastAPI (the
    # response_model still documents the shape).
    return PushResponse(results=results, server_time=utc_now_iso()).model_dump_json(
        exclude=_NEWER if minor < 1 else None).encode()


@router.post("/push", response_model=PushResponse,
             responses={403: {"model": ErrorBody, "description": "outside role or scope"},
                        413: {"model": ErrorBody, "description": "body too large"}})
async def push(body: PushRequest, device: CurrentDevice, storage: StorageDep,
               cipher: CipherDep, slots: PushSlots,
               x_rt_protocol: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
               ) -> Response:
    """Apply changes (idempotent per change_id): applied, merged, duplicate or rejected."""
    answer = await anyio.to_thread.run_sync(_answer, storage, cipher, device, body.changes,
                                            minor_version(x_rt_protocol), limiter=slots)
    return Response(answer, media_type="application/json")
