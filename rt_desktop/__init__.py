"""RT Desktop core: domain model, validation and guardrails, wilayah data, the encrypted local
store and report data. Never imports Qt, requests, ``sync`` or ``ui`` (DESIGN.md §2)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rt-desktop")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"
