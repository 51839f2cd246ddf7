"""Whose data a report may cover on this device, and the RTs of a kelurahan.

A volunteer's device reports on its own RT only. A coordinator's device reports on one
kelurahan of its enrolment scope at a time (a kelurahan, a kecamatan or the city), all of its
RTs or a selection. An UPTD PPA device holds referred cases only, so no summary of it would be
true; it makes no reports.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rt_desktop import wilayah
from rt_desktop.errors import BadInput
from rt_desktop.reports import queries
from rt_desktop.reports.model import ReportScope
from rt_desktop.store.sync_meta import ENROL_SCOPE

if TYPE_CHECKING:
    from rt_desktop.store.store import Store

__all__ = ["allowed_kelurahan", "known_rts", "resolve_scope"]


def allowed_kelurahan(store: Store) -> tuple[wilayah.Kelurahan, ...]:
    """The kelurahan this device may report on (the Laporan screen's choices)."""
    if store.role == "volunteer":
        return (wilayah.kelurahan(store.kelurahan_code),)
    if store.role != "coordinator":
        return ()
    try:
        scope = json.loads(store.meta(ENROL_SCOPE) or "null") or {}
        code = str(scope.get("code") or wilayah.KOTA_CODE)
    except (ValueError, AttributeError):
        code = wilayah.KOTA_CODE
    try:
        return wilayah.kelurahan_in_scope(code)
    except wilayah.UnknownWilayah:
        return ()


def known_rts(store: Store, kelurahan_code: str) -> tuple[tuple[str, ...], bool]:
    """The RTs of a kelurahan and whether its RT list is configured.

    Active RTs of the configured list, plus RTs seen in the data that the list does not
    freeze. Without a configured list, only RTs that have data are known: an RT that never
    recorded anything cannot be listed as silent.
    """
    configured = store.configured_rts().get(kelurahan_code)
    frozen = {rt for (rt,) in store.db.execute(
        "SELECT rt FROM rt_list WHERE kelurahan_code = ? AND active = 0", [kelurahan_code])}
    rts = set(configured or ()) | (queries.rts_with_data(store, kelurahan_code) - frozen)
    return tuple(sorted(rts)), configured is not None


def resolve_scope(store: Store, *, kelurahan: str | None = None,
                  rts: Sequence[str] = ()) -> ReportScope:
    """The scope of a report asked for with ``--kelurahan`` / ``--rt`` (or the screen's choices).

    :raises BadInput: a kelurahan or RT this device may not report on, an RT the kelurahan
        does not have, or a device that makes no reports (UPTD PPA)
    """
    allowed = allowed_kelurahan(store)
    if not allowed:
        raise BadInput("Perangkat ini tidak membuat laporan ringkasan (hanya perangkat relawan "
                       "dan koordinator).",
                       "This device makes no summary reports (only volunteer and coordinator "
                       "devices do).")
    if kelurahan:
        chosen = wilayah.kelurahan(kelurahan)
        if chosen not in allowed:
            names = ", ".join(k.name for k in allowed[:5]) + (" …" if len(allowed) > 5 else "")
            raise BadInput(
                f"Kelurahan {chosen.name} ({chosen.code}) di luar wilayah perangkat ini "
                f"({names}).",
                f"Kelurahan {chosen.name} ({chosen.code}) is outside this device's area "
                f"({names}).")
    elif len(allowed) == 1:
        chosen = allowed[0]
    else:
        raise BadInput("Pilih kelurahan dengan --kelurahan KODE (wilayah perangkat ini lebih "
                       "dari satu kelurahan).",
                       "Choose a kelurahan with --kelurahan CODE (this device covers more than "
                       "one).")
    wanted = tuple(sorted({wilayah.normalise_rt(rt) for rt in rts}))
    if store.role == "volunteer":
        if any(rt != store.rt for rt in wanted):
            raise BadInput(
                f"Perangkat relawan hanya melaporkan RT {store.rt} miliknya sendiri.",
                f"A volunteer's device reports on its own RT {store.rt} only.")
        return _scope(chosen, (store.rt,), own_rt=True)
    if wanted:
        known, configured = known_rts(store, chosen.code)
        unknown = [rt for rt in wanted if rt not in known]
        if unknown:
            listed = ", ".join(unknown)
            why_id = ("tidak ada di daftar RT kelurahan itu" if configured
                      else "belum punya data, dan daftar RT kelurahan itu belum diatur")
            why_en = ("is not in that kelurahan's RT list" if configured
                      else "has no data, and that kelurahan's RT list is not set up")
            raise BadInput(f"RT {listed} di luar Kelurahan {chosen.name}: {why_id}.",
                           f"RT {listed} is outside Kelurahan {chosen.name}: {why_en}.")
    return _scope(chosen, wanted, own_rt=False)


def _scope(kel: wilayah.Kelurahan, rts: tuple[str, ...], *, own_rt: bool) -> ReportScope:
    return ReportScope(kel.code, kel.name, kel.kecamatan.code, kel.kecamatan.name, rts, own_rt)
