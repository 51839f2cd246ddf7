"""Fixtures of the core tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.core.known_reports import Known, build_known


@pytest.fixture(scope="module")
def known(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Known]:
    data = build_known(tmp_path_factory.mktemp("known"))
    yield data
    data.coordinator.close()
    data.volunteer.close()
