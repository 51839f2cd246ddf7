"""The RT lists as the city server sends them at each sync (``Settings.rt_lists``,
docs/protocol.md): each kelurahan's RTs with an active flag, in the ``rt_list`` table.

Active RTs are what a report expects a session from (``Store.configured_rts``); frozen ones are
still RTs of the kelurahan — the admin freezes an RT so that no new laptop is enrolled for it,
and its records stay valid, on the server and here (:func:`listed`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import sqlite_utils

from rt_desktop import wilayah

__all__ = ["configure", "listed", "replace"]

_RT = re.compile(r"[0-9]{3}", re.ASCII)


def _stored(db: sqlite_utils.Database) -> dict[tuple[str, str], int]:
    return {(code, rt): active for code, rt, active in db.execute(
        "SELECT kelurahan_code, rt, active FROM rt_list")}


def replace(db: sqlite_utils.Database, lists: Mapping[str, Mapping[str, bool]]) -> bool:
    """Make the RT lists exactly ``lists`` (kelurahan code → {RT: active}): an RT or a
    kelurahan left out is gone. Run inside ``Store.writing()``; writes nothing when the lists
    are already so (a sync with nothing new must not touch the disk). A kelurahan this app's
    wilayah data does not know is skipped (the laptop could not report on it), and so is an RT
    that is not 001..999: one odd entry must not stop a sync.

    :returns: whether anything changed
    """
    wanted = {(code, rt): int(active)
              for code, rts in lists.items() if wilayah.is_kelurahan(code)
              for rt, active in rts.items() if _RT.fullmatch(rt) and rt != "000"}
    if wanted == _stored(db):
        return False
    db.execute("DELETE FROM rt_list")
    db.table("rt_list").insert_all(
        [{"kelurahan_code": code, "rt": rt, "active": active}
         for (code, rt), active in sorted(wanted.items())])
    return True


def configure(db: sqlite_utils.Database, kelurahan_code: str, rts: Iterable[str]) -> None:
    """Make ``rts`` the active RTs of a kelurahan; RTs left out are frozen, not removed. Run
    inside ``Store.writing()``.

    :raises BadInput: for an unknown kelurahan or an RT that is not 1..999
    """
    kelurahan_code = wilayah.kelurahan(kelurahan_code).code
    active = {wilayah.normalise_rt(rt) for rt in rts}
    db.execute("UPDATE rt_list SET active = 0 WHERE kelurahan_code = ?", [kelurahan_code])
    db.table("rt_list").upsert_all(
        [{"kelurahan_code": kelurahan_code, "rt": rt, "active": 1} for rt in sorted(active)],
        pk=("kelurahan_code", "rt"))


def listed(db: sqlite_utils.Database, *, active_only: bool = False
           ) -> dict[str, frozenset[str]]:
    """Every RT on each kelurahan's list — the RTs a record may be in (the server checks a push
    the same way) —, or with ``active_only`` those a report expects a session from. A kelurahan
    without a list is absent; one whose RTs are all frozen is there, empty."""
    out: dict[str, set[str]] = {}
    for (code, rt), active in _stored(db).items():
        rts = out.setdefault(code, set())
        if active or not active_only:
            rts.add(rt)
    return {code: frozenset(rts) for code, rts in out.items()}
