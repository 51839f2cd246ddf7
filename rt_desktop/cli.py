"""``rt-desktop``: the one composition root (DESIGN.md §2).

With no subcommand it starts the app. It imports ``ui`` (and later ``sync``) lazily, inside the
subcommands that need them, so that scripted commands never load Qt.

Passwords come from a prompt, ``RT_DESKTOP_PASSWORD`` or ``--password-stdin`` — never from argv.
Every other prompt has a flag; with no terminal and a missing value a command fails with a clear
message instead of waiting. Exit codes are those of DESIGN.md §4 (see rt_desktop.errors).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from rt_desktop import __version__, cli_local, cli_sync, errors

__all__ = ["main", "build_parser"]

PASSWORD_ENV = "RT_DESKTOP_PASSWORD"


class Console:
    """Where a command reads secrets from and writes to; one per run (tests pass their own)."""

    def __init__(self, args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO):
        self.args = args
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        # The app keeps its own language setting; --lang / RT_DESKTOP_LANG override it.
        self.requested_lang: str | None = args.lang
        self.lang: str = args.lang or "id"
        self._stdin_lines: list[str] | None = None
        self.password = ""  # the password that unlocked this run, for `user passwd`

    def say(self, text: str) -> None:
        print(text, file=self.stdout)

    def warn(self, text: str) -> None:
        print(text, file=self.stderr)

    def t(self, text_id: str, text_en: str) -> str:
        return text_en if self.lang == "en" else text_id

    def interactive(self) -> bool:
        return self.stdin.isatty()

    def _stdin_line(self, index: int) -> str | None:
        if self._stdin_lines is None:
            self._stdin_lines = self.stdin.read().splitlines()
        return self._stdin_lines[index] if index < len(self._stdin_lines) else None

    def secret(self, prompt_id: str, prompt_en: str, *, env: str, stdin_index: int = 0,
               confirm: bool = False) -> str:
        """A password: ``--password-stdin`` line, else the environment, else a prompt.

        :raises BadInput: none of them can give one (no terminal)
        """
        if getattr(self.args, "password_stdin", False):
            value = self._stdin_line(stdin_index)
            if value is None:
                raise errors.BadInput("Kata sandi tidak ada di masukan standar (stdin).",
                                      "No password on standard input.")
            return value
        if os.environ.get(env):
            return os.environ[env]
        if not self.interactive():
            raise errors.BadInput(
                f"Kata sandi diperlukan: ketik di terminal, atau pakai {env} atau "
                "--password-stdin.",
                f"A password is needed: type it in a terminal, or use {env} or --password-stdin.")
        value = getpass.getpass(self.t(prompt_id, prompt_en) + ": ")
        if confirm and getpass.getpass(self.t("Ulangi", "Repeat") + ": ") != value:
            raise errors.BadInput("Kedua kata sandi tidak sama.", "The two passwords differ.")
        return value

    def confirm(self, question_id: str, question_en: str) -> bool:
        """Ask yes/no; ``--yes`` answers yes. :raises BadInput: no terminal and no ``--yes``"""
        if getattr(self.args, "yes", False):
            return True
        if not self.interactive():
            raise errors.BadInput("Perlu konfirmasi: jalankan di terminal atau tambahkan --yes.",
                                  "Confirmation needed: run in a terminal or add --yes.")
        answer = input(self.t(question_id, question_en) + " [y/N] ")
        return answer.strip().lower() in {"y", "ya", "yes"}


# --- subcommands ---------------------------------------------------------------------------------

def _data_dir(con: Console) -> Path:
    from rt_desktop.access import resolve_data_dir

    return resolve_data_dir(con.args.data_dir)


def _unlock(con: Console):  # -> access.Unlocked
    from rt_desktop import access

    data_dir = _data_dir(con)
    slots = access.load_slots(data_dir)
    if con.args.user is None and len(slots.users()) > 1 and not con.interactive():
        # A script (a scheduled backup) names no user: the password says whose it is.
        password = con.secret("Kata sandi", "Password", env=PASSWORD_ENV)
        con.password = password
        return access.unlock_as_whoever(data_dir, password)
    user = access.pick_user(slots, con.args.user)
    password = con.secret(f"Kata sandi untuk {user.display_name}",
                          f"Password for {user.display_name}", env=PASSWORD_ENV)
    con.password = password
    return access.unlock(data_dir, user.user_id, password)


def cmd_gui(con: Console) -> int:
    from ui.app import run_app  # lazy: the only place Qt is loaded

    return run_app(_data_dir(con), lang=con.requested_lang)


def cmd_self_test(con: Console) -> int:
    """``--self-test``: an encrypted database in a temporary folder, then the UI offscreen."""
    from rt_desktop import selftest

    def ui_checks(data_dir, password, metrics):  # lazy: Qt is loaded only here
        from ui.selftest import checks

        return checks(data_dir, password, metrics)

    return selftest.run(con.stdout, extra_checks=ui_checks)


def cmd_init(con: Console) -> int:
    from rt_desktop import access

    a = con.args
    if a.role == "volunteer" and not (a.kelurahan and a.rt):
        raise errors.BadInput("Laptop relawan perlu --kelurahan dan --rt.",
                              "A volunteer's laptop needs --kelurahan and --rt.")
    if a.role != "volunteer" and (a.kelurahan or a.rt):
        raise errors.BadInput(
            "Laptop koordinator dan UPTD PPA tidak memakai --kelurahan/--rt: wilayahnya datang "
            "dari kode pendaftaran (rt-desktop enrol).",
            "Coordinator and UPTD PPA laptops take no --kelurahan/--rt: their area comes with "
            "the enrolment code (rt-desktop enrol).")
    password = con.secret("Kata sandi baru", "New password", env=PASSWORD_ENV, confirm=True)
    unlocked, recovery = access.initialise(_data_dir(con), kelurahan_code=a.kelurahan or "",
                                           rt=a.rt or "", name=a.name, password=password,
                                           role=a.role)
    unlocked.store.close()
    con.say(con.t("Database terenkripsi dibuat di", "Encrypted database created in")
            + f" {_data_dir(con)}")
    con.say(con.t(
        "KODE PEMULIHAN — tulis di kertas dan simpan di tempat aman. Kode ini hanya ditampilkan "
        "sekali dan satu-satunya cara membuka data jika semua kata sandi lupa:",
        "RECOVERY CODE — write it on paper and keep it somewhere safe. It is shown only once and "
        "is "
        "the only way into the data if every password is forgotten:"))
    con.say(recovery)
    return errors.EXIT_OK


def cmd_demo(con: Console) -> int:
    from rt_desktop import access, demo

    a = con.args
    data_dir = _data_dir(con)
    recovery = None
    if access.is_initialised(data_dir):
        unlocked = _unlock(con)
    else:
        password = con.secret("Kata sandi baru", "New password", env=PASSWORD_ENV, confirm=True)
        unlocked, recovery = access.initialise(data_dir, kelurahan_code=a.kelurahan, rt=a.rt,
                                               name=a.name, password=password)
    try:
        counts = demo.fill(unlocked.store, user=unlocked.user.display_name,
                           sessions=a.sessions, incidents=a.incidents, seed=a.seed)
    finally:
        unlocked.store.close()
    con.say(con.t(f"Data contoh ditambahkan: {counts['sessions']} sesi, "
                  f"{counts['incidents']} kasus "
                  f"(semua nama palsu) di {data_dir}",
                  f"Demo data added: {counts['sessions']} sessions, {counts['incidents']} cases "
                  f"(all names fake) in {data_dir}"))
    if recovery:
        con.say(con.t("Kode pemulihan:", "Recovery code:") + f" {recovery}")
    return errors.EXIT_OK


def cmd_status(con: Console) -> int:
    from rt_desktop import access
    from rt_desktop.store.sync_meta import sync_status

    data_dir = _data_dir(con)
    if not access.is_initialised(data_dir):
        status: dict[str, Any] = {"initialised": False, "data_dir": str(data_dir)}
    else:
        unlocked = _unlock(con)
        try:
            status = {"initialised": True, **unlocked.store.status(),
                      "users": [u.display_name for u in unlocked.slots.users()],
                      "version": __version__, "sync": sync_status(unlocked.store)}
        finally:
            unlocked.store.close()
    if con.args.json:
        con.say(json.dumps(status, indent=2, ensure_ascii=False, sort_keys=True))
        return errors.EXIT_OK
    if not status["initialised"]:
        con.say(con.t(f"Belum ada data di {data_dir}. Jalankan 'rt-desktop init'.",
                      f"No data in {data_dir} yet. Run 'rt-desktop init'."))
        return errors.EXIT_OK
    con.say(f"{con.t('Folder data', 'Data folder')}: {status['data_dir']}")
    if status["kelurahan_code"]:
        con.say(f"Kelurahan {status['kelurahan_code']} · RT {status['rt']}")
    else:  # a coordinator's or UPTD laptop: its area comes from the enrolment
        from rt_desktop import wilayah

        enrolment = (status.get("sync") or {}).get("enrolment") or {}
        area = (con.t(*wilayah.area_in_words(enrolment["scope"])) if enrolment.get("scope")
                else con.t("belum terdaftar", "not enrolled yet"))
        con.say(con.t("Wilayah", "Area") + f": {area}")
    for record_type, n in status["records"].items():
        con.say(f"  {record_type}: {n}")
    con.say(f"{con.t('Perubahan belum terkirim', 'Changes not yet sent')}: "
            f"{status['pending_changes']}")
    cli_sync.say_status(con, status["sync"])
    con.say(f"{con.t('Versi skema', 'Schema version')}: {status['schema_version']}")
    return errors.EXIT_OK


def cmd_export(con: Console) -> int:
    from rt_desktop import reports
    from rt_desktop.validation import today_wita

    a = con.args
    # Everything a typo can break is checked before the password is asked for.
    period = reports.parse_period(a.period, today=today_wita())
    out = reports.check_output_path(a.out)
    writer = None
    if a.format == "pdf":
        try:
            from ui.reports.pdf import write_report_pdf  # lazy: the only export that loads Qt
        except ImportError as exc:
            raise errors.BadInput(
                "Ekspor PDF belum tersedia di versi ini; pakai --format xlsx atau csv.",
                "PDF export is not available in this version yet; use --format xlsx or csv.",
            ) from exc
        writer = write_report_pdf
    unlocked = _unlock(con)
    try:
        scope = reports.resolve_scope(unlocked.store, kelurahan=a.kelurahan, rts=a.rt or ())
        report = reports.build_report(unlocked.store, period, scope)
        reports.export_report(unlocked.store, report, out, a.format,
                              user=unlocked.user.display_name, lang=con.lang, writer=writer)
    finally:
        unlocked.store.close()
    con.say(con.t("Laporan ditulis:", "Report written:") + f" {out}")
    if not report.incidents_included:
        con.say(report.notes[0].text(con.lang))
    return errors.EXIT_OK


# --- parser ------------------------------------------------------------------------------------

def _add_password_options(p: argparse.ArgumentParser, *, user: bool = True) -> None:
    if user:
        p.add_argument("--user", metavar="NAMA", help="local user (needed when there are several)")
    p.add_argument("--password-stdin", action="store_true",
                   help=f"read the password from the first line of stdin (else {PASSWORD_ENV} "
                        "or a prompt)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rt-desktop",
        description="RT Desktop — pencatatan Lautan RT dan kasus mikro PPATBM "
                    "(offline, terenkripsi).",
        epilog="Exit codes: 0 ok · 1 unexpected error · 2 bad input or wrong password · "
               "3 server unreachable · 4 not authorised · 5 partly done.")
    parser.add_argument("--version", action="version", version=f"rt-desktop {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="data folder (default: RT_DESKTOP_DATA_DIR or the per-user folder)")
    parser.add_argument("--lang", choices=("id", "en"), default=os.environ.get("RT_DESKTOP_LANG"),
                        help="language (default: the app's setting; messages: id)")
    parser.add_argument("--self-test", dest="handler", action="store_const", const=cmd_self_test,
                        help="check this installation (temporary data, offscreen window) and exit")
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("init", help="create the encrypted database and the first user")
    p.add_argument("--role", choices=("volunteer", "coordinator", "uptd"), default="volunteer",
                   help="volunteer (one RT, default); coordinator (read-only) or uptd (referral "
                        "status only): no RT, the enrolment code gives the area")
    p.add_argument("--kelurahan", metavar="CODE", help="e.g. 64.71.03.1004 (volunteer)")
    p.add_argument("--rt", metavar="NNN", help="e.g. 007 (volunteer)")
    p.add_argument("--name", required=True, metavar="NAMA", help="the first volunteer's name")
    _add_password_options(p, user=False)
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="create or fill a database with clearly fake demo data")
    p.add_argument("--kelurahan", default="64.71.03.1004", metavar="CODE",
                   help="for a new database (default 64.71.03.1004 Muara Rapak)")
    p.add_argument("--rt", default="007", metavar="NNN", help="for a new database (default 007)")
    p.add_argument("--name", default="Relawan Demo", metavar="NAMA",
                   help="first user of a new database")
    p.add_argument("--sessions", type=int, default=48, metavar="N")
    p.add_argument("--incidents", type=int, default=18, metavar="N")
    p.add_argument("--seed", type=int, default=None, help="repeatable demo data")
    _add_password_options(p)
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("status", help="local counts, pending changes, schema version")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    _add_password_options(p)
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("export", help="export a summary report (no personal data): xlsx, csv "
                                      "(a zip of CSV files) or pdf")
    p.add_argument("--period", required=True, metavar="PERIODE",
                   help="2026-11 (month), 2026-Q4 (quarter), 2026 (year) or "
                        "2026-01-01..2026-03-31 (custom: sessions only)")
    p.add_argument("--format", required=True, choices=("xlsx", "csv", "pdf"))
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--kelurahan", metavar="CODE",
                   help="coordinator: which kelurahan of the device's area")
    p.add_argument("--rt", nargs="+", action="extend", metavar="NNN",
                   help="only these RTs (sessions only); a volunteer's device: its own RT")
    _add_password_options(p)
    p.set_defaults(handler=cmd_export)

    cli_local.add_parsers(sub, _add_password_options)
    cli_sync.add_parsers(sub, _add_password_options)
    return parser


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run one command; returns its exit code (DESIGN.md §4)."""
    parser = build_parser()
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        return int(exc.code or 0)
    if getattr(args, "user_action", None) == "add" and not args.name:
        parser.error("user add needs --name")
    con = Console(args, stdin, stdout, stderr)
    handler: Callable[[Console], int] = args.handler
    try:
        return handler(con)
    except errors.RTError as exc:
        con.warn(exc.message(con.lang))
        problems = getattr(exc, "problems", None)
        for problem in problems or ():
            con.warn(f"  - {problem.field or '*'}: {problem.message(con.lang)}")
        return exc.exit_code
    except KeyboardInterrupt:
        con.warn(con.t("Dibatalkan.", "Cancelled."))
        return errors.EXIT_UNEXPECTED
    except BrokenPipeError:
        return errors.reader_gone(stdout)


if __name__ == "__main__":
    sys.exit(main())
