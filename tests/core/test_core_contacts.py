"""Emergency contacts: SAPA 129 always; UPTD PPA's number only from the server's setting."""

from __future__ import annotations

import json

import pytest

from rt_desktop.contacts import (
    DEFAULT_CONTACTS,
    SAPA_129,
    UPTD_PPA_META_KEY,
    Contact,
    emergency_contacts,
)


def meta_of(values: dict[str, str]):
    return values.get


def test_defaults_are_sapa_129_and_uptd_ppa_without_a_made_up_number() -> None:
    sapa, uptd = DEFAULT_CONTACTS
    assert (sapa.name, sapa.phone, sapa.whatsapp) == ("SAPA 129", "129", "08111-129-129")
    assert uptd.name == "UPTD PPA Kota Balikpapan"
    assert uptd.phone is None and uptd.whatsapp is None
    assert "SAPA 129" in uptd.note and "SAPA 129" in uptd.note_for("en")


def test_without_a_setting_the_defaults_are_given() -> None:
    assert emergency_contacts(meta_of({})) == list(DEFAULT_CONTACTS)


@pytest.mark.parametrize("setting, phone, whatsapp", [
    ("0542-123456", "0542-123456", None),
    ("  0542-123456 \n", "0542-123456", None),
    (json.dumps({"phone": "0542-1", "whatsapp": "0811-2"}), "0542-1", "0811-2"),
    (json.dumps({"whatsapp": "0811-2"}), None, "0811-2"),
])
def test_the_servers_number_is_used(setting: str, phone: str | None,
                                    whatsapp: str | None) -> None:
    sapa, uptd = emergency_contacts(meta_of({UPTD_PPA_META_KEY: setting}))
    assert sapa == SAPA_129
    assert (uptd.name, uptd.phone, uptd.whatsapp) == ("UPTD PPA Kota Balikpapan", phone, whatsapp)
    assert "belum tersedia" not in uptd.note


@pytest.mark.parametrize("setting", ["", "   ", "{not json", "{[1, 2]}", json.dumps({"phone": ""}),
                                     json.dumps({"phone": 42})])
def test_an_empty_or_damaged_setting_falls_back_to_the_default(setting: str) -> None:
    assert emergency_contacts(meta_of({UPTD_PPA_META_KEY: setting})) == list(DEFAULT_CONTACTS)


def test_note_is_bilingual() -> None:
    contact = Contact("X", "1", None, "catatan", "note")
    assert contact.note_for("id") == "catatan"
    assert contact.note_for("en") == "note"
    assert Contact("X", "1", None, "catatan").note_for("en") == "catatan"


def test_it_works_with_a_real_store_meta(tmp_path) -> None:
    import os

    from rt_desktop.store.store import Store

    store = Store.create(tmp_path / "d", os.urandom(32), kelurahan_code="64.71.03.1004", rt="007")
    try:
        assert emergency_contacts(store.meta)[1].phone is None
        store.set_meta(UPTD_PPA_META_KEY, "0542-777")
        assert emergency_contacts(store.meta)[1].phone == "0542-777"
        assert emergency_contacts(store) == emergency_contacts(store.meta)
    finally:
        store.close()
