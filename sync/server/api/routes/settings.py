"""``GET /api/v1/settings``: contact numbers, suppression threshold, latest app version."""

from __future__ import annotations

from fastapi import APIRouter

from sync.protocol import Settings
from sync.server.api.deps import CurrentDevice, StorageDep
from sync.server.settings import settings_model

router = APIRouter(tags=["settings"])


@router.get("/settings", response_model=Settings)
def get_settings(device: CurrentDevice, storage: StorageDep) -> Settings:
    """The settings every device refreshes at each sync."""
    with storage.reading() as tx:
        return settings_model(tx.settings())
