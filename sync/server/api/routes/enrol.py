"""``POST /api/v1/enrol``: exchange a one-time code for a device token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header

from sync.protocol import ROLE_HEADER, EnrolRequest, EnrolResponse, ErrorBody, Role
from sync.server.api.deps import StorageDep, enrol_rate_limit
from sync.server.enrolment import enrol_device

router = APIRouter(tags=["enrol"])


# The RT lists come with the first sync: a 1.0 client would refuse the key (even as null).
@router.post("/enrol", response_model=EnrolResponse, dependencies=[Depends(enrol_rate_limit)],
             response_model_exclude={"settings": {"rt_lists"}},
             responses={401: {"model": ErrorBody, "description": "unknown, used or expired code"},
                        409: {"model": ErrorBody,
                              "description": "code for another RT or another role"}})
def enrol(body: EnrolRequest, storage: StorageDep,
          x_rt_role: Annotated[Role | None, Header(
              alias=ROLE_HEADER, description="the role the laptop was set up for")] = None,
          ) -> EnrolResponse:
    """Enrol this device with a code from the admin; returns its token, role and scope."""
    return enrol_device(storage, body, laptop_role=x_rt_role)
