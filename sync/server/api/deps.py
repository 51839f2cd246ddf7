"""Typed dependencies of the API (the FastAPI template's ``deps.py``): the storage, the cipher,
the protocol version check and the current device (authenticated, not revoked, rate-limited)."""

from __future__ import annotations

from typing import Annotated

import anyio
from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from rt_desktop.ids import utc_now_iso
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, major_version
from sync.server.auth import hash_secret
from sync.server.crypto import FieldCipher
from sync.server.errors import Unauthorized
from sync.server.ratelimit import RateLimiter
from sync.server.storage import Device, Storage, StorageConflict

__all__ = ["CipherDep", "CurrentDevice", "ProtocolChecked", "PushSlots", "RateLimited",
           "StorageDep", "UpgradeRequiredError"]

_bearer = HTTPBearer(auto_error=False, description="the device token from enrolment")


class UpgradeRequiredError(Exception):
    """The client speaks another major protocol version (426)."""


class RateLimited(Exception):
    def __init__(self, retry_after: float):
        super().__init__("rate limited")
        self.retry_after = retry_after


# Dependencies that do no I/O are `async def`: FastAPI runs a plain `def` dependency in its
# thread pool, one hand-off per dependency per request.
async def get_storage(request: Request) -> Storage:
    storage: Storage = request.app.state.storage
    return storage


async def get_cipher(request: Request) -> FieldCipher:
    cipher: FieldCipher = request.app.state.cipher
    return cipher


StorageDep = Annotated[Storage, Depends(get_storage)]
CipherDep = Annotated[FieldCipher, Depends(get_cipher)]

#: Pushes one server process works on at once; the others wait their turn in order, without
#: holding a thread. A push is CPU work under the GIL: interleaving many in one process only
#: slows each of them down, and most of all the one holding the sequence lock until it
#: commits. Two let one push compute while the other writes and commits.
PUSH_SLOTS = 2


async def get_push_slots(request: Request) -> anyio.CapacityLimiter:
    slots: anyio.CapacityLimiter | None = getattr(request.app.state, "push_slots", None)
    if slots is None:  # made in the event loop, on first use
        slots = request.app.state.push_slots = anyio.CapacityLimiter(PUSH_SLOTS)
    return slots


PushSlots = Annotated[anyio.CapacityLimiter, Depends(get_push_slots)]


async def check_protocol(
    x_rt_protocol: Annotated[str | None, Header(
        alias=PROTOCOL_HEADER, description=f"the protocol version: {PROTOCOL_VERSION}")] = None,
) -> None:
    if major_version(x_rt_protocol) != PROTOCOL_VERSION:
        raise UpgradeRequiredError


ProtocolChecked = Depends(check_protocol)


async def enrol_rate_limit(request: Request) -> None:
    limiter: RateLimiter = request.app.state.enrol_limiter
    client = request.client.host if request.client else "unknown"
    wait = limiter.check(client)
    if wait is not None:
        raise RateLimited(wait)


def current_device(
    request: Request, storage: StorageDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Device:
    """The device the bearer token belongs to; looked up on every request, so a revoked device
    is refused at once.

    :raises Unauthorized: no token, an unknown token, or a revoked device
    :raises RateLimited: past the device's request budget
    """
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("a device token is needed (Authorization: Bearer …)")
    token_hash = hash_secret(credentials.credentials)
    with storage.reading() as tx:
        device = tx.device_by_token(token_hash)
    if device is None:
        raise Unauthorized("unknown device token; enrol this device again")
    if device.revoked_at is not None:
        raise Unauthorized("this device was revoked; ask the admin for a new enrolment code")
    limiter: RateLimiter = request.app.state.limiter
    wait = limiter.check(device.device_id)
    if wait is not None:
        raise RateLimited(wait)
    seen = request.app.state.last_seen
    now = utc_now_iso()
    # last_seen_at at most once a minute per device: no write on every request.
    if seen.get(device.device_id, "") < now[:16]:
        seen[device.device_id] = now[:16]
        try:
            with storage.bookkeeping() as tx:  # a write: never inside a read transaction
                tx.touch_device(device.device_id, now, synced=False)
        except StorageConflict:
            # Only bookkeeping: the request goes on; the next one a minute later retries.
            seen.pop(device.device_id, None)
    return device


CurrentDevice = Annotated[Device, Depends(current_device)]
