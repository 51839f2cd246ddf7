"""``GET /api/v1/settings``: contact numbers, suppression threshold, latest app version, and
(protocol 1.2) the RT lists of the device's area."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response

from sync.protocol import PROTOCOL_HEADER, Settings, minor_version
from sync.server.api.deps import CurrentDevice, StorageDep
from sync.server.projection import rt_list_area
from sync.server.settings import settings_model

router = APIRouter(tags=["settings"])


@router.get("/settings", response_model=Settings)
def get_settings(device: CurrentDevice, storage: StorageDep,
                 x_rt_protocol: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
                 ) -> Response:
    """The settings every device refreshes at each sync."""
    # A client before 1.2 gets no RT lists (1.0 refused an unknown key) and costs no query.
    area = rt_list_area(device) if minor_version(x_rt_protocol) >= 2 else ()
    with storage.reading() as tx:
        answer = settings_model(tx.settings(), tx.rts_of(area) if area else None)
    # Serialised by pydantic directly, like the push answer: the key left out stays out.
    return Response(answer.model_dump_json(
        exclude={"rt_lists"} if answer.rt_lists is None else None), media_type="application/json")
