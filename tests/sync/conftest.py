"""Fixtures for the sync client: real encrypted stores in tmp_path and (tests/sync/servers.py)
a real `rt-server` on a loopback port per backend. Helpers live in tests/sync/helpers.py."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rt_desktop.store.store import Store
from tests.sync.helpers import KELURAHAN, RT, Devices


@pytest.fixture
def new_store(tmp_path: Path) -> Iterator[Callable[..., Store]]:
    """``new_store(name, role=..., rt=...)``: a fresh encrypted device store."""
    made: list[Store] = []

    def make(name: str = "device", *, role: str = "volunteer", rt: str = RT,
             kelurahan_code: str = KELURAHAN) -> Store:
        store = Store.create(tmp_path / name, os.urandom(32), kelurahan_code=kelurahan_code,
                             rt=rt, role=role)
        made.append(store)
        return store
    yield make
    for store in made:
        store.close()


@pytest.fixture
def store(new_store: Callable[..., Store]) -> Store:
    return new_store()


# --- a real server and enrolled devices ----------------------------------------------------------

BACKENDS = ["sqlite", "postgres"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Every test that uses a server runs once per backend (DESIGN.md §6).
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", BACKENDS, scope="session")


@pytest.fixture(scope="session")
def server(backend: str, tmp_path_factory: pytest.TempPathFactory,
           request: pytest.FixtureRequest) -> Iterator[Any]:
    """One `rt-server` per backend for the whole session; tests keep apart by using an RT of
    their own (:func:`rt_number`)."""
    from tests.sync.servers import running_server

    url = None
    if backend == "postgres":  # tests/conftest_pg.py: a throwaway cluster, a database each
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.url(cluster.create_database())
    with running_server(tmp_path_factory.mktemp(f"server-{backend}"), url) as srv:
        yield srv


_RT_COUNTER = iter(range(101, 999))


@pytest.fixture
def rt_number() -> str:
    """An RT no other test uses, so the server's data for it starts empty."""
    return f"{next(_RT_COUNTER):03d}"


@pytest.fixture
def devices(server: Any, new_store: Callable[..., Store], rt_number: str) -> Devices:
    return Devices(server, new_store, rt_number)


