"""``rt-desktop enrol`` and ``rt-desktop sync``: the sync subcommands of the composition root.

Part of rt_desktop/cli.py, kept apart to keep each file small. Like cli.py it imports ``sync``
only inside the handlers (tests/test_layering.py holds it to the same rule), so no other
command loads ``requests``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rt_desktop import errors, wilayah
from rt_desktop.roles import role_in_words

if TYPE_CHECKING:
    from rt_desktop.cli import Console

__all__ = ["add_parsers", "cmd_enrol", "cmd_sync", "say_status"]


def cmd_enrol(con: Console) -> int:
    from rt_desktop.cli import _unlock
    from sync.client import enrol

    a = con.args
    unlocked = _unlock(con)
    try:
        found = enrol(unlocked.store, a.url, a.code, ca_bundle=a.ca_bundle,
                      allow_insecure_http=a.allow_insecure_http,
                      user=unlocked.user.display_name)
    finally:
        unlocked.store.close()
    where_id, where_en = wilayah.area_in_words(found.scope)
    role_id, role_en = role_in_words(found.role)
    con.say(con.t(f"Terdaftar di {found.server} sebagai {role_id}, {where_id}.",
                  f"Enrolled with {found.server} as {role_en}, {where_en}."))
    con.say(con.t("Token perangkat disimpan di", "Device token kept in") + " " + con.t(
        "keyring sistem" if found.token_store == "keyring" else "database terenkripsi",
        "the system keyring" if found.token_store == "keyring" else "the encrypted database"))
    return errors.EXIT_OK


def cmd_sync(con: Console) -> int:
    from rt_desktop.cli import _unlock
    from rt_desktop.store.sync_apply import unsent_changes
    from sync.client import SyncError, run_sync

    unlocked = _unlock(con)
    try:
        result = run_sync(unlocked.store, user=unlocked.user.display_name,
                          timeout=(con.args.connect_timeout, con.args.read_timeout))
        rejected = [c for c in unsent_changes(unlocked.store) if c["state"] == "rejected"]
    except SyncError as exc:
        if con.args.json:  # a script reads what went wrong from stdout too; stderr says it
            con.say(json.dumps({"error": exc.kind, "message": exc.message(con.lang),
                                "status": exc.status, "retry_after": exc.retry_after,
                                "exit_code": exc.exit_code}, indent=2, sort_keys=True))
        raise
    finally:
        unlocked.store.close()
    summary: dict[str, Any] = {
        "pushed": result.pushed, "pulled": result.pulled, "conflicts": result.conflicts,
        "rejected": result.rejected, "merged": result.merged,
        "clock_skew_seconds": result.clock_skew_seconds,
        "update_available": result.update_available,
        "latest_app_version": result.latest_app_version, "download_url": result.download_url}
    if con.args.json:
        con.say(json.dumps(summary, indent=2, sort_keys=True))
    else:
        for key, label_id in (("pushed", "terkirim"), ("pulled", "diterima"),
                              ("conflicts", "konflik"), ("rejected", "ditolak")):
            con.say(f"{con.t(label_id, key)}: {summary[key]}")
    for change in rejected if result.rejected else ():
        reason = _reason(change.get("last_error"))
        con.warn(f"  {change['record_type']} {change['record_id']}: {reason}")
    if result.clock_skew_reported:
        con.warn(con.t(
            f"Jam laptop ini berbeda {abs(result.clock_skew_seconds or 0) / 60:.0f} menit dari "
            "server. Periksa tanggal dan jam di pengaturan komputer.",
            f"This laptop's clock is {abs(result.clock_skew_seconds or 0) / 60:.0f} minutes off "
            "the server's. Check the computer's date and time settings."))
    if result.update_available:
        con.warn(con.t(f"Versi baru RT Desktop tersedia: {result.latest_app_version} "
                       f"({result.download_url or 'tanya admin kota'}).",
                       f"A new RT Desktop is available: {result.latest_app_version} "
                       f"({result.download_url or 'ask the city admin'})."))
    return result.exit_code


def say_status(con: Console, sync: dict[str, Any]) -> None:
    """The sync lines of ``rt-desktop status`` (from rt_desktop.store.sync_meta.sync_status)."""
    if not sync["enrolment"]:
        return
    con.say(f"Server: {sync['enrolment']['server']} ({sync['enrolment']['role']})")
    con.say(f"{con.t('Sinkron terakhir', 'Last sync')}: {sync['last_sync'] or '-'} · "
            f"{con.t('konflik', 'conflicts')}: {sync['conflicts']} · "
            f"{con.t('ditolak', 'rejected')}: {sync['rejected_changes']}")
    if sync["last_error"]:
        con.say(f"{con.t('Galat terakhir', 'Last error')}: {sync['last_error']}")


def _reason(detail: str | None) -> str:
    try:
        data = json.loads(detail or "")
    except ValueError:
        return detail or "?"
    parts = [data.get("reason") or ""] + [
        f"{p.get('field') or '*'}: {p.get('message_id')}" for p in data.get("problems") or ()]
    return "; ".join(p for p in parts if p) or "?"


def _seconds(text: str) -> float:
    """A timeout: more than 0 and at most an hour."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= 3600:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(
            f"not a number of seconds above 0 and at most 3600: {text!r}")
    return value


def add_parsers(sub: Any, password_options: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("enrol", help="enrol this laptop with the city server (one-time code)")
    p.add_argument("url", metavar="URL", help="the server, e.g. https://rt.balikpapan.go.id")
    p.add_argument("code", metavar="CODE", help="the enrolment code from the city admin")
    p.add_argument("--ca-bundle", metavar="FILE",
                   help="trust this CA bundle for the server's certificate (else the system's)")
    p.add_argument("--allow-insecure-http", action="store_true",
                   help="allow plain http to a server that is not this machine (trusted "
                        "networks only; remembered)")
    password_options(p)
    p.set_defaults(handler=cmd_enrol)

    p = sub.add_parser("sync", help="sync with the city server once (push, then pull)")
    p.add_argument("--json", action="store_true", help="machine-readable summary")
    p.add_argument("--connect-timeout", type=_seconds, default=5.0, metavar="S",
                   help="give up connecting after S seconds (default 5)")
    p.add_argument("--read-timeout", type=_seconds, default=60.0, metavar="S",
                   help="give up waiting for an answer after S seconds (default 60)")
    password_options(p)
    p.set_defaults(handler=cmd_sync)
