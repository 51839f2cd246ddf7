"""``/pull?hlc_form=groups``: the same clocks as the map form, grouped by timestamp — for every
role's projection, on both backends."""

from __future__ import annotations

import json
from typing import Any

from rt_desktop.hlc import clocks_from_groups
from rt_desktop.records import Incident, sensitive_fields
from tests.server.conftest import Device


def pulled(device: Device, record_type: str, hlc_form: str | None) -> list[dict[str, Any]]:
    params = {"record_type": record_type, "since": 0, "limit": 100}
    if hlc_form is not None:
        params["hlc_form"] = hlc_form
    response = device.client.get("/api/v1/pull", params=params, headers=device.headers)
    assert response.status_code == 200, response.text
    return list(response.json()["records"])


def test_grouped_clocks_are_the_map_grouped_by_timestamp(enrol, make_incident) -> None:
    laptop, other, coordinator = enrol(), enrol(), enrol("coordinator", rt=None)
    incident = make_incident()
    laptop.push(laptop.change(incident))
    # A later edit of two fields: the record's clocks now hold two timestamps.
    [edit] = laptop.push(laptop.change(incident, base_rev=1,
                                       names=("status", "risk_level")))
    assert edit["status"] == "applied"

    for device in (laptop, other, coordinator):
        [as_map] = pulled(device, "incident", None)
        [explicit_map] = pulled(device, "incident", "map")
        [grouped] = pulled(device, "incident", "groups")
        assert as_map == explicit_map
        groups = grouped["hlc"]
        assert clocks_from_groups(groups) == as_map["hlc"]
        assert len(groups) == 2 and groups[1][1] == "risk_level status"
        assert [ts for ts, _ in groups] == sorted(ts for ts, _ in groups)
        assert all(names.split() == sorted(names.split()) for _, names in groups)
        assert {k: v for k, v in grouped.items() if k != "hlc"} == {
            k: v for k, v in as_map.items() if k != "hlc"}
        assert len(json.dumps(grouped)) < len(json.dumps(as_map))

    [seen_by_coordinator] = pulled(coordinator, "incident", "groups")
    fields = set(clocks_from_groups(seen_by_coordinator["hlc"]))
    assert fields and not fields & sensitive_fields(Incident)  # which fields changed stays hidden


def test_an_unknown_hlc_form_is_a_clear_422(enrol) -> None:
    laptop = enrol()
    response = laptop.client.get("/api/v1/pull", params={
        "record_type": "incident", "hlc_form": "columns"}, headers=laptop.headers)
    assert response.status_code == 422
    assert "hlc_form" in response.text
