"""Protocol version (426), body limit (413), gzip request bodies, rate limit (429 +
Retry-After), clear 4xx validation messages, health and OpenAPI — on both backends."""

from __future__ import annotations

import gzip
import json

import pytest

from rt_desktop.ids import new_id
from sync.server import admin


def test_health_needs_no_token_or_header(client) -> None:
    response = client.get("/api/v1/health", headers={"X-RT-Protocol": ""})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["protocol"] == 1 and body["server_time"].endswith("Z")


@pytest.mark.parametrize("header", ["2", "0", "", "abc", None])
def test_another_protocol_version_is_told_to_update_and_where(client, storage, header) -> None:
    admin.set_setting(storage, "latest_app_version", "0.3.0")
    admin.set_setting(storage, "download_url", "https://rt.balikpapan.example/unduh")
    headers = {"X-RT-Protocol": header} if header is not None else {}
    if header is None:
        client.headers.pop("X-RT-Protocol")
    response = client.get("/api/v1/settings", headers=headers)
    assert response.status_code == 426
    assert response.json()["latest_app_version"] == "0.3.0"
    assert response.json()["download_url"] == "https://rt.balikpapan.example/unduh"
    assert "update" in response.json()["detail"]


def test_a_minor_version_is_accepted(client, enrol) -> None:
    laptop = enrol()
    response = client.get("/api/v1/settings", headers={**laptop.headers, "X-RT-Protocol": "1.4"})
    assert response.status_code == 200


def test_a_body_over_the_limit_gets_413(app_factory, enrol, make_session) -> None:
    small = app_factory(max_body_bytes=4096)
    laptop = enrol(via=small)
    changes = [laptop.change(make_session()) for _ in range(20)]
    response = small.post("/api/v1/push", json={"changes": changes}, headers=laptop.headers)
    assert response.status_code == 413
    # Compressed small but inflating past the limit: still 413 (no zip bomb).
    packed = gzip.compress(json.dumps({"changes": changes}).encode())
    assert len(packed) < 4096
    response = small.post("/api/v1/push", content=packed, headers={
        **laptop.headers, "Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert response.status_code == 413
    assert laptop.pull_all("parenting_session") == {}


def test_gzip_request_bodies_are_accepted(client, enrol, make_session) -> None:
    laptop = enrol()
    body = json.dumps({"changes": [laptop.change(make_session()) for _ in range(5)]}).encode()
    response = client.post("/api/v1/push", content=gzip.compress(body), headers={
        **laptop.headers, "Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert response.status_code == 200, response.text
    assert [r["status"] for r in response.json()["results"]] == ["applied"] * 5
    broken = client.post("/api/v1/push", content=b"\x1f\x8bnot gzip", headers={
        **laptop.headers, "Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert broken.status_code == 400


def test_large_responses_are_gzipped(client, enrol, make_session) -> None:
    laptop = enrol()
    laptop.push(*(laptop.change(make_session()) for _ in range(20)))
    response = client.get("/api/v1/pull", params={"record_type": "parenting_session"},
                          headers={**laptop.headers, "Accept-Encoding": "gzip"})
    assert response.headers.get("content-encoding") == "gzip"


def test_too_many_requests_get_429_with_retry_after(app_factory, enrol) -> None:
    limited = app_factory(rate_per_minute=6, rate_burst=3)
    laptop = enrol(via=limited)
    statuses = [limited.get("/api/v1/settings", headers=laptop.headers).status_code
                for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[-1] == 429
    response = limited.get("/api/v1/settings", headers=laptop.headers)
    assert response.status_code == 429 and int(response.headers["Retry-After"]) >= 1
    other = enrol(via=limited)  # per device: another laptop is not held back
    assert limited.get("/api/v1/settings", headers=other.headers).status_code == 200


def test_enrolment_attempts_are_limited_per_address(app_factory) -> None:
    limited = app_factory(enrol_per_minute=3)
    codes = [limited.post("/api/v1/enrol", json={
        "code": "AAAA-BBBB-CCCC", "device_id": new_id(), "device_tag": "K7QF",
        "app_version": "0.1.0"}).status_code for _ in range(4)]
    assert codes[0] == 401 and codes[-1] == 429


@pytest.mark.parametrize(("body", "where"), [
    ({"changes": [{"change_id": "x"}]}, ["body", "changes", 0, "change_id"]),
    ({"changes": "none"}, ["body", "changes"]),
    ({"changes": [], "extra": 1}, ["body", "extra"]),
    ({"changes": [{}] * 501}, ["body", "changes"]),
])
def test_malformed_pushes_get_422_naming_the_field(client, enrol, body, where) -> None:
    laptop = enrol()
    response = client.post("/api/v1/push", json=body, headers=laptop.headers)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert any(d["loc"] == where for d in detail), detail
    assert all("input" not in d for d in detail)  # the request is never echoed back


@pytest.mark.parametrize("raw", [b"", b"{", b'{"changes": [', b"\xff\xfe", b"[]"])
def test_a_push_body_that_is_no_request_gets_422(client, enrol, raw: bytes) -> None:
    laptop = enrol()
    response = client.post("/api/v1/push", content=raw, headers={
        **laptop.headers, "Content-Type": "application/json"})
    assert response.status_code == 422
    assert all(d["loc"][0] == "body" for d in response.json()["detail"])


@pytest.mark.parametrize("params", [
    {"record_type": "secrets"}, {"record_type": "incident", "limit": 0},
    {"record_type": "incident", "limit": 1001}, {"record_type": "incident", "since": -1}, {}])
def test_bad_pull_parameters_get_422(client, enrol, params) -> None:
    laptop = enrol()
    assert client.get("/api/v1/pull", params=params, headers=laptop.headers).status_code == 422


def test_openapi_is_published(client) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/v1/health", "/api/v1/enrol", "/api/v1/settings", "/api/v1/push",
            "/api/v1/pull"} <= set(schema["paths"])
    assert client.get("/docs").status_code == 200
