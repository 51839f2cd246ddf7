"""What ``rt-server admin …`` does, as functions that return data (the CLI prints it)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from rt_desktop import wilayah
from rt_desktop.errors import BadInput
from rt_desktop.ids import utc_now_iso
from sync.server.enrolment import issue_code, scope_for
from sync.server.settings import DEFAULTS, check_setting
from sync.server.storage import Storage

__all__ = ["add_rts", "devices", "init", "issue", "list_rts", "redact_url", "resolve_kelurahan",
           "revoke", "set_rt_active", "set_setting", "settings", "status"]


def redact_url(url: str) -> str:
    """A database URL safe to print: the password replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def resolve_kelurahan(text: str) -> str:
    """A kelurahan code from its code or its name (``"Sungai Nangka"`` works).

    :raises ValueError: if nothing, or more than one kelurahan, matches
    """
    try:
        return wilayah.kelurahan(text).code
    except wilayah.UnknownWilayah:
        pass
    found = wilayah.find_kelurahan(text)
    exact = [k for k in found if k.name.casefold() == text.strip().casefold()]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0].code
    if not found:
        raise ValueError(f"unknown kelurahan {text!r} (rt-server admin wilayah lists them)")
    raise ValueError(f"{text!r} matches several kelurahan: "
                     + ", ".join(f"{k.name} ({k.code})" for k in found))


def resolve_kecamatan(text: str) -> str:
    try:
        return wilayah.kecamatan(text).code
    except wilayah.UnknownWilayah:
        pass
    for k in wilayah.kecamatan_list():
        if k.name.casefold() in (text.strip().casefold(), f"balikpapan {text.strip().casefold()}"):
            return k.code
    raise ValueError(f"unknown kecamatan {text!r} (rt-server admin wilayah lists them)")


def init(storage: Storage) -> dict[str, int]:
    """Create or migrate the schema and load the wilayah data; safe to run again."""
    storage.init_schema()
    rows: list[tuple[str, str, str, str | None]] = [(wilayah.KOTA_CODE, wilayah.KOTA_NAME,
                                                     "kota", None)]
    rows += [(k.code, k.name, "kecamatan", wilayah.KOTA_CODE) for k in wilayah.kecamatan_list()]
    rows += [(k.code, k.name, "kelurahan", k.kecamatan.code) for k in wilayah.kelurahan_list()]
    with storage.transaction(write=True) as tx:
        tx.save_wilayah(rows)
    return {"kecamatan": len(wilayah.kecamatan_list()),
            "kelurahan": len(wilayah.kelurahan_list())}


def issue(storage: Storage, *, role: str, kelurahan: str | None, kecamatan: str | None,
          rt: str | None, expires: dt.timedelta) -> dict[str, Any]:
    """:raises ValueError: for options that make no scope for the role"""
    if role == "volunteer" and kecamatan:
        # Said here, before the kecamatan is looked up: scope_for's message for it only says
        # what a volunteer code needs, which the admin may well have given.
        raise ValueError("a volunteer code is for one RT: give --kelurahan and --rt, not "
                         "--kecamatan")
    kel = resolve_kelurahan(kelurahan) if kelurahan else None
    kec = resolve_kecamatan(kecamatan) if kecamatan else None
    level, code, rt_ = scope_for(role, kel, kec, rt)
    if level == "rt" and rt_:
        _check_listed(storage, code, rt_)
    text, expires_at = issue_code(storage, role, level, code, rt_, expires)
    return {"code": text, "role": role, "scope": {"level": level, "code": code, "rt": rt_},
            "expires_at": expires_at}


def _check_listed(storage: Storage, kelurahan: str, rt: str) -> None:
    """:raises ValueError: for an RT missing from the kelurahan's RT list, when it has one (a
        kelurahan without a list takes any RT: docs/admin-server.md)"""
    with storage.transaction() as tx:
        listed = {number for _, number, _ in tx.rts(kelurahan)}
    if listed and rt not in listed:
        raise ValueError(f"RT {rt} is not in the RT list of {kelurahan} (rt-server admin rt list "
                         f"--kelurahan {kelurahan}); add it first: rt-server admin rt add "
                         f"{kelurahan} {int(rt)}")


def devices(storage: Storage) -> list[dict[str, Any]]:
    with storage.transaction() as tx:
        found = tx.devices()
    return [{"device_id": d.device_id, "role": d.role,
             "scope": {"level": d.scope_level, "code": d.scope_code, "rt": d.rt},
             "device_tag": d.device_tag, "app_version": d.app_version,
             "enrolled_at": d.enrolled_at, "last_seen_at": d.last_seen_at,
             "last_sync_at": d.last_sync_at, "revoked_at": d.revoked_at} for d in found]


def revoke(storage: Storage, device_id: str) -> bool:
    """True if the device was revoked now, False if it was already.

    :raises ValueError: for an unknown device
    """
    with storage.transaction(write=True) as tx:
        if tx.device(device_id) is None:
            raise ValueError(f"no device {device_id!r} (rt-server admin devices lists them)")
        return tx.revoke_device(device_id, utc_now_iso())


def status(storage: Storage) -> dict[str, Any]:
    """Devices with their last sync, and record counts per kelurahan, RT and record type."""
    with storage.transaction() as tx:
        counts = tx.record_counts()
        rts = tx.rts()
    names = {k.code: k.name for k in wilayah.kelurahan_list()}
    records = [{"kelurahan_code": k, "kelurahan": names.get(k, ""), "rt": rt,
                "record_type": t, "count": live, "deleted": gone}
               for k, rt, t, live, gone in counts]
    totals: dict[str, int] = {}
    for _k, _rt, record_type, live, _gone in counts:
        totals[record_type] = totals.get(record_type, 0) + live
    active_rts = {(k, rt) for k, rt, _t, _l, _g in counts}
    return {"database": redact_url(storage.url), "devices": devices(storage),
            "records": records, "totals": totals,
            "rts": {"listed": len(rts), "active": sum(1 for *_, a in rts if a),
                    "with_records": len(active_rts)}}


def settings(storage: Storage) -> dict[str, str]:
    with storage.transaction() as tx:
        return {**DEFAULTS, **tx.settings()}


def set_setting(storage: Storage, key: str, value: str) -> str:
    """:raises ValueError: for an unknown key or a bad value"""
    checked = check_setting(key, value)
    with storage.transaction(write=True) as tx:
        tx.set_setting(key, checked)
    return checked


def add_rts(storage: Storage, kelurahan: str, rts: list[str]) -> list[str]:
    """Add RTs (active) to a kelurahan's list; returns them as three digits, each once.

    :raises ValueError: for an unknown kelurahan, an RT that is not 001–999, or a range
        written backwards
    """
    code = resolve_kelurahan(kelurahan)
    numbers = sorted({rt for text in rts for rt in _rt_numbers(text)})
    with storage.transaction(write=True) as tx:
        for rt in numbers:
            tx.set_rt(code, rt, True)
    return numbers


def _rt_numbers(text: str) -> list[str]:
    """``"7"`` → 007; ``"1-45"`` → 001 to 045.

    :raises ValueError: for anything else, or a range written backwards
    """
    low, dash, high = text.partition("-")
    try:
        if not dash:
            return [wilayah.normalise_rt(text)]
        first, last = int(wilayah.normalise_rt(low)), int(wilayah.normalise_rt(high))
    except BadInput:
        raise ValueError(f"RT “{text}” is not valid: use a number from 1 to 999 (e.g. 007) "
                         "or a range such as 1-45") from None
    if first > last:
        raise ValueError(f"RT range “{text}” runs backwards: write {last}-{first}")
    return [f"{n:03d}" for n in range(first, last + 1)]


def set_rt_active(storage: Storage, kelurahan: str, rt: str, active: bool) -> str:
    """Returns the RT as three digits.

    :raises ValueError: for an RT that is not in the list
    """
    code = resolve_kelurahan(kelurahan)
    number = wilayah.normalise_rt(rt)
    with storage.transaction(write=True) as tx:
        if number not in {r for _, r, _ in tx.rts(code)}:
            raise ValueError(f"RT {number} is not listed for {code}; add it first")
        tx.set_rt(code, number, active)
    return number


def list_rts(storage: Storage, kelurahan: str | None) -> list[dict[str, Any]]:
    code = resolve_kelurahan(kelurahan) if kelurahan else None
    with storage.transaction() as tx:
        return [{"kelurahan_code": k, "rt": rt, "active": a} for k, rt, a in tx.rts(code)]
