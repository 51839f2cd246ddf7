"""Sync: the wire protocol shared by both ends, the client engine, and ``sync.server`` (the city
server). May import ``rt_desktop``; never ``ui`` (DESIGN.md §2)."""
