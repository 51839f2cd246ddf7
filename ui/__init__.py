"""PySide6 presentation of RT Desktop. Imports ``rt_desktop`` and the ``sync`` client, never
``sync.server``; only ``rt_desktop/cli.py`` imports ``ui`` (DESIGN.md §2)."""
