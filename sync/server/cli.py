"""``rt-server``: run the city server and administer it (docs/admin-server.md).

    rt-server [--database-url URL] [--data-dir DIR] serve [--host 127.0.0.1] [--port 8765]
              [--workers N]
    rt-server admin init | issue-code | devices | revoke | status | settings | rt | wilayah

Exit codes: 0 ok · 1 unexpected error · 2 bad input (message on stderr).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rt_desktop import wilayah
from rt_desktop.errors import BadInput, reader_gone
from sync.server import admin
from sync.server.auth import MAX_CODE_VALIDITY, parse_duration
from sync.server.config import default_data_dir, default_database_url, load_config
from sync.server.crypto import (
    ENV_KEY,
    KEY_FILE,
    SecretKeyError,
    check_key,
    create_key_file,
    load_key,
)
from sync.server.settings import KEYS
from sync.server.storage import is_postgres_url, open_storage

__all__ = ["main"]


class _Usage(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rt-server", description="RT Desktop city server")
    p.add_argument("--database-url", help="postgresql://… or sqlite:///path (default: "
                   "RT_SERVER_DATABASE_URL, else rt-server.db in the data directory)")
    p.add_argument("--data-dir", type=Path, help="where the SQLite file and secret.key live "
                   "(default: RT_SERVER_DATA_DIR, else the platform's data directory)")
    sub = p.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=_port, default=8765)
    serve.add_argument("--log-level", default="info",
                       choices=["critical", "error", "warning", "info", "debug"])
    serve.add_argument("--workers", type=_workers, default=None,
                       help="server processes (default: min(4, CPUs) on PostgreSQL, 1 on "
                       "SQLite, whose writers queue in one process)")

    adm = sub.add_parser("admin", help="administration").add_subparsers(dest="admin",
                                                                         required=True)
    adm.add_parser("init", help="create or migrate the schema, load wilayah, make secret.key")
    code = adm.add_parser("issue-code", help="a one-time enrolment code")
    code.add_argument("--role", required=True, choices=["volunteer", "coordinator", "uptd"])
    code.add_argument("--kelurahan", help="kelurahan code or name")
    code.add_argument("--kecamatan", help="kecamatan code or name (coordinators)")
    code.add_argument("--rt", help="RT number, e.g. 007 (volunteers)")
    code.add_argument("--expires", default="7d", help="7d, 12h, 30m, 2w (default 7d)")
    devices = adm.add_parser("devices", help="list enrolled devices")
    devices.add_argument("--json", action="store_true")
    revoke = adm.add_parser("revoke", help="revoke a device (its next request gets 401)")
    revoke.add_argument("device_id")
    status = adm.add_parser("status", help="devices and record counts per kelurahan/RT/type")
    status.add_argument("--json", action="store_true")

    settings = adm.add_parser("settings", help="settings sent to devices").add_subparsers(
        dest="settings", required=True)
    show = settings.add_parser("show")
    show.add_argument("--json", action="store_true")
    setter = settings.add_parser("set", help=f"set one of: {', '.join(KEYS)}")
    setter.add_argument("key", choices=KEYS)
    setter.add_argument("value")

    rt = adm.add_parser("rt", help="RT lists (with an active flag)").add_subparsers(
        dest="rt_command", required=True)
    rt_add = rt.add_parser("add", help="add RTs to a kelurahan (active): 1 2 3 or 1-45")
    rt_add.add_argument("kelurahan")
    rt_add.add_argument("rts", nargs="+")
    rt_list = rt.add_parser("list")
    rt_list.add_argument("--kelurahan")
    rt_list.add_argument("--json", action="store_true")
    for name, text in (("deactivate", "freeze an RT: no new enrolment codes for it"),
                       ("activate", "make a frozen RT active again")):
        one = rt.add_parser(name, help=text)
        one.add_argument("kelurahan")
        one.add_argument("rt")
    adm.add_parser("wilayah", help="list kecamatan and kelurahan with their codes")
    return p


#: How long an idle connection stays open. A sync reuses one connection, and a laptop may work
#: for seconds between two requests (applying a page, reading the outbox): with uvicorn's 5 s
#: the server could close it just as the next request went out, which the laptop sees as a
#: dropped connection (bench/sync_bench.py's crowd did, now and then).
KEEP_ALIVE_SECONDS = 30


def _port(text: str) -> int:
    """A TCP port: uvicorn took 99999 as 34463 (modulo 65536) and said it listened on 99999."""
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError("a port number from 1 to 65535")
    return int(text)


def _workers(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError("a whole number from 1 to 64")
    return int(text)


def default_workers(database_url: str, cpus: int | None = None) -> int:
    """min(4, CPUs) on PostgreSQL; 1 on SQLite (one process keeps its writers in one fair
    queue; across processes they would poll the file lock)."""
    if not is_postgres_url(database_url):
        return 1
    return max(1, min(4, cpus if cpus is not None else (os.cpu_count() or 1)))


def _out(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.server.app import create_app
    from sync.server.http_protocol import NoDelayHTTPProtocol
    from sync.server.logs import log_config
    from sync.server.main import tune_gc

    config = load_config(args.database_url, args.data_dir)  # fails here, once, if misconfigured
    with open_storage(config.database_url) as storage:  # … or with a key the data does not know
        storage.init_schema()
        with storage.reading() as tx:
            check_key(config.secret_key, tx.sealed_sample())
    workers = args.workers or default_workers(config.database_url)
    if workers > 1 and not is_postgres_url(config.database_url):
        raise ValueError("--workers above 1 needs PostgreSQL: SQLite lets one process write at "
                         "a time, and worker processes would only queue for it")
    print(f"rt-server: {admin.redact_url(config.database_url)} on http://{args.host}:{args.port}"
          f" ({workers} worker process{'es' if workers > 1 else ''})",
          file=sys.stderr, flush=True)
    options: dict[str, Any] = {
        "host": args.host, "port": args.port, "log_config": log_config(args.log_level),
        "access_log": True, "server_header": False, "proxy_headers": False,
        "http": NoDelayHTTPProtocol, "timeout_keep_alive": KEEP_ALIVE_SECONDS}
    if workers == 1:
        app = create_app(config)
        tune_gc()
        uvicorn.run(app, **options)
        return 0
    # Several processes: each worker builds its own app from the environment (the options
    # given here are handed down through it); the rate limits are per worker
    # (docs/admin-server.md).
    os.environ["RT_SERVER_DATABASE_URL"] = config.database_url
    os.environ["RT_SERVER_DATA_DIR"] = str(config.data_dir)
    uvicorn.run("sync.server.main:worker_app", factory=True, workers=workers, **options)
    return 0


def _url(args: argparse.Namespace) -> str:
    data_dir = args.data_dir or default_data_dir()
    return args.database_url or os.environ.get("RT_SERVER_DATABASE_URL") \
        or default_database_url(data_dir)


def _admin(args: argparse.Namespace) -> int:
    data_dir = args.data_dir or default_data_dir()
    if args.admin == "wilayah":
        for kec in wilayah.kecamatan_list():
            print(f"{kec.code}  {kec.name}")
            for kel in wilayah.kelurahan_list():
                if kel.kecamatan == kec:
                    print(f"    {kel.code}  {kel.name}")
        return 0
    with open_storage(_url(args)) as storage:
        if args.admin == "init":
            counts = admin.init(storage)
            key_note = _init_key(storage, data_dir)
            print(f"database: {admin.redact_url(storage.url)}: schema ready, "
                  f"{counts['kecamatan']} kecamatan and {counts['kelurahan']} kelurahan loaded")
            print(key_note)
            return 0
        storage.init_schema()
        return _admin_command(args, storage)


def _init_key(storage: Any, data_dir: Path) -> str:
    """The secret key for ``admin init``: the one configured, checked against the data, or a new
    one — but never a new one for a database that already holds sealed fields."""
    with storage.reading() as tx:
        sample = tx.sealed_sample()
    if os.environ.get(ENV_KEY):
        check_key(load_key(data_dir), sample)
        return f"secret key: from {ENV_KEY}"
    path = data_dir / KEY_FILE
    if sample is not None and not path.exists():
        raise SecretKeyError(
            f"the database already holds sensitive fields sealed with a secret key, but there is "
            f"no {path}: put the backed-up {KEY_FILE} there (or set {ENV_KEY} to it) and run "
            "`rt-server admin init` again — a new key would leave those fields unreadable")
    path, made = create_key_file(data_dir)
    check_key(load_key(data_dir, environ={}), sample)
    mode = "" if made else _private(path)
    return f"secret key: {path} ({'created' if made else 'kept'}{mode}) — back it up"


def _private(path: Path) -> str:
    """Make the key file readable by its owner only (as ``admin init`` creates it)."""
    if os.name != "posix" or not path.stat().st_mode & 0o077:
        return ""
    was = path.stat().st_mode & 0o777
    path.chmod(0o600)
    return f"; others could read it (mode {was:o}), now 600"


def _admin_command(args: argparse.Namespace, storage: Any) -> int:
    if args.admin == "issue-code":
        issued = admin.issue(storage, role=args.role, kelurahan=args.kelurahan,
                             kecamatan=args.kecamatan, rt=args.rt,
                             expires=parse_duration(args.expires, longest=MAX_CODE_VALIDITY))
        scope = issued["scope"]
        print(f"role: {issued['role']}  scope: {scope['level']} {scope['code']}"
              f"{' RT ' + scope['rt'] if scope['rt'] else ''}  expires: {issued['expires_at']}")
        print(issued["code"])  # alone on the last line: scripts read it
        return 0
    if args.admin == "devices":
        found = admin.devices(storage)
        _out(found) if args.json else _print_devices(found)
        return 0
    if args.admin == "status":
        data = admin.status(storage)
        if args.json:
            _out(data)
        else:
            _print_devices(data["devices"])
            for row in data["records"]:
                print(f"{row['kelurahan_code']} {row['kelurahan']:<22} RT {row['rt']} "
                      f"{row['record_type']:<18} {row['count']:>7} (+{row['deleted']} deleted)")
        return 0
    if args.admin == "revoke":
        done = admin.revoke(storage, args.device_id)
        print(f"{args.device_id}: {'revoked' if done else 'was already revoked'}")
        return 0
    if args.admin == "settings":
        if args.settings == "set":
            print(f"{args.key} = {admin.set_setting(storage, args.key, args.value)}")
            return 0
        values = admin.settings(storage)
        if args.json:
            _out(values)
        else:
            for key, value in values.items():
                print(f"{key} = {value}")
        return 0
    if args.rt_command == "add":
        added = admin.add_rts(storage, args.kelurahan, args.rts)
        print(f"{len(added)} RT listed as active")
    elif args.rt_command == "list":
        rows = admin.list_rts(storage, args.kelurahan)
        if args.json:
            _out(rows)
        for row in [] if args.json else rows:
            print(f"{row['kelurahan_code']} RT {row['rt']} "
                  f"{'active' if row['active'] else 'inactive'}")
    else:
        active = args.rt_command == "activate"
        number = admin.set_rt_active(storage, args.kelurahan, args.rt, active)
        print(f"RT {number}: {'active' if active else 'inactive'}")
    return 0


def _print_devices(rows: list[dict[str, Any]]) -> None:
    for d in rows:
        scope = d["scope"]
        print(f"{d['device_id']}  {d['role']:<11} {scope['level']} {scope['code']}"
              f"{' RT ' + scope['rt'] if scope['rt'] else ''}  tag {d['device_tag']}  "
              f"last sync {d['last_sync_at'] or '-'}"
              f"{'  REVOKED ' + d['revoked_at'] if d['revoked_at'] else ''}")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "serve":
            return _serve(args)
        return _admin(args)
    except (ValueError, BadInput, SecretKeyError) as exc:
        message = exc.message("en") if isinstance(exc, BadInput) else str(exc)
        print(f"rt-server: {message}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `rt-server admin status --json | head`
        return reader_gone(sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
