"""Hybrid logical clock (Kulkarni et al.): per-field timestamps that order edits across devices
whose wall clocks disagree.

A timestamp is text that sorts correctly as a string: ``<ms:015d>-<counter:05d>-<device_id>``.
The winner of two concurrent writes is the higher timestamp; because the device id is the last
part, equal (ms, counter) pairs are broken by device id — the same rule on server and devices.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

__all__ = ["Timestamp", "HybridClock", "parse", "format_ts", "newer", "pack_clocks",
           "unpack_clocks", "clocks_from_groups", "pack_groups"]

MAX_COUNTER = 99_999


class Timestamp(NamedTuple):
    ms: int
    counter: int
    node: str


def format_ts(ts: Timestamp) -> str:
    return f"{ts.ms:015d}-{ts.counter:05d}-{ts.node}"


def parse(text: str) -> Timestamp:
    """:raises ValueError: if ``text`` is not an HLC timestamp"""
    try:
        ms, counter, node = text.split("-", 2)
    except ValueError:
        raise ValueError(f"not an HLC timestamp: {text!r}") from None
    # ASCII digits only: str.isdigit() also accepts other scripts' digits, which int() reads
    # but which sort differently as text, breaking "sorts as a string".
    if (len(ms) != 15 or len(counter) != 5 or not (ms + counter).isascii()
            or not ms.isdigit() or not counter.isdigit() or not node):
        raise ValueError(f"not an HLC timestamp: {text!r}")
    return Timestamp(int(ms), int(counter), node)


_ENCODE = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode


def _as_is(text: str) -> bool:
    """Whether JSON writes ``text`` as it is: printable ASCII without '"' and '\\' (every
    timestamp and field name; anything else goes through the encoder)."""
    return text.isascii() and text.isprintable() and '"' not in text and "\\" not in text


def _encode_one(ts: str, names: str) -> str:
    """``_ENCODE([[ts, names]])``, written directly when nothing needs escaping: a pulled page
    stores 1,000 of these, and the encoder is most of the time spent on each."""
    if _as_is(ts) and _as_is(names):
        return f'[["{ts}","{names}"]]'
    return _ENCODE([[ts, names]])


def pack_clocks(clocks: Mapping[str, str]) -> str:
    """A record's per-field clock map as the text stored in its ``hlc`` column: grouped by
    timestamp, ``[["<ts>", "field field …"], …]`` (timestamps ascending, names sorted).

    Lossless, and a fifth of the ``{"field": "<ts>", …}`` object it replaces: the fields of one
    save share one timestamp, and a timestamp is ~60 characters. Deterministic, so two replicas
    holding the same clocks hold the same text.
    """
    stamps = set(clocks.values())
    if len(stamps) == 1:  # one save wrote every field: the common case, kept quick
        return _encode_one(stamps.pop(), " ".join(sorted(clocks)))
    groups: dict[str, list[str]] = {}
    for name, ts in clocks.items():
        groups.setdefault(ts, []).append(name)
    return _ENCODE([[ts, " ".join(sorted(groups[ts]))] for ts in sorted(groups)])


def unpack_clocks(text: str | None) -> dict[str, str]:
    """The map :func:`pack_clocks` stored; also reads the older ``{"field": "<ts>"}`` form
    (rows written before it, and ``""``/``None`` for no clocks at all)."""
    if not text:
        return {}
    data = json.loads(text)
    if isinstance(data, dict):
        return data
    return clocks_from_groups(data)


def clocks_from_groups(groups: Iterable[Sequence[str]]) -> dict[str, str]:
    """The map of ``[["<ts>", "field field …"], …]`` (a pull page's grouped clocks)."""
    return {name: ts for ts, names in groups for name in names.split()}


def pack_groups(groups: Iterable[Sequence[str]]) -> str:
    """:func:`pack_clocks` of grouped clocks as a server sent them: the same canonical text,
    without going through the map when each timestamp comes once (it does from a server)."""
    groups = list(groups)
    if len(groups) == 1:  # one save wrote every field: the common case, kept quick
        ts, names = groups[0]
        return _encode_one(ts, " ".join(sorted(names.split())))
    if len({ts for ts, _names in groups}) < len(groups):
        return pack_clocks(clocks_from_groups(groups))
    return _ENCODE([[ts, " ".join(sorted(names.split()))] for ts, names in sorted(groups)])


def newer(a: str | None, b: str | None) -> bool:
    """True when timestamp ``a`` wins over ``b`` (a missing timestamp always loses)."""
    if a is None:
        return False
    if b is None:
        return True
    return parse(a) > parse(b)


class HybridClock:
    """One device's clock. ``tick()`` for a local event, ``observe()`` for a remote timestamp."""

    def __init__(self, node: str, last: str | None = None,
                 wall_ms: Callable[[], int] = lambda: time.time_ns() // 1_000_000):
        if not node:
            raise ValueError("node must be a device id")
        self.node = node
        self._wall_ms = wall_ms
        self._lock = threading.Lock()
        ts = parse(last) if last else Timestamp(0, 0, node)
        self._ms, self._counter = ts.ms, ts.counter

    @property
    def last(self) -> str:
        return format_ts(Timestamp(self._ms, self._counter, self.node))

    def tick(self) -> str:
        with self._lock:
            wall = self._wall_ms()
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            else:
                self._advance_counter()
            return self.last

    def observe(self, remote: str) -> str:
        """Move past a timestamp received from elsewhere; returns the new local timestamp."""
        r = parse(remote)
        with self._lock:
            wall = self._wall_ms()
            top = max(wall, self._ms, r.ms)
            if top == self._ms and top == r.ms:
                self._counter = max(self._counter, r.counter)
                self._advance_counter()
            elif top == self._ms:
                self._advance_counter()
            elif top == r.ms:
                self._ms, self._counter = top, r.counter
                self._advance_counter()
            else:
                self._ms, self._counter = top, 0
            return self.last

    def _advance_counter(self) -> None:
        if self._counter >= MAX_COUNTER:
            self._ms += 1
            self._counter = 0
        else:
            self._counter += 1
