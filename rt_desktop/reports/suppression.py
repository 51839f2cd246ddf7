"""Small-cell suppression with complementary suppression (pure; no database).

Every count from 1 to ``threshold - 1`` is hidden (*small*). Hiding it is not enough when the
table also shows totals: a hidden cell that is the only hidden one of a row or a column equals
the total minus the visible cells. So more cells are hidden (*complement*) until:

1. every group (a total and the cells that add up to it) with a hidden cell has at least two,
   so no subtraction — not even a chain of them through rows and columns — gives a hidden
   value; and
2. where a group adds up exactly and its total is visible, no small cell can be pinned to one
   value by its bounds either: a reader knows a small cell is 1..t−1 and an ``x`` cell at
   least t, so "total 4 = <3 + x" means 1 + 3, and "total 4 = <3 + <3" means 2 + 2.

What is left on purpose: bounds reasoning chained through several groups whose totals are
hidden too (a "<3" quarter made of two "<3" months means 1 + 1). It can only ever narrow a
"<3" to 1 or to 2 — never reveal a hidden count that is not small — and checking for it
hid most of a year's figures in small kelurahan, which would leave coordinators nothing to
report.

A group is ``exact`` when its children add up to its parent (a partition: sex, place,
status; months into quarters into a year). Multi-choice tables (jenis kekerasan: one case
may be of several kinds) are not exact; for them rule 1 still holds, treating the total as if
it were the sum, as a reader who assumes one kind per case would.

Cells are hidden in a fixed order (a part before its total; then the visible, non-zero member
that leaves the fewest other groups with a single hidden cell; then the smallest), so the
same data always hides the same cells: reports that share cells agree on which are hidden.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

__all__ = ["DEFAULT_THRESHOLD", "MIN_THRESHOLD", "Group", "Reason", "protect", "threshold_from"]

DEFAULT_THRESHOLD = 3
#: Never lower: with 2, "<2" would say "exactly 1".
MIN_THRESHOLD = 3

Reason = Literal["small", "complement"]
Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class Group(Generic[Key]):
    """``parent`` is the total of ``children`` (exactly, or — ``exact=False`` — at most)."""

    parent: Key
    children: tuple[Key, ...]
    exact: bool = True

    @property
    def members(self) -> tuple[Key, ...]:
        return (self.parent, *self.children)


def threshold_from(text: str | None) -> int:
    """The threshold set by the server admin (store meta); default 3, never below 3."""
    try:
        value = int(str(text).strip()) if text not in (None, "") else DEFAULT_THRESHOLD
    except ValueError:
        value = DEFAULT_THRESHOLD
    return max(MIN_THRESHOLD, value)


def protect(values: Mapping[Key, int], groups: Sequence[Group[Key]],
            threshold: int = DEFAULT_THRESHOLD) -> dict[Key, Reason]:
    """Which cells to hide, and why. ``values`` must hold every member of every group.

    :raises ValueError: for a threshold below :data:`MIN_THRESHOLD` or a negative count
    """
    if threshold < MIN_THRESHOLD:
        raise ValueError(f"threshold must be at least {MIN_THRESHOLD}")
    if any(v < 0 for v in values.values()):
        raise ValueError("counts cannot be negative")
    state = _State(values, groups, threshold)
    if not state.hidden:
        return state.hidden
    while True:
        state.no_lonely_hidden()
        pinned = state.pinned_small_cells()
        if not pinned:
            return state.hidden
        # Several at once, but never two for the same group: one more hidden cell often
        # frees every cell pinned with it.
        touched: set[int] = set()
        added = False
        for key in pinned:
            mine = [g for g in state.by_key[key] if state.groups[g].exact]
            if touched.intersection(mine):
                continue
            for g in mine:
                hid = state.hide_partner(g)
                if hid is not None:
                    touched.update(state.by_key[hid])
                    touched.update(mine)
                    added = True
                    break
        if not added:
            return state.hidden  # nothing left to hide: every cell around is hidden or zero


class _State(Generic[Key]):
    def __init__(self, values: Mapping[Key, int], groups: Sequence[Group[Key]], threshold: int):
        self.values = values
        self.groups = list(groups)
        self.threshold = threshold
        self.hidden: dict[Key, Reason] = {
            k: "small" for k, v in values.items() if 0 < v < threshold}
        self.by_key: dict[Key, list[int]] = {}
        for index, group in enumerate(self.groups):
            for key in group.members:
                self.by_key.setdefault(key, []).append(index)
        self.count = [sum(1 for k in g.members if k in self.hidden) for g in self.groups]
        # An upper bound no count can pass: bounds stay integers, no infinity to handle.
        self.big = sum(values.values()) + 1

    def hide(self, key: Key) -> None:
        self.hidden[key] = "complement"
        for g in self.by_key.get(key, ()):
            self.count[g] += 1

    def hide_partner(self, g: int) -> Key | None:
        """Hide one more visible, non-zero member of group ``g``: a part before the total
        (totals are what a coordinator reports), then the one that leaves the fewest other
        groups with a single hidden cell, then the smallest. Returns it, or ``None``."""
        group = self.groups[g]
        best: tuple[int, int, int, int] | None = None
        choice: Key | None = None
        for order, key in enumerate(group.members):
            if key in self.hidden or self.values[key] <= 0:
                continue
            lonely = 0
            for other in self.by_key[key]:
                if other != g:
                    lonely += {0: 1, 1: -1}.get(self.count[other], 0)
            score = (1 if order == 0 else 0, lonely, self.values[key], order)
            if best is None or score < best:
                best, choice = score, key
        if choice is not None:
            self.hide(choice)
        return choice

    def no_lonely_hidden(self) -> None:
        """Rule 1, to a fixed point: hiding a partner may leave another group with one."""
        todo = [g for g, n in enumerate(self.count) if n == 1]
        while todo:
            g = todo.pop()
            if self.count[g] != 1:
                continue
            hid = self.hide_partner(g)
            if hid is not None:
                todo.extend(o for o in self.by_key[hid] if self.count[o] == 1)

    def pinned_small_cells(self) -> list[Key]:
        """Small cells of an exact group with a visible total that its bounds pin to one
        value (rule 2): the hidden cells add up to the total minus the visible ones."""
        pinned: list[Key] = []
        for g, group in enumerate(self.groups):
            if not group.exact or not self.count[g] or group.parent in self.hidden:
                continue
            hidden = [k for k in group.children if k in self.hidden]
            rest = self.values[group.parent] - sum(
                self.values[k] for k in group.children if k not in self.hidden)
            bounds = [self.bounds(k) for k in hidden]
            low_sum = sum(lo for lo, _ in bounds)
            high_sum = sum(hi for _, hi in bounds)
            for key, (lo, hi) in zip(hidden, bounds, strict=True):
                if self.hidden[key] != "small":
                    continue
                # key == rest - (the other hidden cells)
                if min(hi, rest - (low_sum - lo)) <= max(lo, rest - (high_sum - hi)):
                    pinned.append(key)
        return pinned

    def bounds(self, key: Key) -> tuple[int, int]:
        """What a reader knows of a hidden cell: 1..t-1 (``<t``) or at least t (``x``)."""
        if self.hidden[key] == "small":
            return 1, self.threshold - 1
        return self.threshold, self.big
