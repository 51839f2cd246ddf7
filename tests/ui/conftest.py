"""Fixtures shared by the UI tests: a real encrypted store, unlocked, behind an AppContext."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rt_desktop import access
from rt_desktop.store.keyslots import KdfParams
from ui.context import AppContext

#: Cheap key derivation: for tests only (the app's default takes ~0.35 s per unlock).
FAST_KDF = KdfParams(n=2**10)
USER = "Sari"
PASSWORD = "sandi-uji-12"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    """A volunteer laptop of RT 007, Muara Rapak, signed in as Sari."""
    unlocked, _ = access.initialise(tmp_path, kelurahan_code="64.71.03.1004", rt="7",
                                    name=USER, password=PASSWORD, kdf=FAST_KDF)
    context = AppContext(tmp_path)
    context.unlocked = unlocked
    yield context
    context.tasks.wait()
    unlocked.store.close()
