"""Enrolment on both backends: a good code, an expired one, a reused one, a code for another RT,
codes for every role and scope, and a revoked device refused at once."""

from __future__ import annotations

import datetime as dt

import pytest

from rt_desktop.ids import new_id
from sync.server import admin
from tests.server.conftest import KECAMATAN, KELURAHAN, OTHER_RT, RT


def body(code: str, *, kelurahan: str = KELURAHAN, rt: str = RT) -> dict[str, str]:
    return {"code": code, "device_id": new_id(), "device_tag": "K7QF", "app_version": "0.1.0",
            "kelurahan_code": kelurahan, "rt": rt}


def volunteer_code(storage, *, expires: dt.timedelta = dt.timedelta(days=7)) -> str:
    return admin.issue(storage, role="volunteer", kelurahan=KELURAHAN, kecamatan=None, rt=RT,
                       expires=expires)["code"]


def test_a_good_code_gives_a_token_role_scope_and_settings(client, storage) -> None:
    code = volunteer_code(storage)
    response = client.post("/api/v1/enrol", json=body(code.lower().replace("-", " ")))
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["role"] == "volunteer"
    assert answer["scope"] == {"level": "rt", "code": KELURAHAN, "rt": RT}
    assert len(answer["token"]) >= 40
    assert answer["settings"]["contacts"]["sapa_129"] == "129"
    assert answer["settings"]["suppression_threshold"] == 3
    settings = client.get("/api/v1/settings",
                          headers={"Authorization": f"Bearer {answer['token']}"})
    assert settings.status_code == 200 and settings.json() == answer["settings"]


def test_a_code_works_once(client, storage) -> None:
    code = volunteer_code(storage)
    assert client.post("/api/v1/enrol", json=body(code)).status_code == 200
    again = client.post("/api/v1/enrol", json=body(code))
    assert again.status_code == 401 and "already used" in again.json()["detail"]


def test_an_expired_code_is_refused(client, storage) -> None:
    code = volunteer_code(storage, expires=dt.timedelta(minutes=1))
    with storage.transaction(write=True) as tx:
        tx.execute("UPDATE enrol_codes SET expires_at = '2000-01-01T00:00:00.000Z'")
    response = client.post("/api/v1/enrol", json=body(code))
    assert response.status_code == 401 and "expired" in response.json()["detail"]


def test_an_unknown_code_is_refused(client) -> None:
    response = client.post("/api/v1/enrol", json=body("AAAA-BBBB-CCCC"))
    assert response.status_code == 401


@pytest.mark.parametrize(("kelurahan", "rt"), [(KELURAHAN, OTHER_RT), ("64.71.01.1001", RT)])
def test_a_laptop_of_another_rt_is_refused_and_the_code_stays_usable(client, storage, kelurahan,
                                                                     rt) -> None:
    code = volunteer_code(storage)
    wrong = client.post("/api/v1/enrol", json=body(code, kelurahan=kelurahan, rt=rt))
    assert wrong.status_code == 409
    assert f"RT {RT}" in wrong.json()["detail"]
    assert client.post("/api/v1/enrol", json=body(code)).status_code == 200


@pytest.mark.parametrize(("code_role", "laptop", "headers"), [
    ("coordinator", {}, {"X-RT-Role": "uptd"}),
    ("uptd", {}, {"X-RT-Role": "coordinator"}),
    ("volunteer", {"kelurahan": KELURAHAN, "rt": RT}, {"X-RT-Role": "coordinator"}),
    # A laptop that does not say its role (an older app) but holds an RT's records.
    ("coordinator", {"kelurahan": KELURAHAN, "rt": RT}, {}),
    ("uptd", {"kelurahan": KELURAHAN, "rt": RT}, {}),
])
def test_a_code_for_another_role_is_refused_and_the_code_stays_usable(
        client, storage, code_role, laptop, headers) -> None:
    scope = {"kelurahan": KELURAHAN, "rt": RT} if code_role == "volunteer" else {}
    code = admin.issue(storage, role=code_role, kecamatan=None, expires=dt.timedelta(days=7),
                       **{"kelurahan": None, "rt": None, **scope})["code"]
    wrong = client.post("/api/v1/enrol", headers=headers,
                        json=body(code, kelurahan=laptop.get("kelurahan", ""),
                                  rt=laptop.get("rt", "")))
    assert wrong.status_code == 409, wrong.text
    assert f"for a {code_role} laptop" in wrong.json()["detail"]
    right = body(code, kelurahan=scope.get("kelurahan", ""), rt=scope.get("rt", ""))
    assert client.post("/api/v1/enrol", json=right,
                       headers={"X-RT-Role": code_role}).status_code == 200


@pytest.mark.parametrize(("role", "options", "scope"), [
    ("coordinator", {"kelurahan": KELURAHAN}, {"level": "kelurahan", "code": KELURAHAN}),
    ("coordinator", {"kecamatan": KECAMATAN}, {"level": "kecamatan", "code": KECAMATAN}),
    ("coordinator", {}, {"level": "kota", "code": "64.71"}),
    ("uptd", {}, {"level": "kota", "code": "64.71"}),
])
def test_codes_for_every_role_and_scope(client, storage, role, options, scope) -> None:
    code = admin.issue(storage, role=role, kelurahan=options.get("kelurahan"),
                       kecamatan=options.get("kecamatan"), rt=None,
                       expires=dt.timedelta(days=1))["code"]
    response = client.post("/api/v1/enrol", json=body(code, kelurahan="", rt=""))
    assert response.status_code == 200, response.text
    assert response.json()["role"] == role
    assert response.json()["scope"] == {**scope, "rt": None}


@pytest.mark.parametrize("options", [
    {"role": "volunteer", "kelurahan": KELURAHAN, "rt": None},
    {"role": "volunteer", "kelurahan": None, "rt": RT},
    {"role": "uptd", "kelurahan": KELURAHAN, "rt": None},
    {"role": "coordinator", "kelurahan": KELURAHAN, "rt": RT},
    {"role": "volunteer", "kelurahan": "Atlantis", "rt": RT},
])
def test_codes_without_a_proper_scope_are_not_issued(storage, options) -> None:
    with pytest.raises(Exception) as caught:
        admin.issue(storage, kecamatan=None, expires=dt.timedelta(days=1), **options)
    assert caught.type.__name__ in ("ValueError", "UnknownWilayah")


def test_no_code_for_an_inactive_rt(storage) -> None:
    admin.set_rt_active(storage, KELURAHAN, RT, False)
    with pytest.raises(ValueError, match="not active"):
        volunteer_code(storage)


def test_a_revoked_device_is_refused_at_once(enrol, storage, make_session) -> None:
    laptop = enrol()
    laptop.push(laptop.change(make_session()))
    assert admin.revoke(storage, laptop.device_id) is True
    for method, path in (("get", "/api/v1/pull?record_type=incident"),
                         ("get", "/api/v1/settings"), ("post", "/api/v1/push")):
        response = laptop.client.request(method, path, headers=laptop.headers,
                                         json={"changes": []} if method == "post" else None)
        assert response.status_code == 401, (path, response.text)
        assert response.headers["www-authenticate"] == "Bearer"
    assert admin.revoke(storage, laptop.device_id) is False


@pytest.mark.parametrize("header", [None, "Bearer not-a-token", "Basic abc"])
def test_requests_without_a_valid_token_get_401(client, header) -> None:
    headers = {"Authorization": header} if header else {}
    assert client.get("/api/v1/settings", headers=headers).status_code == 401


def test_the_token_is_stored_only_as_a_hash(enrol, storage) -> None:
    laptop = enrol()
    with storage.transaction() as tx:
        rows = tx.execute("SELECT token_hash FROM devices").fetchall()
        codes = tx.execute("SELECT code_hash FROM enrol_codes").fetchall()
    assert laptop.token not in {r[0] for r in rows}
    assert all(len(r[0]) == 64 for r in rows + codes)
