"""Key slots: the sidecar that wraps the database key for each user and the recovery code."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from rt_desktop import errors
from rt_desktop.store.keyslots import (
    DEFAULT_KDF,
    KEYS_FILENAME,
    KdfParams,
    KeySlots,
    key_id,
    new_recovery_code,
    normalise_recovery_code,
)

CHEAP = KdfParams(n=2**10, r=8, p=1)  # the real default takes ~0.35 s per derivation
PASSWORD = "pelangi-senja-42"


@pytest.fixture()
def made(tmp_path: Path) -> tuple[KeySlots, bytes, str]:
    return KeySlots.create(tmp_path / KEYS_FILENAME, "Ibu Sari", PASSWORD, kdf=CHEAP)


def test_create_then_unlock_from_a_fresh_load(made):
    slots, key, _ = made
    assert len(key) == 32
    again = KeySlots.load(slots.path)
    assert [u.display_name for u in again.users()] == ["Ibu Sari"]
    assert again.unlock("ibu  sari", PASSWORD) == key  # name: any case, extra spaces
    assert again.unlock(again.users()[0].user_id, PASSWORD) == key


def test_two_set_ups_make_different_keys(tmp_path):
    _, key1, code1 = KeySlots.create(tmp_path / "a.json", "A", PASSWORD, kdf=CHEAP)
    _, key2, code2 = KeySlots.create(tmp_path / "b.json", "A", PASSWORD, kdf=CHEAP)
    assert key1 != key2 and code1 != code2


def test_create_never_overwrites_an_existing_file(made):
    slots, _, _ = made
    before = slots.path.read_bytes()
    with pytest.raises(errors.BadInput):
        KeySlots.create(slots.path, "Other", PASSWORD, kdf=CHEAP)
    assert slots.path.read_bytes() == before


@pytest.mark.parametrize("password", ["wrong", PASSWORD.upper(), PASSWORD + " ", ""])
def test_wrong_password_is_refused_and_the_file_is_unchanged(made, password):
    slots, _, _ = made
    before = slots.path.read_bytes()
    with pytest.raises(errors.WrongPassword) as caught:
        KeySlots.load(slots.path).unlock("Ibu Sari", password)
    assert caught.value.message("id") == "Kata sandi salah."
    assert caught.value.message("en") == "Wrong password."
    assert caught.value.exit_code == errors.EXIT_BAD_INPUT
    assert slots.path.read_bytes() == before


def test_unknown_user_is_not_found(made):
    with pytest.raises(errors.NotFound):
        made[0].unlock("Pak Budi", PASSWORD)


def test_every_user_unlocks_the_same_key(made):
    slots, key, _ = made
    slots.add_user(key, "Pak Budi", "budi-password")
    slots.add_user(key, "Kak Rina", "rina-password")
    loaded = KeySlots.load(slots.path)
    assert [u.display_name for u in loaded.users()] == ["Ibu Sari", "Pak Budi", "Kak Rina"]
    for name, password in [("Ibu Sari", PASSWORD), ("Pak Budi", "budi-password"),
                           ("Kak Rina", "rina-password")]:
        assert loaded.unlock(name, password) == key
    with pytest.raises(errors.WrongPassword):
        loaded.unlock("Pak Budi", PASSWORD)  # one user's password does not open another's slot


@pytest.mark.parametrize("name", ["", "   ", "ibu sari", " IBU   SARI ", "a\x1b[2Jb", "x" * 81])
def test_add_user_refuses_empty_duplicate_or_odd_names(made, name):
    slots, key, _ = made
    before = slots.path.read_bytes()
    with pytest.raises(errors.BadInput):
        slots.add_user(key, name, "other-password")
    assert slots.path.read_bytes() == before


def test_add_user_needs_the_real_key(made):
    slots, _, _ = made
    with pytest.raises(errors.BadInput):
        slots.add_user(bytes(32), "Pak Budi", "budi-password")
    assert len(KeySlots.load(slots.path).users()) == 1


def test_change_password(made):
    slots, key, _ = made
    user_id = slots.users()[0].user_id
    slots.change_password("Ibu Sari", PASSWORD, "kata-sandi-baru")
    loaded = KeySlots.load(slots.path)
    with pytest.raises(errors.WrongPassword):
        loaded.unlock("Ibu Sari", PASSWORD)
    assert loaded.unlock("Ibu Sari", "kata-sandi-baru") == key
    assert loaded.users()[0].user_id == user_id  # drafts and audit keep pointing at the user


def test_change_password_with_a_wrong_old_password_changes_nothing(made):
    slots, _, _ = made
    before = slots.path.read_bytes()
    with pytest.raises(errors.WrongPassword):
        slots.change_password("Ibu Sari", "not-it", "kata-sandi-baru")
    assert slots.path.read_bytes() == before


def test_password_is_unicode_normalised(tmp_path):
    composed, decomposed = "caf\u00e9-kopi-enak", "cafe\u0301-kopi-enak"
    slots, key, _ = KeySlots.create(tmp_path / KEYS_FILENAME, "A", composed, kdf=CHEAP)
    assert slots.unlock("A", decomposed) == key


def _variants(code: str) -> list[str]:
    plain = code.replace("-", "")
    return [
        code,
        code.lower(),
        plain,
        " ".join(plain[i:i + 4] for i in range(0, len(plain), 4)),
        f"  {code.lower().replace('-', ' - ')}  ",
        code.replace("1", "l").replace("0", "O"),   # read off paper as letters
        code.replace("1", "I").replace("0", "o"),
    ]


def test_recovery_code_shape():
    code = new_recovery_code()
    groups = code.split("-")
    assert len(groups) == 7 and all(len(g) == 4 for g in groups)
    assert not set(code) & set("ILOU")
    assert len({new_recovery_code()[:8] for _ in range(200)}) == 200  # random, not a pattern


def test_recovery_code_variants_all_normalise_the_same():
    for _ in range(20):  # enough codes to meet 0/1 in most of them
        code = new_recovery_code()
        assert {normalise_recovery_code(v) for v in _variants(code)} == {code.replace("-", "")}


def test_reset_password_with_the_recovery_code(made):
    slots, key, code = made
    for i, variant in enumerate(_variants(code)):
        slots.reset_password(variant, "ibu sari", f"sandi-baru-{i}")
        assert KeySlots.load(slots.path).unlock("Ibu Sari", f"sandi-baru-{i}") == key
    with pytest.raises(errors.WrongPassword):
        slots.unlock("Ibu Sari", PASSWORD)
    assert slots.unlock_with_recovery(code) == key


@pytest.mark.parametrize("how", ["other_code", "typo", "too_short", "letter_u", "empty"])
def test_wrong_recovery_code_is_refused(made, how):
    slots, _, code = made
    bad = {
        "other_code": new_recovery_code(),  # well-formed, but not this database's
        "typo": code[:-1] + ("A" if code[-1] != "A" else "B"),
        "too_short": code[:-5],
        "letter_u": "U" + code[1:],
        "empty": "",
    }[how]
    before = slots.path.read_bytes()
    with pytest.raises(errors.WrongPassword):
        slots.reset_password(bad, "Ibu Sari", "sandi-baru-x")
    with pytest.raises(errors.WrongPassword):
        slots.unlock_with_recovery(bad)
    assert slots.path.read_bytes() == before


def test_replace_recovery_code(made):
    slots, key, old = made
    new = slots.replace_recovery_code(key)
    loaded = KeySlots.load(slots.path)
    assert loaded.unlock_with_recovery(new) == key
    with pytest.raises(errors.WrongPassword):
        loaded.unlock_with_recovery(old)


def test_remove_user_keeps_at_least_one(made):
    slots, key, _ = made
    slots.add_user(key, "Pak Budi", "budi-password")
    slots.remove_user(key, "Ibu Sari")
    loaded = KeySlots.load(slots.path)
    assert [u.display_name for u in loaded.users()] == ["Pak Budi"]
    with pytest.raises(errors.NotFound):
        loaded.unlock("Ibu Sari", PASSWORD)
    with pytest.raises(errors.BadInput):
        loaded.remove_user(key, "Pak Budi")
    with pytest.raises(errors.BadInput):
        slots.remove_user(bytes(32), "Pak Budi")
    assert KeySlots.load(slots.path).unlock("Pak Budi", "budi-password") == key


def test_a_second_holder_does_not_undo_the_first(made):
    """The app and the command line each hold a KeySlots; changes re-read the file first."""
    app, key, _ = made
    cli = KeySlots.load(app.path, kdf=CHEAP)
    cli.add_user(key, "Pak Budi", "budi-password")
    app.change_password("Ibu Sari", PASSWORD, "kata-sandi-baru")
    loaded = KeySlots.load(app.path)
    assert loaded.unlock("Pak Budi", "budi-password") == key
    assert loaded.unlock("Ibu Sari", "kata-sandi-baru") == key


def test_no_secret_in_clear(made):
    slots, key, code = made
    slots.add_user(key, "Pak Budi", "budi-password")
    raw = slots.path.read_bytes()
    for secret in [key.hex(), key.hex().upper(), PASSWORD, "budi-password", code,
                   code.replace("-", "")]:
        assert secret.encode() not in raw
    assert key not in raw
    doc = json.loads(raw)
    personal = {s["display_name"] for s in doc["slots"]} - {""}
    assert personal == {"Ibu Sari", "Pak Budi"}  # the only personal data: the login list


def test_file_is_private(made):
    slots, key, _ = made
    slots.add_user(key, "Pak Budi", "budi-password")
    if os.name == "posix":  # Windows has no mode bits; the folder's ACL protects it there
        assert stat.S_IMODE(slots.path.stat().st_mode) == 0o600


def test_default_kdf_stays_strong():
    assert DEFAULT_KDF == KdfParams()
    assert DEFAULT_KDF.work >= 2**17 * 8 * 1
    assert DEFAULT_KDF.n >= 2**14 and DEFAULT_KDF.r >= 8


@pytest.mark.slow
def test_create_without_kdf_uses_the_default_and_stores_it(tmp_path):
    slots, key, _ = KeySlots.create(tmp_path / KEYS_FILENAME, "A", PASSWORD)
    stored = {json.dumps(s["kdf"], sort_keys=True)
              for s in json.loads(slots.path.read_text())["slots"]}
    assert stored == {json.dumps(DEFAULT_KDF.to_json(), sort_keys=True)}
    assert KeySlots.load(slots.path).unlock("A", PASSWORD) == key


def test_each_slot_keeps_its_own_kdf(made):
    """Raising the default later must not lock out users wrapped with the old parameters."""
    slots, key, _ = made
    stronger = KdfParams(n=2**11, r=8, p=1)
    KeySlots.load(slots.path, kdf=stronger).add_user(key, "Pak Budi", "budi-password")
    loaded = KeySlots.load(slots.path)
    kdfs = {s["display_name"]: s["kdf"]["n"] for s in json.loads(slots.path.read_text())["slots"]}
    assert kdfs["Ibu Sari"] == 2**10 and kdfs["Pak Budi"] == 2**11
    assert loaded.unlock("Ibu Sari", PASSWORD) == loaded.unlock("Pak Budi", "budi-password") == key


@pytest.mark.parametrize("bad", [{"n": 1000}, {"n": 2**9}, {"n": 2**23}, {"r": 0},
                                 {"p": 0}, {"n": 2**22, "r": 16}, {"name": "pbkdf2"}])
def test_kdf_params_are_checked(bad):
    with pytest.raises(ValueError):
        KdfParams(**bad)


# --- damaged, foreign and tampered files ---------------------------------------------------------

def test_missing_file_is_not_found(tmp_path):
    with pytest.raises(errors.NotFound):
        KeySlots.load(tmp_path / KEYS_FILENAME)


@pytest.mark.parametrize("content", [
    b"", b"\x00\xff\xfe garbage", b"{}", b"[]", b'{"format": "something-else", "version": 1}',
    b'{"format": "rt-desktop-keyslots", "version": 1, "key_id": "00", "slots": []}',
    b"SQLite format 3\x00",
])
def test_damaged_or_foreign_file_names_itself(tmp_path, content):
    path = tmp_path / KEYS_FILENAME
    path.write_bytes(content)
    with pytest.raises(errors.NotAnRTDatabase) as caught:
        KeySlots.load(path)
    assert str(path) in caught.value.message("id") and str(path) in caught.value.message("en")
    assert path.read_bytes() == content  # never "repaired"


def test_truncated_file_is_damaged(made):
    slots, _, _ = made
    raw = slots.path.read_bytes()
    slots.path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(errors.NotAnRTDatabase):
        KeySlots.load(slots.path)


def test_newer_format_version_says_update(made):
    slots, _, _ = made
    doc = json.loads(slots.path.read_text())
    doc["version"] = 2
    slots.path.write_text(json.dumps(doc))
    with pytest.raises(errors.NotAnRTDatabase) as caught:
        KeySlots.load(slots.path)
    assert "update" in caught.value.message("en")


def test_tampering_with_any_byte_never_yields_a_wrong_key(tmp_path, made):
    """Every single-byte change of the file: refused, or (for bytes the key does not depend on,
    like the timestamps) the right key — never a different key."""
    slots, key, code = made
    raw = slots.path.read_bytes()
    tampered = tmp_path / "tampered.json"
    outcomes: dict[str, int] = {}
    for i in range(len(raw)):
        tampered.write_bytes(raw[:i] + bytes([raw[i] ^ 0x01]) + raw[i + 1:])
        for attempt in ("password", "recovery"):
            try:
                loaded = KeySlots.load(tampered)
                got = (loaded.unlock(slots.users()[0].user_id, PASSWORD) if attempt == "password"
                       else loaded.unlock_with_recovery(code))
            except (errors.WrongPassword, errors.NotAnRTDatabase, errors.NotFound) as exc:
                outcomes[type(exc).__name__] = outcomes.get(type(exc).__name__, 0) + 1
                continue
            assert got == key, f"byte {i} changed gives a different key"
            outcomes["same key"] = outcomes.get("same key", 0) + 1
    assert outcomes["WrongPassword"] > 0 and outcomes["NotAnRTDatabase"] > 0


def _slot(doc: dict, name: str) -> dict:
    return next(s for s in doc["slots"] if s["display_name"] == name)


def _recovery_slot(doc: dict) -> dict:
    return next(s for s in doc["slots"] if s["kind"] == "recovery")


def _swap_wrap(doc: dict) -> None:  # Sari's login gets Budi's wrap: his password must not open it
    for name in ("salt", "nonce", "wrapped", "kdf"):
        _slot(doc, "Ibu Sari")[name] = _slot(doc, "Pak Budi")[name]


def _recovery_as_login(doc: dict) -> None:  # the recovery wrap posing as a user's slot
    _recovery_slot(doc).update(kind="password", user_id="intruder", display_name="Intruder")


TAMPERING = {
    "salt": (lambda d: _slot(d, "Ibu Sari").update(salt=_recovery_slot(d)["salt"]),
             "Ibu Sari", PASSWORD),
    "nonce": (lambda d: _slot(d, "Ibu Sari").update(nonce=_recovery_slot(d)["nonce"]),
              "Ibu Sari", PASSWORD),
    "wrapped": (lambda d: _slot(d, "Ibu Sari").update(wrapped=_slot(d, "Pak Budi")["wrapped"]),
                "Ibu Sari", PASSWORD),
    "kdf_n": (lambda d: _slot(d, "Ibu Sari")["kdf"].update(n=2**11), "Ibu Sari", PASSWORD),
    "kdf_huge": (lambda d: _slot(d, "Ibu Sari")["kdf"].update(n=2**30), "Ibu Sari", PASSWORD),
    "user_id": (lambda d: _slot(d, "Ibu Sari").update(user_id=_slot(d, "Pak Budi")["user_id"]),
                "Ibu Sari", PASSWORD),
    "new_user_id": (lambda d: _slot(d, "Ibu Sari").update(user_id="someone-else"),
                    "Ibu Sari", PASSWORD),
    "slot_id": (lambda d: _slot(d, "Ibu Sari").update(slot_id="another-slot"),
                "Ibu Sari", PASSWORD),
    "key_id": (lambda d: d.update(key_id="0" * 32), "Ibu Sari", PASSWORD),
    "swap_wraps": (_swap_wrap, "Ibu Sari", "budi-password"),
    "recovery_as_login": (_recovery_as_login, "Intruder", PASSWORD),
}


@pytest.mark.parametrize("case", TAMPERING)
def test_tampering_with_a_slot_field_is_refused(made, case):
    slots, key, _ = made
    slots.add_user(key, "Pak Budi", "budi-password")
    doc = json.loads(slots.path.read_text())
    mutate, user, password = TAMPERING[case]
    mutate(doc)
    slots.path.write_text(json.dumps(doc))
    with pytest.raises((errors.WrongPassword, errors.NotAnRTDatabase)):
        KeySlots.load(slots.path).unlock(user, password)


# --- atomic writes ------------------------------------------------------------------------------

def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != KEYS_FILENAME)


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(made, monkeypatch):
    slots, key, _ = made
    before = slots.path.read_bytes()

    def disk_gives_up(src, dst):  # fault injection: the rename is the step that must be atomic
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_gives_up)
    with pytest.raises(errors.StorageError) as caught:
        slots.add_user(key, "Pak Budi", "budi-password")
    monkeypatch.undo()
    assert str(slots.path) in caught.value.message("en")
    assert slots.path.read_bytes() == before
    assert _leftovers(slots.path.parent) == []
    assert [u.display_name for u in slots.users()] == ["Ibu Sari"]  # memory matches the disk
    assert KeySlots.load(slots.path).unlock("Ibu Sari", PASSWORD) == key


def test_successful_writes_leave_only_the_key_file(made):
    slots, key, code = made
    slots.add_user(key, "Pak Budi", "budi-password")
    slots.change_password("Pak Budi", "budi-password", "budi-baru-1")
    slots.reset_password(code, "Ibu Sari", "sari-baru-1")
    slots.remove_user(key, "Pak Budi")
    assert _leftovers(slots.path.parent) == []
    assert key_id(key) == KeySlots.load(slots.path).key_id
