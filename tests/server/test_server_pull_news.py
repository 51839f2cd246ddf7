"""``/pull?others=…``: the first pull of a sync names which later record types have anything
new for the device (header X-RT-Pull-News), so a sync with nothing new pulls once instead of
once per type. What it names is exactly what pulling those types would return, in every role's
scope and projection; the cursors it carries count as acknowledged, like ``since``. Both
backends."""

from __future__ import annotations

from typing import Any

from sync.protocol import PULL_NEWS_HEADER, PULL_ORDER, format_cursors
from tests.server.conftest import Device, new_referral, new_session
from tests.server.test_server_sync import storage_device

FIRST, LATER = PULL_ORDER[0], PULL_ORDER[1:]


def ask(device: Device, others: dict[str, int], *, record_type: str = FIRST, since: int = 0,
        status: int = 200) -> tuple[list[str], dict[str, Any]]:
    response = device.client.get("/api/v1/pull", headers=device.headers, params={
        "record_type": record_type, "since": since, "others": format_cursors(others)})
    assert response.status_code == status, response.text
    if status != 200:
        return [], response.json()
    return response.headers[PULL_NEWS_HEADER].split(), response.json()


def test_the_later_types_named_are_those_a_pull_would_return(enrol, make_incident) -> None:
    laptop = enrol()
    neighbour, other_rt = enrol(), enrol(rt="008")
    coordinator, uptd = enrol("coordinator", rt=None), enrol("uptd")
    kept, referred = make_incident(), make_incident()
    laptop.push(laptop.change(new_session()), laptop.change(kept), laptop.change(referred))
    laptop.push(laptop.change(new_referral(referred, destination="uptd_ppa")))
    zero = dict.fromkeys(LATER, 0)
    for device in (neighbour, other_rt, coordinator, uptd):
        named, _ = ask(device, zero)
        assert named == [t for t in LATER if device.pull(t)["records"]], device.role
    assert ask(neighbour, zero)[0] == ["incident", "referral"]
    assert ask(other_rt, zero)[0] == []  # another RT's records are not even named
    # Past the cursors: nothing new.
    cursors = {t: neighbour.pull(t)["cursor"] for t in LATER}
    assert ask(neighbour, cursors)[0] == []
    laptop.push(laptop.change(kept, base_rev=1, names=("status",)))
    assert ask(neighbour, cursors)[0] == ["incident"]


def test_the_cursors_count_as_seen_and_end_the_sync(enrol, storage) -> None:
    laptop, neighbour = enrol(), enrol()
    laptop.push(laptop.change(new_session()))
    page = neighbour.pull(FIRST)
    assert storage_device(storage, neighbour.device_id).last_sync_at is None
    # The next sync: its first request names the cursors of the later types and finds nothing
    # new there; that ends the sync (the last page of the last type it will pull).
    named, body = ask(neighbour, {"incident": 0, "conflict": 0}, since=page["cursor"])
    assert (named, body["more"]) == ([], False)
    assert storage_device(storage, neighbour.device_id).last_sync_at is not None
    with storage.reading() as tx:
        seen = tx.device_cursors(neighbour.device_id)
    assert seen.get(FIRST) == page["cursor"]
    # An acknowledged cursor is remembered like `since`.
    ask(neighbour, {"incident": 7}, since=page["cursor"])
    with storage.reading() as tx:
        assert tx.device_cursors(neighbour.device_id)["incident"] == 7


def test_a_last_type_of_many_pages_ends_the_sync_on_its_last_page(enrol, storage) -> None:
    # The client sends `others` empty on the later pages of the last type it pulls.
    laptop, neighbour = enrol(), enrol()
    laptop.push(*[laptop.change(new_session()) for _ in range(3)])
    since, others = 0, format_cursors(dict.fromkeys(LATER, 0))
    for expected_more in (True, True, False):
        response = neighbour.client.get("/api/v1/pull", headers=neighbour.headers, params={
            "record_type": FIRST, "since": since, "limit": 1, "others": others})
        assert response.headers[PULL_NEWS_HEADER] == "" and response.json()["more"] is (
            expected_more)
        assert (storage_device(storage, neighbour.device_id).last_sync_at is None) is (
            expected_more)
        since, others = response.json()["cursor"], ""


def test_bad_others_are_refused_with_the_reason(enrol) -> None:
    device = enrol()
    for others, word in (("nothing:1", "not a record type"), ("incident:1,,referral:2",
                                                               "not a record type"),
                         ("incident:1,incident:2", "twice"), ("incident:-1", "whole number"),
                         ("incident:x", "whole number"), (f"incident:{2**63}", "whole number"),
                         (f"{FIRST}:5", "being pulled")):
        response = device.client.get("/api/v1/pull", headers=device.headers, params={
            "record_type": FIRST, "others": others})
        assert response.status_code == 400 and word in response.json()["detail"], others
    # Without `others`: no header, as before (an older client).
    response = device.client.get("/api/v1/pull", headers=device.headers,
                                 params={"record_type": FIRST})
    assert response.status_code == 200 and PULL_NEWS_HEADER not in response.headers
