"""Enrolment codes (issued by the admin) and their exchange for a device token."""

from __future__ import annotations

import datetime as dt
import logging

from rt_desktop import wilayah
from rt_desktop.ids import utc_now, utc_now_iso
from sync.protocol import EnrolRequest, EnrolResponse, Scope
from sync.server.auth import hash_secret, new_code, new_token, normalise_code
from sync.server.errors import Conflict, Unauthorized
from sync.server.settings import settings_model
from sync.server.storage import Device, EnrolCode, Storage

__all__ = ["enrol_device", "issue_code", "scope_for"]

log = logging.getLogger("rt_server.enrol")


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def scope_for(role: str, kelurahan: str | None, kecamatan: str | None,
              rt: str | None) -> tuple[str, str, str | None]:
    """``(level, code, rt)`` of a code for ``role``.

    :raises ValueError: when the options do not make a scope the role can have
    """
    if role == "volunteer":
        if not kelurahan or not rt or kecamatan:
            raise ValueError("a volunteer code needs --kelurahan CODE and --rt NNN")
        return "rt", wilayah.kelurahan(kelurahan).code, wilayah.normalise_rt(rt)
    if rt:
        raise ValueError(f"--rt is only for volunteer codes, not {role}")
    if role == "uptd":
        if kelurahan or kecamatan:
            raise ValueError("a UPTD PPA code is for the whole city: no --kelurahan/--kecamatan")
        return "kota", wilayah.KOTA_CODE, None
    if role == "coordinator":
        if kelurahan and kecamatan:
            raise ValueError("give --kelurahan or --kecamatan, not both")
        if kelurahan:
            return "kelurahan", wilayah.kelurahan(kelurahan).code, None
        if kecamatan:
            return "kecamatan", wilayah.kecamatan(kecamatan).code, None
        return "kota", wilayah.KOTA_CODE, None
    raise ValueError(f"unknown role {role!r}: volunteer, coordinator or uptd")


def issue_code(storage: Storage, role: str, level: str, code: str, rt: str | None,
               valid_for: dt.timedelta) -> tuple[str, str]:
    """A new one-time code and its expiry (ISO). Only the code's hash is stored.

    :raises ValueError: for a volunteer code of an RT that is listed as not active
    """
    text = new_code()
    now = utc_now()
    with storage.transaction(write=True) as tx:
        if level == "rt":
            listed = {rt_: active for _, rt_, active in tx.rts(code)}
            if rt in listed and not listed[rt]:
                raise ValueError(f"RT {rt} of {code} is not active (rt-server admin rt list)")
        tx.add_code(EnrolCode(hash_secret(normalise_code(text)), role, level, code, rt,
                              _iso(now), _iso(now + valid_for), None))
    return text, _iso(now + valid_for)


def enrol_device(storage: Storage, request: EnrolRequest,
                 laptop_role: str | None = None) -> EnrolResponse:
    """Exchange a code for a device token. Refused codes stay usable, and an enrolled device
    keeps its token: the code is used up only when it fits.

    :raises Unauthorized: for an unknown, used or expired code
    :raises Conflict: when a volunteer code is for another kelurahan or RT than the device's;
        when the code is for another role than ``laptop_role`` (the laptop's ``X-RT-Role``),
        or a coordinator's or UPTD PPA code goes to a laptop holding an RT's records
    """
    code_hash = hash_secret(normalise_code(request.code))
    now = utc_now_iso()
    token = new_token()
    with storage.transaction(write=True) as tx:
        code = tx.code(code_hash)
        if code is None:
            raise Unauthorized("unknown enrolment code")
        if code.used_at is not None:
            raise Unauthorized("this enrolment code was already used; ask the admin for a new one")
        if code.expires_at <= now:
            raise Unauthorized("this enrolment code has expired; ask the admin for a new one")
        if laptop_role is not None and laptop_role != code.role:
            raise Conflict(f"this code is for a {code.role} laptop, but this laptop was set up "
                           f"as a {laptop_role} laptop")
        if code.role != "volunteer" and (request.kelurahan_code or request.rt):
            raise Conflict(f"this code is for a {code.role} laptop, but this laptop holds the "
                           "records of an RT (a volunteer laptop)")
        if code.role == "volunteer" and (request.kelurahan_code, request.rt) != (
                code.scope_code, code.rt):
            raise Conflict(
                f"this code is for kelurahan {code.scope_code} RT {code.rt}, but this laptop's "
                f"data is for kelurahan {request.kelurahan_code or '-'} RT {request.rt or '-'}")
        if not tx.use_code(code_hash, request.device_id, now):
            raise Unauthorized("this enrolment code was already used; ask the admin for a new one")
        device = Device(request.device_id, code.role, code.scope_level, code.scope_code, code.rt,
                        request.device_tag, request.app_version, now, None, None, None)
        tx.save_device(device, hash_secret(token))
        settings = settings_model(tx.settings())
    log.info("enrol device=%s role=%s scope=%s:%s", device.device_id, device.role,
             device.scope_level, device.scope_code)
    return EnrolResponse(
        device_id=device.device_id, token=token, role=code.role,  # type: ignore[arg-type]
        scope=Scope(level=code.scope_level, code=code.scope_code,  # type: ignore[arg-type]
                    rt=code.rt),
        server_time=now, settings=settings)
