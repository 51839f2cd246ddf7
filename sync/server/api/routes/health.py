"""``GET /api/v1/health``: is the server there (no token, no protocol header needed)."""

from __future__ import annotations

from fastapi import APIRouter

from rt_desktop.ids import utc_now_iso
from sync.protocol import PROTOCOL_VERSION, Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health() -> Health:
    """The server is up; its protocol version and clock (for the client's skew check)."""
    return Health(status="ok", protocol=PROTOCOL_VERSION, server_time=utc_now_iso())
