"""Enrolment: a one-time code from the city admin, exchanged for this device's token
(DESIGN.md §5). The token goes to the OS keyring or the encrypted database
(:mod:`sync.client.tokens`); the server address, role, scope and TLS options go to meta.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rt_desktop import __version__
from rt_desktop.errors import BadInput
from rt_desktop.ids import utc_now_iso
from rt_desktop.roles import role_in_words
from rt_desktop.store import outbox, sync_meta
from rt_desktop.store.store import Store
from sync import protocol
from sync.client import tokens
from sync.client.errors import SyncError
from sync.client.http import DEFAULT_TIMEOUT, Connection, check_url

__all__ = ["Enrolment", "connect", "enrol", "enrolment", "store_settings"]


@dataclass(frozen=True)
class Enrolment:
    server: str
    role: str
    scope: dict[str, Any]
    token_store: str  # "keyring" or "database"
    ca_bundle: str | None
    allow_insecure_http: bool
    enrolled_at: str


def enrolment(store: Store) -> Enrolment | None:
    """This device's enrolment, or ``None`` before ``enrol``."""
    url = store.meta(sync_meta.ENROL_URL)
    if not url:
        return None
    return Enrolment(
        server=url, role=store.meta(sync_meta.ENROL_ROLE) or "",
        scope=json.loads(store.meta(sync_meta.ENROL_SCOPE) or "{}"),
        token_store=store.meta(sync_meta.ENROL_TOKEN_STORE) or "",
        ca_bundle=store.meta(sync_meta.ENROL_CA_BUNDLE) or None,
        allow_insecure_http=store.meta(sync_meta.ENROL_ALLOW_HTTP) == "1",
        enrolled_at=store.meta(sync_meta.ENROL_AT) or "")


def connect(store: Store, *, timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> Connection:
    """A connection to this device's server, with its token and TLS options.

    :raises SyncError: ``not_enrolled``; ``auth`` when the token cannot be read
    """
    found = enrolment(store)
    if found is None:
        raise SyncError("not_enrolled",
                        "Laptop ini belum terdaftar di server. Jalankan 'rt-desktop enrol URL "
                        "KODE'.", "This laptop is not enrolled yet. Run 'rt-desktop enrol URL "
                        "CODE'.")
    return Connection(found.server, token=tokens.load_token(store), ca_bundle=found.ca_bundle,
                      allow_insecure_http=found.allow_insecure_http, timeout=timeout)


def store_settings(store: Store, settings: protocol.Settings) -> None:
    """Keep the server's settings (contacts, suppression threshold, latest app version and
    where to get it) in meta; the UI shows an update notice from them. The RT lists of this
    device's area (protocol 1.2) replace the stored ones; without them (an older server, a
    UPTD PPA device) the stored ones stay. Writes only what changed (a sync with nothing to
    do should not touch the disk)."""
    wanted = {sync_meta.SYNC_SUPPRESSION: str(settings.suppression_threshold),
              sync_meta.SYNC_LATEST_VERSION: settings.latest_app_version,
              sync_meta.SYNC_DOWNLOAD_URL: settings.download_url}
    for key, name in ((sync_meta.CONTACT_UPTD_PPA, "uptd_ppa"),
                      (sync_meta.CONTACT_SAPA_129, "sapa_129")):
        if settings.contacts.get(name):
            wanted[key] = settings.contacts[name]
    changed = {k: v for k, v in wanted.items() if (store.meta(k) or "") != v}
    if changed:
        with store.writing():
            for key, value in changed.items():
                store.set_meta(key, value)
    if settings.rt_lists is not None:
        store.replace_rt_lists(settings.rt_lists)


def _not_this_laptop(store: Store, refused: SyncError) -> SyncError:
    """The server's 409 (the code stays usable) in words a volunteer can act on: what this
    laptop is, so the admin can be asked for the right code; the server's reason after it."""
    from rt_desktop import wilayah

    role_id, role_en = role_in_words(store.role)
    if store.kelurahan_code:
        where_id, where_en = wilayah.area_in_words(
            {"level": "rt", "code": store.kelurahan_code, "rt": store.rt})
        role_id, role_en = f"{role_id} {where_id}", f"{role_en} of {where_en}"
    reason = refused.message_en.split(": ", 1)[-1]
    return SyncError(
        "refused",
        f"Kode ini bukan untuk laptop ini. Laptop ini disiapkan sebagai laptop {role_id}: minta "
        f"kode untuk laptop seperti itu ke admin kota; kode tadi masih bisa dipakai di laptop "
        f"yang tepat. (Server: {reason})",
        f"This code is not for this laptop. This laptop was set up as a {role_en} laptop: ask "
        f"the city admin for a code for such a laptop; the code can still be used on the right "
        f"laptop. (Server: {reason})", status=refused.status)


def enrol(store: Store, url: str, code: str, *, ca_bundle: str | Path | None = None,
          allow_insecure_http: bool = False, timeout: tuple[float, float] = DEFAULT_TIMEOUT,
          app_version: str = __version__, user: str | None = None) -> Enrolment:
    """Exchange an enrolment ``code`` for this device's token and remember the server.

    Enrolling again (a new code, e.g. after a revocation) replaces the old enrolment; moving
    to another server forgets the pull cursors (its sequence numbers are not the old one's).
    ``user`` (a local user's name) goes into the audit log.

    :raises SyncError: ``insecure`` (plain http to another machine, not allowed), ``auth``
        (wrong, used or expired code), ``refused`` (the code is for another RT or role),
        ``unreachable``, ``tls``, ``update_required``, ``server_error``
    :raises BadInput: a CA bundle file that does not exist
    """
    url = check_url(url, allow_insecure_http=allow_insecure_http)
    code = code.strip()
    if not 4 <= len(code) <= 64:  # EnrolRequest's bounds; a real code is 12 characters
        raise BadInput("Kode pendaftaran tidak sah: tulis kode dari admin kota, 12 huruf dan "
                       "angka seperti K7QF-9XJ2-M3PA.",
                       "Not a valid enrolment code: type the code from the city admin, 12 "
                       "letters and digits like K7QF-9XJ2-M3PA.")
    bundle = str(Path(ca_bundle).expanduser().resolve()) if ca_bundle else None
    if bundle and not Path(bundle).is_file():
        raise BadInput(f"Berkas CA tidak ditemukan: {bundle}", f"CA bundle not found: {bundle}")
    request = protocol.EnrolRequest(
        code=code, device_id=store.device_id, device_tag=store.device_tag,
        app_version=app_version, kelurahan_code=store.kelurahan_code, rt=store.rt)
    with Connection(url, ca_bundle=bundle, allow_insecure_http=allow_insecure_http,
                    timeout=timeout) as conn:
        try:
            payload = conn.post("/enrol", request.model_dump(),
                                headers={protocol.ROLE_HEADER: store.role})
        except SyncError as exc:
            if exc.kind == "refused":  # 409: the code is for another RT or role
                raise _not_this_laptop(store, exc) from exc
            raise
    try:
        answer = protocol.EnrolResponse.model_validate(payload)
    except ValidationError as exc:
        raise SyncError("protocol", "Jawaban server atas pendaftaran tidak dikenali.",
                        "The server's enrolment answer was not understood.") from exc
    if answer.device_id != store.device_id:
        raise SyncError("protocol", "Server mendaftarkan perangkat lain.",
                        "The server enrolled another device id.")
    if answer.role != store.role:  # an older server, which does not read ROLE_HEADER
        (code_id, code_en), (mine_id, mine_en) = map(role_in_words, (answer.role, store.role))
        raise SyncError(
            "refused",
            f"Kode ini untuk laptop {code_id}, tetapi laptop ini disiapkan sebagai "
            f"laptop {mine_id}. Minta kode yang sesuai ke admin kota.",
            f"This code is for a {code_en} laptop, but this laptop was set up as a {mine_en} "
            "laptop. Ask the city admin for a matching code.")
    previous = store.meta(sync_meta.ENROL_URL)
    with store.writing():
        where = tokens.save_token(store, answer.token)
        for key, value in (
                (sync_meta.ENROL_URL, url), (sync_meta.ENROL_ROLE, answer.role),
                (sync_meta.ENROL_SCOPE, json.dumps(answer.scope.model_dump(), sort_keys=True)),
                (sync_meta.ENROL_AT, utc_now_iso()), (sync_meta.ENROL_CA_BUNDLE, bundle or ""),
                (sync_meta.ENROL_ALLOW_HTTP, "1" if allow_insecure_http else "0"),
                (sync_meta.SYNC_FAILURES, "0"), (sync_meta.SYNC_NEXT_ATTEMPT, ""),
                (sync_meta.SYNC_LAST_ERROR, ""), (sync_meta.SYNC_LAST_ERROR_KIND, "")):
            store.set_meta(key, value)
        if previous and previous != url:
            outbox.reset_sync_cursors(store.db)
        store_settings(store, answer.settings)
        if user:
            store.audit("sync", user=user, detail=f"enrolled as {answer.role}")
    result = enrolment(store)
    assert result is not None and result.token_store == where
    return result
