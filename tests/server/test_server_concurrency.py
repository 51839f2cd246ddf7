"""Many devices at once against a real uvicorn on a loopback port (both backends): pulls,
settings and pushes interleaved from threads never give a 5xx.

Regression: on SQLite, GET /pull wrote the device's cursor — and /settings the device's
last-seen time — inside a deferred read transaction; once another writer had committed, that
upgrade failed at once with "database is locked" (a 500), whatever the busy timeout.
"""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
import uvicorn

from sync.server.app import create_app
from sync.server.config import ServerConfig
from sync.server.storage import Storage
from tests.server.conftest import Device, new_incident, new_session

DEVICES = 16
ROUNDS = 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live_url(storage: Storage, config: ServerConfig) -> Iterator[str]:
    app = create_app(dataclasses.replace(config, rate_per_minute=10**6, rate_burst=10**6),
                     storage)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        server.should_exit = True
        thread.join(timeout=20)


def test_many_devices_at_once_get_no_5xx(live_url: str, enrol: Callable[..., Device]) -> None:
    devices = [enrol() for _ in range(DEVICES)]
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def one(device: Device) -> None:
        headers = {"Authorization": f"Bearer {device.token}", "X-RT-Protocol": "1"}
        with httpx.Client(base_url=live_url, headers=headers, timeout=60) as http:
            cursors = {"parenting_session": 0, "incident": 0}
            for _ in range(ROUNDS):
                got: list[int] = []
                got.append(http.get("/settings").status_code)
                changes: list[dict[str, Any]] = [device.change(new_session())
                                                 for _ in range(5)]
                changes.append(device.change(new_incident()))
                push = http.post("/push", json={"changes": changes})
                got.append(push.status_code)
                if push.status_code == 200:
                    assert {r["status"] for r in push.json()["results"]} == {"applied"}
                for record_type in cursors:  # every page, then once more to acknowledge
                    while True:
                        page = http.get("/pull", params={"record_type": record_type,
                                                         "since": cursors[record_type],
                                                         "limit": 7})
                        got.append(page.status_code)
                        if page.status_code != 200:
                            break
                        body = page.json()
                        moved = body["cursor"] != cursors[record_type]
                        cursors[record_type] = body["cursor"]
                        if not moved:
                            break
            with lock:
                statuses.update(got)

    with ThreadPoolExecutor(max_workers=DEVICES) as pool:
        for future in [pool.submit(one, d) for d in devices]:
            future.result()

    assert not [s for s in statuses if s >= 500], statuses
    assert set(statuses) == {200}, statuses


def test_pull_ack_is_what_the_server_remembers(enrol: Callable[..., Device],
                                               storage: Storage) -> None:
    """A pipelining client fetches page N+1 (since = cursor of page N) before page N is
    stored; with ``ack`` the server remembers what is stored, never more."""
    device = enrol()
    device.push(*[device.change(new_session()) for _ in range(3)])
    first = device.pull("parenting_session", 0, limit=2)
    response = device.client.get("/api/v1/pull", headers=device.headers, params={
        "record_type": "parenting_session", "since": first["cursor"], "limit": 2, "ack": 0})
    assert response.status_code == 200
    assert response.headers["X-RT-Pull-Acked"] == "0"
    with storage.transaction() as tx:  # no row reads as 0: nothing was written for it
        assert tx.device_cursors(device.device_id).get("parenting_session", 0) == 0
    # ack above since is capped at since; no ack: since, as before (and no header)
    response = device.client.get("/api/v1/pull", headers=device.headers, params={
        "record_type": "parenting_session", "since": first["cursor"], "ack": 10**6})
    assert response.headers["X-RT-Pull-Acked"] == str(first["cursor"])
    plain = device.client.get("/api/v1/pull", headers=device.headers, params={
        "record_type": "parenting_session", "since": 1})
    assert "X-RT-Pull-Acked" not in plain.headers
    with storage.transaction() as tx:
        assert tx.device_cursors(device.device_id)["parenting_session"] == 1
