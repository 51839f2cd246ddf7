"""The incident tables, suppressed the same way in every report of a year.

A month's report, its quarter's and its year's share cells: the year's total is the sum of its
months, and each month's total shows in the trend and in that month's report. Suppressing each
report on its own would let a reader subtract the months of one report from the year of
another. So the whole calendar year is counted once — every table, per month, quarter and year,
linked by their totals — and suppressed once (:func:`rt_desktop.reports.suppression.protect`);
every report of that year then reads its cells from that one result. The same data therefore
always shows the same hidden cells, whichever report of the year a reader holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rt_desktop import enums
from rt_desktop.enums import Vocabulary
from rt_desktop.reports.model import Column, Hidden, Note, ReportTable, Row, Value
from rt_desktop.reports.periods import Period
from rt_desktop.reports.suppression import Group, Reason, protect

__all__ = ["YearGrid", "build_grid", "incident_tables", "TABLE_KEYS"]

ALL = "*"
_UNKNOWN = ("Tidak tercatat", "Not recorded")
_QUARTERS = {q: tuple(f"m{m:02d}" for m in range(3 * q - 2, 3 * q + 1)) for q in range(1, 5)}

TABLE_KEYS = ("incidents_by_violence", "incidents_by_age_sex", "incidents_by_place",
              "incidents_by_status", "incidents_by_referral", "incidents_by_uptd_service")


def _node(period: Period) -> str:
    if period.kind == "month":
        return f"m{period.start.month:02d}"
    if period.kind == "quarter":
        return f"q{(period.start.month + 2) // 3}"
    return "y"


def _codes(vocabulary: Vocabulary, seen: Iterable[Any]) -> list[str]:
    """The vocabulary's codes, then codes only the data has (an older or newer app's)."""
    extra = sorted({str(c) for c in seen} - set(vocabulary.codes) - {ALL})
    return [*vocabulary.codes, *extra]


def _label(vocabulary: Vocabulary, code: str, lang: str) -> str:
    if code == "":
        return _UNKNOWN[1 if lang == "en" else 0]
    return vocabulary.label(code, lang)


@dataclass(frozen=True)
class YearGrid:
    """Every incident count of one calendar year (per month ``m01``…, quarter ``q1``… and
    ``y``), and which are hidden."""

    year: int
    threshold: int
    counts: dict[tuple[str, Any, str], int]
    hidden: dict[tuple[str, Any, str], Reason]
    codes: dict[str, list[Any]]

    def value(self, dim: str, code: Any, node: str) -> Value:
        key = (dim, code, node)
        reason = self.hidden.get(key)
        if reason is not None:
            return Hidden(reason, self.threshold)
        return self.counts.get(key, 0)

    def month_total(self, month: int) -> Value:
        return self.value("all", ALL, f"m{month:02d}")


def build_grid(year: int, raw: dict[str, dict[tuple[int, Any], int]],
               threshold: int) -> YearGrid:
    """Suppress a year of counts (as :func:`rt_desktop.reports.queries.incident_counts`
    returns them) as one linked table."""
    ages = _codes(enums.AGE_GROUPS, (a for _, (a, _s) in raw["age_sex"]))
    sexes = _codes(enums.SEXES, (s for _, (_a, s) in raw["age_sex"]))
    codes: dict[str, list[Any]] = {
        "age": ages, "sex": sexes,
        "violence": _codes(enums.VIOLENCE_TYPES, (c for _, c in raw["violence"])),
        "place": _codes(enums.PLACES, (c for _, c in raw["place"])),
        "status": _codes(enums.CASE_STATUSES, (c for _, c in raw["status"])),
        "referral": _codes(enums.REFERRAL_DESTINATIONS, (c for _, c in raw["referral"])),
        "service": _codes(enums.UPTD_SERVICES, (c for _, c in raw["service"])),
    }
    counts: dict[tuple[str, Any, str], int] = {}

    def add(dim: str, code: Any, month: int, n: int) -> None:
        key = (dim, code, f"m{month:02d}")
        counts[key] = counts.get(key, 0) + n

    for (m, (a, s)), n in raw["age_sex"].items():
        add("age_sex", (a, s), m, n)
        add("age_sex", (a, ALL), m, n)
        add("age_sex", (ALL, s), m, n)
        add("all", ALL, m, n)
    for dim in ("violence", "place", "status", "referral", "service"):
        for (m, code), n in raw[dim].items():
            add(dim, code, m, n)

    bases: list[tuple[str, Any]] = [("all", ALL)]
    bases += [("age_sex", (a, s)) for a in ages for s in sexes]
    bases += [("age_sex", (a, ALL)) for a in ages] + [("age_sex", (ALL, s)) for s in sexes]
    bases += [(dim, c) for dim in ("violence", "place", "status", "service") for c in codes[dim]]
    bases += [("referral", c) for c in (*codes["referral"], ALL)]
    months = [f"m{m:02d}" for m in range(1, 13)]
    groups: list[Group[tuple[str, Any, str]]] = []
    for dim, code in bases:
        for month in months:
            counts.setdefault((dim, code, month), 0)
        for q, in_quarter in _QUARTERS.items():
            counts[(dim, code, f"q{q}")] = sum(counts[(dim, code, m)] for m in in_quarter)
            groups.append(Group((dim, code, f"q{q}"), tuple((dim, code, m) for m in in_quarter)))
        counts[(dim, code, "y")] = sum(counts[(dim, code, f"q{q}")] for q in _QUARTERS)
        groups.append(Group((dim, code, "y"), tuple((dim, code, f"q{q}") for q in _QUARTERS)))
        # The year's trend lists the twelve months beside the year's total.
        groups.append(Group((dim, code, "y"), tuple((dim, code, m) for m in months)))

    for node in (*months, *(f"q{q}" for q in _QUARTERS), "y"):
        total = ("all", ALL, node)
        for a in ages:
            groups.append(Group(("age_sex", (a, ALL), node),
                                tuple(("age_sex", (a, s), node) for s in sexes)))
        for s in sexes:
            groups.append(Group(("age_sex", (ALL, s), node),
                                tuple(("age_sex", (a, s), node) for a in ages)))
        groups.append(Group(total, tuple(("age_sex", (a, ALL), node) for a in ages)))
        groups.append(Group(total, tuple(("age_sex", (ALL, s), node) for s in sexes)))
        groups.append(Group(total, tuple(("violence", c, node) for c in codes["violence"]),
                            exact=False))
        for dim in ("place", "status"):
            groups.append(Group(total, tuple((dim, c, node) for c in codes[dim])))
        groups.append(Group(("referral", ALL, node),
                            tuple(("referral", c, node) for c in codes["referral"]), exact=False))
        groups.append(Group(("referral", "uptd_ppa", node),
                            tuple(("service", c, node) for c in codes["service"]), exact=False))
    return YearGrid(year, threshold, counts, protect(counts, groups, threshold), codes)


# --- tables ----------------------------------------------------------------------------------

_COUNT = Column("cases", "Jumlah kasus", "Number of cases")


def _one_way(grid: YearGrid, node: str, *, key: str, dim: str, vocabulary: Vocabulary,
             title: tuple[str, str], short: tuple[str, str], header: tuple[str, str],
             total_dim: str, total_code: Any, total_label: tuple[str, str],
             notes: tuple[Note, ...] = ()) -> ReportTable:
    rows = [Row(code, _label(vocabulary, code, "id"), _label(vocabulary, code, "en"),
                (grid.value(dim, code, node),)) for code in grid.codes[dim]]
    rows.append(Row("total", *total_label, (grid.value(total_dim, total_code, node),),
                    is_total=True))
    return ReportTable(key, "incidents", *title, *short, *header, (_COUNT,), tuple(rows), notes)


def incident_tables(grid: YearGrid, period: Period) -> list[ReportTable]:
    """The incident tables of a calendar month, quarter or year, cells from ``grid``."""
    node = _node(period)
    total = ("Jumlah kasus", "Number of cases")
    ages, sexes = grid.codes["age"], grid.codes["sex"]
    age_sex_columns = tuple(Column(s, _label(enums.SEXES, s, "id"), _label(enums.SEXES, s, "en"))
                            for s in sexes) + (Column("total", "Jumlah", "Total"),)
    age_rows = [Row(a, _label(enums.AGE_GROUPS, a, "id"), _label(enums.AGE_GROUPS, a, "en"),
                    (*(grid.value("age_sex", (a, s), node) for s in sexes),
                     grid.value("age_sex", (a, ALL), node))) for a in ages]
    age_rows.append(Row("total", "Jumlah", "Total",
                        (*(grid.value("age_sex", (ALL, s), node) for s in sexes),
                         grid.value("all", ALL, node)), is_total=True))
    return [
        _one_way(grid, node, key="incidents_by_violence", dim="violence",
                 vocabulary=enums.VIOLENCE_TYPES,
                 title=("Kasus menurut jenis kekerasan", "Cases by kind of violence"),
                 short=("Jenis kekerasan", "Kind of violence"),
                 header=("Jenis kekerasan", "Kind of violence"),
                 total_dim="all", total_code=ALL, total_label=total,
                 notes=(Note("Satu kasus dapat mencakup lebih dari satu jenis kekerasan, jadi "
                             "jumlah baris dapat melebihi jumlah kasus.",
                             "One case may involve several kinds of violence, so the rows may "
                             "add up to more than the number of cases."),)),
        ReportTable("incidents_by_age_sex", "incidents",
                    "Korban menurut kelompok usia dan jenis kelamin",
                    "Victims by age group and sex", "Usia dan jenis kelamin", "Age and sex",
                    "Kelompok usia", "Age group", age_sex_columns, tuple(age_rows)),
        _one_way(grid, node, key="incidents_by_place", dim="place", vocabulary=enums.PLACES,
                 title=("Kasus menurut tempat kejadian", "Cases by place"),
                 short=("Tempat kejadian", "Place"), header=("Tempat kejadian", "Place"),
                 total_dim="all", total_code=ALL, total_label=total),
        _one_way(grid, node, key="incidents_by_status", dim="status",
                 vocabulary=enums.CASE_STATUSES,
                 title=("Kasus menurut status", "Cases by status"),
                 short=("Status kasus", "Case status"), header=("Status", "Status"),
                 total_dim="all", total_code=ALL, total_label=total,
                 notes=(Note("Status menurut data terakhir yang diterima.",
                             "Status as of the latest data received."),)),
        _one_way(grid, node, key="incidents_by_referral", dim="referral",
                 vocabulary=enums.REFERRAL_DESTINATIONS,
                 title=("Kasus yang dirujuk, menurut tujuan rujukan",
                        "Referred cases by destination"),
                 short=("Tujuan rujukan", "Referred to"), header=("Tujuan rujukan", "Referred to"),
                 total_dim="referral", total_code=ALL,
                 total_label=("Kasus yang dirujuk", "Cases referred"),
                 notes=(Note("Satu kasus dapat dirujuk ke lebih dari satu tujuan.",
                             "One case may be referred to several services."),)),
        _one_way(grid, node, key="incidents_by_uptd_service", dim="service",
                 vocabulary=enums.UPTD_SERVICES,
                 title=("Kasus yang dirujuk ke UPTD PPA, menurut layanan",
                        "Cases referred to UPTD PPA by service"),
                 short=("Layanan UPTD PPA", "UPTD PPA service"),
                 header=("Layanan UPTD PPA", "UPTD PPA service"),
                 total_dim="referral", total_code="uptd_ppa",
                 total_label=("Kasus yang dirujuk ke UPTD PPA", "Cases referred to UPTD PPA")),
    ]
