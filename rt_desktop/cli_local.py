"""`rt-desktop backup`, `restore` and `user`: the laptop's own data and accounts.

Part of the composition root (rt_desktop/cli.py), split off to keep that module small; it
imports only the core.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rt_desktop import errors

if TYPE_CHECKING:
    from rt_desktop.cli import Console

__all__ = ["add_parsers"]

NEW_PASSWORD_ENV = "RT_DESKTOP_NEW_PASSWORD"


def _unlock(con: Console):  # -> access.Unlocked
    from rt_desktop.cli import _unlock as unlock

    return unlock(con)


def _data_dir(con: Console) -> Path:
    from rt_desktop.cli import _data_dir as data_dir

    return data_dir(con)


def cmd_backup(con: Console) -> int:
    from rt_desktop.store import backups

    data_dir = _data_dir(con)
    if con.args.list:
        for info in backups.list_backups(data_dir):
            con.say(f"{info.path}\t{info.created_at}\t{info.reason}\t{info.size}")
        return errors.EXIT_OK
    unlocked = _unlock(con)
    try:
        path = backups.create_backup(unlocked.store, reason="manual",
                                     user=unlocked.user.display_name)
        removed = backups.prune_backups(data_dir)
    finally:
        unlocked.store.close()
    con.say(con.t("Cadangan dibuat:", "Backup created:") + f" {path}")
    if removed:
        con.say(con.t(f"Cadangan lama dihapus sesuai aturan simpan: {len(removed)}",
                      f"Old backups removed by the retention rules: {len(removed)}"))
    return errors.EXIT_OK


def cmd_restore(con: Console) -> int:
    """Restore a backup into this data folder: the laptop's own (the current data is kept as a
    'before-restore' backup), or an empty folder — a new laptop, restoring from a USB stick —
    where the backup opens with its own key: the password in force when it was made, or the
    recovery code."""
    from rt_desktop import access
    from rt_desktop.store import backups
    from rt_desktop.store.restore import find_backup

    data_dir = _data_dir(con)
    folder = find_backup(data_dir, con.args.backup)
    own = access.load_slots(folder) if access.keys_path(folder).exists() else None
    if access.is_initialised(data_dir) and not con.args.recovery_code:
        unlocked = _unlock(con)
        pending, key = unlocked.store.pending_count(), unlocked.key
        name = unlocked.user.display_name
        unlocked.store.close()
        if own is not None and own.key_id != access.load_slots(data_dir).key_id:
            # A backup of another set-up of this laptop: it opens with its own key.
            key, name = _backup_key(con, own)
        con.warn(con.t(
            f"PERHATIAN: perubahan yang belum terkirim ke server dan tidak ada di cadangan ini "
            f"akan hilang (saat ini ada {pending} perubahan belum terkirim; setelah pemulihan "
            "disebutkan berapa yang hilang). Data sekarang disimpan dulu sebagai cadangan "
            "'before-restore'.",
            f"WARNING: changes not yet sent to the server that this backup does not hold will "
            f"be gone ({pending} changes are unsent now; how many were lost is said after the "
            "restore). The current data is first kept as a 'before-restore' backup."))
    elif own is None:
        raise errors.NotAnRTDatabase(
            f"Cadangan {folder} tidak memuat file kuncinya; pulihkan di laptop asalnya.",
            f"The backup {folder} holds no key file; restore it on the laptop it came from.")
    else:  # a new laptop, or the recovery code asked for
        key, name = _backup_key(con, own)
    if not con.confirm("Lanjutkan pemulihan?", "Go on with the restore?"):
        con.say(con.t("Dibatalkan; tidak ada yang berubah.", "Cancelled; nothing changed."))
        return errors.EXIT_OK
    report = backups.restore_backup(data_dir, folder, key, user=name)
    con.say(con.t("Dipulihkan dari", "Restored from") + f" {folder}.")
    if report.lost_pending_changes is not None:
        con.say(con.t(f"Perubahan belum terkirim yang hilang: {report.lost_pending_changes}",
                      f"Unsent changes lost: {report.lost_pending_changes}"))
    return errors.EXIT_OK


def _backup_key(con: Console, slots: Any) -> tuple[bytes, str]:
    """The key a backup opens with, from its own key file: a user's password as it was when the
    backup was made, or the recovery code; and the name the restore is recorded under."""
    from rt_desktop import access

    if con.args.recovery_code:
        code = con.secret("Kode pemulihan", "Recovery code", env="RT_DESKTOP_RECOVERY_CODE")
        return slots.unlock_with_recovery(code), con.args.user or "kode pemulihan"
    user = access.pick_user(slots, con.args.user)
    password = con.secret(f"Kata sandi {user.display_name} saat cadangan dibuat",
                          f"{user.display_name}'s password when the backup was made",
                          env="RT_DESKTOP_PASSWORD")
    return slots.unlock(user.user_id, password), user.display_name


def cmd_user(con: Console) -> int:
    from rt_desktop import access

    a = con.args
    data_dir = _data_dir(con)
    if a.user_action == "list":
        for user in access.load_slots(data_dir).users():
            con.say(user.display_name)
        return errors.EXIT_OK
    if a.user_action == "reset":
        code = con.secret("Kode pemulihan", "Recovery code", env="RT_DESKTOP_RECOVERY_CODE",
                          stdin_index=0)
        new = con.secret("Kata sandi baru", "New password", env=NEW_PASSWORD_ENV, stdin_index=1,
                         confirm=True)
        access.unlock_with_recovery(data_dir, a.user, code, new).store.close()
        con.say(con.t("Kata sandi diganti.", "Password changed."))
        return errors.EXIT_OK
    unlocked = _unlock(con)
    try:
        if a.user_action == "add":
            new = con.secret(f"Kata sandi untuk {a.name}", f"Password for {a.name}",
                             env=NEW_PASSWORD_ENV, stdin_index=1, confirm=True)
            access.check_new_password(new)
            added = unlocked.slots.add_user(unlocked.key, a.name, new)
            unlocked.store.audit("user_added", user=unlocked.user.display_name,
                                 detail=f"user {added.user_id}")
            con.say(con.t(f"Pengguna ditambahkan: {added.display_name}",
                          f"User added: {added.display_name}"))
        else:  # passwd
            new = con.secret("Kata sandi baru", "New password", env=NEW_PASSWORD_ENV,
                             stdin_index=1, confirm=True)
            access.check_new_password(new)
            unlocked.slots.change_password(unlocked.user.user_id, con.password, new)
            unlocked.store.audit("password_changed", user=unlocked.user.display_name)
            con.say(con.t("Kata sandi diganti.", "Password changed."))
    finally:
        unlocked.store.close()
    return errors.EXIT_OK


def add_parsers(sub: Any, password_options: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("backup", help="make an encrypted backup now (or --list them)")
    p.add_argument("--list", action="store_true", help="list backups instead")
    password_options(p)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="restore an encrypted backup")
    p.add_argument("backup", metavar="BACKUP", help="a path printed by 'backup --list'")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument("--recovery-code", action="store_true",
                   help="open the backup with the recovery code (asked for, or "
                        "RT_DESKTOP_RECOVERY_CODE) instead of a password")
    password_options(p)
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("user", help="local users: list, add, passwd, reset")
    p.add_argument("user_action", choices=("list", "add", "passwd", "reset"))
    p.add_argument("--name", metavar="NAMA", help="new user's name (add)")
    password_options(p)
    p.set_defaults(handler=cmd_user)
