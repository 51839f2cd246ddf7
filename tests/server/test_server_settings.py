"""``GET /api/v1/settings`` on both backends: the RT lists of each device's area (protocol 1.2),
and the answer an older client gets — exactly the keys it knows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict

from rt_desktop.ids import new_id
from sync.protocol import Settings
from sync.server import admin
from tests.server.conftest import KECAMATAN, KELURAHAN, OTHER_KELURAHAN, RT

NEIGHBOUR = "64.71.03.1001"  # Batu Ampar: the fixture kelurahan's kecamatan


class SettingsOf1_1(BaseModel):
    """The settings answer as clients of protocol 1.0 and 1.1 read it (1.0 refused unknown
    keys; this refuses them too, so a key that would break 1.0 fails here)."""

    model_config = ConfigDict(extra="forbid")
    contacts: dict[str, str]
    suppression_threshold: int = 3
    latest_app_version: str = ""
    download_url: str = ""


@pytest.fixture
def listed(storage) -> None:  # type: ignore[no-untyped-def]
    """RT 001-010 of the fixture kelurahan (conftest) with 005 frozen; lists of a neighbour in
    its kecamatan and of a kelurahan in another."""
    admin.set_rt_active(storage, KELURAHAN, "5", False)
    admin.add_rts(storage, NEIGHBOUR, ["1-3"])
    admin.add_rts(storage, OTHER_KELURAHAN, ["12"])


OWN = {f"{n:03d}": n != 5 for n in range(1, 11)}


def settings(device: Any, version: str) -> dict[str, Any]:
    response = device.client.get("/api/v1/settings",
                                 headers={**device.headers, "X-RT-Protocol": version})
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


@pytest.mark.parametrize(("role", "scope", "expected"), [
    ("volunteer", {}, {KELURAHAN: OWN}),
    ("coordinator", {"kelurahan": KELURAHAN}, {KELURAHAN: OWN}),
    ("coordinator", {"kelurahan": None, "kecamatan": KECAMATAN},
     {KELURAHAN: OWN, NEIGHBOUR: {"001": True, "002": True, "003": True}}),
    ("coordinator", {"kelurahan": None},
     {KELURAHAN: OWN, NEIGHBOUR: {"001": True, "002": True, "003": True},
      OTHER_KELURAHAN: {"012": True}}),
], ids=["volunteer", "kelurahan", "kecamatan", "kota"])
def test_a_device_gets_the_rt_lists_of_its_area(enrol, listed, role: str, scope: dict,
                                                 expected: dict) -> None:
    device = enrol(role, **scope)
    answer = settings(device, "1.2")
    assert answer["rt_lists"] == expected
    assert Settings.model_validate(answer).rt_lists == expected


def test_a_kelurahan_without_a_list_is_absent(enrol, storage) -> None:
    device = enrol("coordinator", kelurahan=OTHER_KELURAHAN)
    assert settings(device, "1.2")["rt_lists"] == {}
    admin.add_rts(storage, OTHER_KELURAHAN, ["1-2"])
    assert settings(device, "1.2")["rt_lists"] == {OTHER_KELURAHAN: {"001": True, "002": True}}


def test_uptd_ppa_gets_no_rt_lists(enrol, listed) -> None:
    assert "rt_lists" not in settings(enrol("uptd"), "1.2")


@pytest.mark.parametrize("version", ["1", "1.0", "1.1"])
@pytest.mark.parametrize("role", ["volunteer", "coordinator"])
def test_an_older_client_gets_only_the_keys_it_knows(enrol, listed, role: str,
                                                      version: str) -> None:
    answer = settings(enrol(role), version)
    assert "rt_lists" not in answer
    SettingsOf1_1.model_validate(answer)


def test_the_enrolment_answer_keeps_the_settings_of_1_1(client, listed, storage) -> None:
    """The RT lists come with the first sync; the enrolment answer's settings stay as 1.0
    knew them, whatever the client says."""
    code = admin.issue(storage, role="volunteer", kelurahan=KELURAHAN, kecamatan=None, rt=RT,
                       expires=dt.timedelta(days=1))["code"]
    response = client.post("/api/v1/enrol", headers={"X-RT-Protocol": "1.2"}, json={
        "code": code, "device_id": new_id(), "device_tag": "K7QF", "app_version": "0.1.0",
        "kelurahan_code": KELURAHAN, "rt": RT})
    assert response.status_code == 200, response.text
    SettingsOf1_1.model_validate(response.json()["settings"])
