"""Who may read and write what (DESIGN.md §5, the roles table), in one place.

| role | scope | receives | may write |
|---|---|---|---|
| volunteer | one RT | every record of its RT, in full | records of its RT |
| coordinator | kelurahan / kecamatan / kota | sessions in full; incidents, referrals, follow-ups and conflict entries with every sensitive field removed (no entry of a sensitive field at all) | nothing |
| uptd | the city | incidents referred to UPTD PPA and those referrals, in full, with their conflict entries | a UPTD referral's status, response note, status date |

The coordinator projection is :func:`rt_desktop.records.redact` applied once, when a record is
stored: the sensitive fields (``records.sensitive_fields``, the definition ``redact`` uses) go
into the encrypted blob, the rest and their clocks (``hlc_public``) stay readable, and a
coordinator's page is built from the readable part alone — the blob is never opened for it.
tests/server/test_server_authz.py checks the result equals ``redact`` of the full record.
"""  # noqa: E501

from __future__ import annotations

from typing import Any

from rt_desktop import wilayah
from sync.protocol import CONFLICT_TYPE
from sync.server.storage import Device, PullFilter

__all__ = ["UPTD_TYPES", "may_write_place", "needs_sensitive", "pull_filter", "rt_list_area",
           "scope_of"]

# What UPTD PPA receives; nothing else is ever in its pages.
UPTD_TYPES = frozenset({"incident", "referral", CONFLICT_TYPE})


def pull_filter(device: Device, record_type_name: str) -> PullFilter | None:
    """The rows of one record type this device may receive; None when it receives none."""
    if device.role == "volunteer":
        return PullFilter(kelurahan_code=device.scope_code, rt=device.rt)
    if device.role == "uptd":
        return PullFilter(uptd_only=True) if record_type_name in UPTD_TYPES else None
    if device.role == "coordinator":
        if device.scope_level == "kelurahan":
            return PullFilter(kelurahan_code=device.scope_code, coordinator=True)
        if device.scope_level == "kecamatan":
            return PullFilter(kecamatan_code=device.scope_code, coordinator=True)
        return PullFilter(coordinator=True)
    return None


def needs_sensitive(device: Device) -> bool:
    """Whether this device ever receives sensitive fields (coordinators never do)."""
    return device.role in ("volunteer", "uptd")


def may_write_place(device: Device, kelurahan_code: str, rt: str) -> bool:
    """Whether a volunteer device may write a record of this kelurahan and RT."""
    return (device.role == "volunteer" and kelurahan_code == device.scope_code
            and rt == device.rt)


def rt_list_area(device: Device) -> tuple[str, ...]:
    """The kelurahan whose RT lists a device receives: those it reports on (a report lists the
    RTs without a session) and records for. Empty for UPTD PPA, which makes no reports and
    records nothing of its own (the server checks its referral answers)."""
    if device.role == "volunteer":
        return (device.scope_code,)
    if device.role == "coordinator":
        return tuple(k.code for k in wilayah.kelurahan_in_scope(device.scope_code))
    return ()


def scope_of(device: Device) -> dict[str, Any]:
    return {"level": device.scope_level, "code": device.scope_code, "rt": device.rt}
