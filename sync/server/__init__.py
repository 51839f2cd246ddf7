"""The city server (DESIGN.md §6): FastAPI app, storage backends and the ``rt-server`` command.

Imports only :mod:`sync.protocol`, its own modules and the pure modules of ``rt_desktop``
(tests/test_layering.py).
"""
