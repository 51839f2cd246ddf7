"""Test-wide environment, set before anything imports Qt or keyring.

Only environment variables here (no imports of the project, Qt or keyring): each sub-folder has its
own conftest for fixtures.
"""

import os

# Qt reads the platform when the QApplication is made; offscreen needs no display (CI has none).
# setdefault, so a developer can still watch the tests with QT_QPA_PLATFORM=xcb.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Forced, not defaulted: a test must never read or write the volunteer's real OS keyring (device
# tokens live there, DESIGN.md §5). The null backend stores nothing, like a machine where no
# keyring works, so code takes its fallback path; a test that needs a working keyring sets its own.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"


# The throwaway PostgreSQL cluster (session fixture `pg_cluster`, per-test database `pg_url`),
# shared by the server and sync tests (checked to load with --import-mode=importlib, from the
# repository and from elsewhere).
pytest_plugins = ["tests.conftest_pg"]

# No per-example time limit for hypothesis (its default is 200 ms): a test never asserts a time
# (bench/ measures speed), and on a busy CI machine a slow example is not a failure.
from hypothesis import settings  # noqa: E402

settings.register_profile("rt", deadline=None)
settings.load_profile("rt")
