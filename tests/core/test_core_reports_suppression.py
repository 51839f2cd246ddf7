"""Small-cell suppression: an attacker who holds the published cells tries to recover every
hidden one — by subtraction in every row and column (chained, as long as it finds anything),
and by the bounds a "<3" or an "x" gives away. Hypothesis makes the tables."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rt_desktop import enums
from rt_desktop.reports.incidents import build_grid
from rt_desktop.reports.suppression import Group, protect, threshold_from

Relation = tuple[Hashable, Sequence[Hashable]]  # parent == sum(children)

# Small counts are what a kelurahan's month looks like: mostly 0-4, sometimes more.
counts = st.one_of(st.integers(0, 4), st.integers(0, 4), st.integers(0, 30))


# --- the attacker ------------------------------------------------------------------------------

def subtract(published: Mapping[Hashable, int | None], relations: Iterable[Relation]
             ) -> dict[Hashable, int]:
    """Every hidden cell (None) that chained subtraction recovers: a relation with one unknown
    gives it, which may give another relation one unknown, and so on."""
    known = {k: v for k, v in published.items() if v is not None}
    relations = list(relations)
    found: dict[Hashable, int] = {}
    progress = True
    while progress:
        progress = False
        for parent, children in relations:
            members = [parent, *children]
            unknown = [k for k in members if k not in known]
            if len(unknown) != 1:
                continue
            (cell,) = unknown
            rest = sum(known[k] for k in children if k in known)
            value = known[parent] - rest if cell != parent else rest
            known[cell] = found[cell] = value
            progress = True
    return found


def pinned_by_bounds(published: Mapping[Hashable, int | None], marks: Mapping[Hashable, str],
                     relations: Iterable[Relation], threshold: int) -> list[Hashable]:
    """Small cells of a relation with a visible total whose value the bounds force: a "<t"
    is 1..t-1, an "x" at least t."""
    pinned = []
    for parent, children in relations:
        if published[parent] is None:
            continue
        hidden = [k for k in children if published[k] is None]
        if not hidden:
            continue
        rest = published[parent] - sum(published[k] for k in children if published[k] is not None)
        low = {k: 1 if marks[k] == "small" else threshold for k in hidden}
        high = {k: threshold - 1 if marks[k] == "small" else rest for k in hidden}
        for cell in hidden:
            if marks[cell] != "small":
                continue
            # sums of ranges of whole numbers are ranges: the cell is rest - (the others)
            others_low = sum(low[k] for k in hidden if k != cell)
            others_high = sum(high[k] for k in hidden if k != cell)
            can_be = range(max(low[cell], rest - others_high),
                           min(high[cell], rest - others_low) + 1)
            if len(can_be) == 1:
                pinned.append(cell)
    return pinned


def publish(values: Mapping[Hashable, int], hidden: Mapping[Hashable, str]
            ) -> dict[Hashable, int | None]:
    return {k: (None if k in hidden else v) for k, v in values.items()}


def assert_protected(values: Mapping[Hashable, int], hidden: Mapping[Hashable, str],
                     relations: Sequence[Relation], threshold: int = 3,
                     exact: bool = True) -> None:
    for key, value in values.items():
        assert (hidden.get(key) == "small") == (0 < value < threshold), key
        if hidden.get(key) == "complement":
            assert value >= threshold, key
    published = publish(values, hidden)
    assert subtract(published, relations) == {}, "a hidden cell was recovered by subtraction"
    if exact:
        assert pinned_by_bounds(published, hidden, relations, threshold) == []


# --- two-way tables with row and column totals ---------------------------------------------

def two_way(cells: list[list[int]]) -> tuple[dict[Hashable, int], list[Relation]]:
    rows, cols = len(cells), len(cells[0])
    values: dict[Hashable, int] = {(r, c): cells[r][c] for r in range(rows) for c in range(cols)}
    for r in range(rows):
        values[(r, "T")] = sum(cells[r])
    for c in range(cols):
        values[("T", c)] = sum(cells[r][c] for r in range(rows))
    values[("T", "T")] = sum(sum(row) for row in cells)
    relations: list[Relation] = [((r, "T"), [(r, c) for c in range(cols)]) for r in range(rows)]
    relations += [(("T", c), [(r, c) for r in range(rows)]) for c in range(cols)]
    relations.append((("T", "T"), [(r, "T") for r in range(rows)]))
    relations.append((("T", "T"), [("T", c) for c in range(cols)]))
    return values, relations


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 6).flatmap(lambda cols: st.lists(
    st.lists(counts, min_size=cols, max_size=cols), min_size=1, max_size=7)),
       st.sampled_from([3, 3, 5]))
def test_no_hidden_cell_of_a_two_way_table_can_be_recovered(cells: list[list[int]],
                                                            threshold: int) -> None:
    values, relations = two_way(cells)
    hidden = protect(values, [Group(p, tuple(c)) for p, c in relations], threshold)
    assert_protected(values, hidden, relations, threshold)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sets(st.sampled_from("ABCDE"), min_size=1), max_size=25))
def test_multi_choice_tables_never_have_one_lonely_hidden_cell(cases: list[set[str]]) -> None:
    # One case may be of several kinds: rows add up to more than the total. A reader who
    # assumes one kind per case still cannot subtract a hidden cell out.
    values: dict[Hashable, int] = {k: sum(1 for c in cases if k in c) for k in "ABCDE"}
    values["T"] = len(cases)
    relation: Relation = ("T", list("ABCDE"))
    hidden = protect(values, [Group("T", tuple("ABCDE"), exact=False)])
    assert_protected(values, hidden, [relation], exact=False)


@pytest.mark.parametrize("values, hidden", [
    # the one small cell needs a partner: the smallest other part, not the total
    ({"T": 21, "A": 1, "B": 10, "C": 12}, {"A": "small", "B": "complement"}),
    # "4 = <3 + x" would mean 1 + 3; "4 = <3 + <3" would mean 2 + 2: more must hide
    ({"T": 4, "A": 1, "B": 3}, {"A": "small", "B": "complement", "T": "complement"}),
    ({"T": 6, "A": 1, "B": 1, "C": 4}, {"A": "small", "B": "small", "C": "complement"}),
    ({"T": 9, "A": 0, "B": 9}, {}),
])
def test_known_one_way_cases(values: dict[str, int], hidden: dict[str, str]) -> None:
    assert protect(values, [Group("T", tuple(k for k in values if k != "T"))]) == hidden


@pytest.mark.parametrize("text, threshold", [
    (None, 3), ("", 3), ("3", 3), ("5", 5), (" 10 ", 10), ("2", 3), ("0", 3), ("-4", 3),
    ("tiga", 3)])
def test_threshold_from_the_server_setting(text: str | None, threshold: int) -> None:
    assert threshold_from(text) == threshold


def test_protect_refuses_a_threshold_that_hides_nothing() -> None:
    with pytest.raises(ValueError):
        protect({"T": 1, "A": 1}, [Group("T", ("A",))], threshold=2)


# --- a whole year: months, quarters and the year are published in different reports ------

case = st.tuples(st.integers(1, 12), st.sampled_from(enums.PLACES.codes[:3]),
                 st.sampled_from(enums.CASE_STATUSES.codes), st.sampled_from(enums.SEXES.codes),
                 st.sampled_from(enums.AGE_GROUPS.codes[:3]))


def year_relations(grid_codes: Mapping[str, list], dims: Sequence[str]) -> list[Relation]:
    """What a reader of the 17 reports of a year (12 months, 4 quarters, the year) knows:
    each single-choice table adds up to the case total, age x sex adds up both ways, and
    every cell adds up over months into quarters into the year."""
    months = [f"m{m:02d}" for m in range(1, 13)]
    nodes = [*months, "q1", "q2", "q3", "q4", "y"]
    ages, sexes = grid_codes["age"], grid_codes["sex"]
    relations: list[Relation] = []
    bases: list[tuple[str, object]] = [("all", "*")]
    bases += [(d, c) for d in dims for c in grid_codes[d]]
    bases += [("age_sex", (a, s)) for a in ages for s in sexes]
    bases += [("age_sex", (a, "*")) for a in ages] + [("age_sex", ("*", s)) for s in sexes]
    for dim, code in bases:
        for q in range(1, 5):
            relations.append(((dim, code, f"q{q}"),
                              [(dim, code, months[m]) for m in range(3 * q - 3, 3 * q)]))
        relations.append(((dim, code, "y"), [(dim, code, f"q{q}") for q in range(1, 5)]))
        relations.append(((dim, code, "y"), [(dim, code, m) for m in months]))
    for node in nodes:
        total = ("all", "*", node)
        for dim in dims:
            relations.append((total, [(dim, c, node) for c in grid_codes[dim]]))
        relations.append((total, [("age_sex", (a, "*"), node) for a in ages]))
        relations.append((total, [("age_sex", ("*", s), node) for s in sexes]))
        for a in ages:
            relations.append((("age_sex", (a, "*"), node),
                              [("age_sex", (a, s), node) for s in sexes]))
        for s in sexes:
            relations.append((("age_sex", ("*", s), node),
                              [("age_sex", (a, s), node) for a in ages]))
    return relations


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(case, max_size=60))
def test_reports_of_one_year_together_give_no_hidden_cell_away(cases: list[tuple]) -> None:
    raw: dict[str, dict] = {name: {} for name in (
        "age_sex", "violence", "place", "status", "referral", "service")}
    for month, place, status, sex, age in cases:
        for name, code in (("place", place), ("status", status), ("age_sex", (age, sex))):
            raw[name][(month, code)] = raw[name].get((month, code), 0) + 1
    grid = build_grid(2026, raw, 3)
    dims = ("place", "status")
    relations = year_relations(grid.codes, dims)
    cells = {k for p, c in relations for k in (p, *c)}
    values = {k: grid.counts.get(k, 0) for k in cells}
    hidden = {k: grid.hidden[k] for k in cells if k in grid.hidden}
    assert_protected(values, hidden, relations)
