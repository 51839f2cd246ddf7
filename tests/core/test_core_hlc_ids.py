"""Properties of the hybrid logical clock, UUIDv7 ids and the record model (row form,
sensitive fields, redaction) that sync and privacy rely on."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import threading
import time
import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rt_desktop import records
from rt_desktop.hlc import (
    MAX_COUNTER,
    HybridClock,
    Timestamp,
    clocks_from_groups,
    format_ts,
    newer,
    pack_clocks,
    pack_groups,
    parse,
    unpack_clocks,
)
from rt_desktop.ids import new_id, utc_now_iso
from rt_desktop.records import (
    ENVELOPE_FIELDS,
    RECORD_TYPES,
    FollowUp,
    Incident,
    ParentingSession,
    Record,
    Referral,
    field_specs,
    from_row,
    redact,
    sensitive_fields,
    to_row,
)
from rt_desktop.store import search

NODES = st.text(alphabet="0123456789abcdef-", min_size=1, max_size=36)
MS = st.integers(0, 10**15 - 1)
COUNTERS = st.integers(0, MAX_COUNTER)
TIMESTAMPS = st.builds(Timestamp, MS, COUNTERS, st.text(min_size=1, max_size=20))
WALLS = st.lists(st.integers(0, 10**13), min_size=1, max_size=40)


def _clock(node: str, walls: list[int], last: str | None = None) -> HybridClock:
    """A clock whose wall readings are ``walls`` in turn (stepping back and forth like a
    laptop's clock after sleep or a manual change), then the last reading forever."""
    readings = iter(walls)
    current = [walls[0]]

    def wall_ms() -> int:
        current[0] = next(readings, current[0])
        return current[0]
    return HybridClock(node, last, wall_ms=wall_ms)


# --- hybrid logical clock -----------------------------------------------------------------

@given(WALLS, st.one_of(st.none(), st.builds(Timestamp, MS, COUNTERS, st.just("dev-a"))))
def test_tick_strictly_increases_whatever_the_wall_clock_does(walls: list[int],
                                                              start: Timestamp | None) -> None:
    clock = _clock("dev-a", walls, format_ts(start) if start else None)
    seen = [clock.last]
    for _ in walls:
        seen.append(clock.tick())
    assert all(parse(a) < parse(b) for a, b in itertools.pairwise(seen))
    assert all(newer(b, a) for a, b in itertools.pairwise(seen))


@given(WALLS, st.builds(Timestamp, MS, COUNTERS, NODES), st.integers(0, 5))
def test_observe_is_newer_than_local_and_remote(walls: list[int], remote: Timestamp,
                                                ticks: int) -> None:
    clock = _clock("dev-a", walls)
    for _ in range(ticks):
        clock.tick()
    before = clock.last
    after = clock.observe(format_ts(remote))
    assert parse(after) > parse(before) and parse(after) > remote
    assert newer(after, before) and newer(after, format_ts(remote))
    assert parse(clock.tick()) > parse(after)


@given(st.lists(TIMESTAMPS, min_size=2, max_size=30))
def test_timestamps_sort_as_text_exactly_as_parse_orders_them(stamps: list[Timestamp]) -> None:
    texts = [format_ts(t) for t in stamps]
    assert sorted(texts) == [format_ts(t) for t in sorted(stamps)]
    assert [parse(t) for t in texts] == stamps


@pytest.mark.parametrize("text", [
    "", "123", "000000000000001-00001", "00000000000001-00001-dev", "000000000000001-0001-dev",
    "000000000000001-00001-", "0000000000000x1-00001-dev", "+00000000000001-00001-dev",
    # Digits of other scripts would parse as numbers but sort differently as text.
    "00000000000000١-00001-dev", "000000000000001-0000٢-dev", "00000000000000²-00001-dev",
])
def test_parse_refuses_what_is_not_a_timestamp(text: str) -> None:
    with pytest.raises(ValueError):
        parse(text)


def test_the_clock_never_overflows_its_counter() -> None:
    clock = HybridClock("dev-a", format_ts(Timestamp(1000, MAX_COUNTER - 1, "dev-a")),
                        wall_ms=lambda: 5)
    assert parse(clock.tick()) == Timestamp(1000, MAX_COUNTER, "dev-a")
    assert parse(clock.tick()) == Timestamp(1001, 0, "dev-a")
    remote = format_ts(Timestamp(2000, MAX_COUNTER, "dev-b"))
    assert parse(clock.observe(remote)) == Timestamp(2001, 0, "dev-a")


def test_equal_times_are_broken_by_device_id_the_same_way_everywhere() -> None:
    a, b = format_ts(Timestamp(5, 1, "dev-a")), format_ts(Timestamp(5, 1, "dev-b"))
    assert newer(b, a) and not newer(a, b) and not newer(a, a)
    assert newer(a, None) and not newer(None, a) and not newer(None, None)


def test_a_clock_needs_a_device_id() -> None:
    with pytest.raises(ValueError):
        HybridClock("")


FIELD_NAMES = st.from_regex(r"[a-z][a-z_]{0,20}", fullmatch=True)
CLOCK_MAPS = st.dictionaries(FIELD_NAMES, TIMESTAMPS.map(format_ts), max_size=30)


@given(CLOCK_MAPS)
def test_packed_clocks_unpack_to_the_same_map(clocks: dict[str, str]) -> None:
    text = pack_clocks(clocks)
    assert unpack_clocks(text) == clocks
    # The same clocks in another order give the same text: replicas compare equal.
    assert pack_clocks(dict(reversed(list(clocks.items())))) == text


@given(CLOCK_MAPS, st.randoms())
def test_grouped_clocks_from_a_server_pack_to_the_same_text(clocks: dict[str, str],
                                                            rng: Any) -> None:
    groups = json.loads(pack_clocks(clocks))
    assert clocks_from_groups(groups) == clocks
    assert pack_groups(groups) == pack_clocks(clocks)
    # In any order, names in any order, even a timestamp twice: still the canonical text.
    shuffled = [[ts, " ".join(rng.sample(names.split(), len(names.split())))]
                for ts, names in rng.sample(groups, len(groups))]
    if shuffled:
        ts, names = shuffled[0]
        first, *rest = names.split()
        shuffled[0:1] = [[ts, first], *([[ts, " ".join(rest)]] if rest else [])]
    assert pack_groups(shuffled) == pack_clocks(clocks)


@given(st.dictionaries(st.text(max_size=8), st.text(max_size=8), min_size=1, max_size=4)
       .filter(lambda clocks: len(set(clocks.values())) == 1))
def test_one_timestamp_packs_as_json_whatever_its_text(clocks: dict[str, str]) -> None:
    # Written without the JSON encoder when nothing needs escaping; anything odd (quotes,
    # backslashes, control or non-ASCII characters) still comes out as the encoder writes it.
    (ts,) = set(clocks.values())
    names = " ".join(sorted(clocks))
    expected = json.dumps([[ts, names]], separators=(",", ":"))
    assert pack_clocks(clocks) == expected
    assert pack_groups([[ts, names]]) == json.dumps(
        [[ts, " ".join(sorted(names.split()))]], separators=(",", ":"))


def test_packed_clocks_are_grouped_by_timestamp_and_much_smaller() -> None:
    one, two = format_ts(Timestamp(5, 1, new_id())), format_ts(Timestamp(6, 0, new_id()))
    clocks = {f"field_{i:02d}": one for i in range(20)} | {"deleted": one, "status": two}
    text = pack_clocks(clocks)
    assert json.loads(text)[1] == [two, "status"]
    assert len(text) * 4 < len(json.dumps(clocks))


def test_unpack_reads_the_older_object_form_and_nothing() -> None:
    ts = format_ts(Timestamp(5, 1, "dev-a"))
    assert unpack_clocks(json.dumps({"venue": ts, "deleted": ts})) == {"venue": ts, "deleted": ts}
    assert unpack_clocks("") == unpack_clocks(None) == unpack_clocks(pack_clocks({})) == {}


# --- UUIDv7 ids ----------------------------------------------------------------------------

@given(st.integers(2, 300))
def test_ids_are_uuid7_and_sort_in_the_order_they_were_made(count: int) -> None:
    ids = [new_id() for _ in range(count)]
    assert ids == sorted(ids) and len(set(ids)) == count
    for text in ids:
        value = uuid.UUID(text)
        assert str(value) == text, "canonical lowercase text"
        assert value.version == 7
        assert value.variant == uuid.RFC_4122


def test_an_id_carries_the_millisecond_it_was_made() -> None:
    before = time.time_ns() // 1_000_000
    made = new_id()
    after = time.time_ns() // 1_000_000
    # The counter may move the stamp on by a millisecond when thousands are made at once.
    assert before <= uuid.UUID(made).int >> 80 <= after + 1


def test_ids_made_on_several_threads_never_collide() -> None:
    made: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        mine = [new_id() for _ in range(2000)]
        assert mine == sorted(mine)
        with lock:
            made.extend(mine)
    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(made)) == 8000


def test_utc_now_iso_is_utc_with_milliseconds() -> None:
    text = utc_now_iso()
    assert text.endswith("Z") and len(text) == len("2026-11-28T07:10:04.123Z")
    assert dt.datetime.fromisoformat(text).utcoffset() == dt.timedelta(0)


# --- records: row form, sensitive fields, redaction --------------------------------------

def _value_strategy(spec: records.FieldSpec) -> st.SearchStrategy[Any]:
    if spec.kind == "text":
        return st.none() | st.text(max_size=min(spec.max_length or 40, 40))
    if spec.kind == "int":
        return st.none() | st.integers(-(2**63), 2**63 - 1)
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "date":
        return st.none() | st.dates()
    if spec.kind == "time":  # times are kept to the minute (HH:MM)
        return st.none() | st.builds(dt.time, st.integers(0, 23), st.integers(0, 59))
    assert spec.vocabulary is not None
    if spec.kind == "choice":
        return st.none() | st.sampled_from(spec.vocabulary.codes)
    return st.lists(st.sampled_from(spec.vocabulary.codes), unique=True).map(tuple)


@st.composite
def any_record(draw: st.DrawFn, cls: type[Record]) -> Record:
    specs = field_specs(cls)
    values = {name: draw(_value_strategy(spec)) for name, spec in specs.items()}
    stamp = st.builds(lambda ms, c: format_ts(Timestamp(ms, c, "dev-a")), MS, COUNTERS)
    rt = draw(st.sampled_from(["007", "120"]))
    return cls(id=new_id(), kelurahan_code="64.71.05.1010", rt=rt,
               created_at=utc_now_iso(), updated_at=utc_now_iso(), created_by=draw(st.text()),
               device_id=draw(NODES), rev=draw(st.integers(0, 2**62)),
               hlc=draw(st.dictionaries(st.sampled_from(list(specs)), stamp)),
               deleted=draw(st.booleans()), **values)


def _sqlite_friendly(value: Any) -> bool:
    return value is None or type(value) in (str, int, float)


@pytest.mark.parametrize("cls", RECORD_TYPES.values(), ids=RECORD_TYPES)
def test_every_record_survives_the_row_form(cls: type[Record]) -> None:
    @given(any_record(cls))
    def check(record: Record) -> None:
        row = to_row(record)
        assert set(row) == set(ENVELOPE_FIELDS) | set(field_specs(cls))
        assert all(_sqlite_friendly(v) for v in row.values()), row
        assert from_row(cls, row) == record
        wire = json.loads(json.dumps(row))  # the sync wire carries rows as JSON
        assert from_row(cls, {**wire, "sync_state": "pending"}) == record
    check()


INCIDENT_IDENTITY = {"victim_name", "victim_contact", "victim_address", "victim_guardian_name",
                     "victim_age", "victim_disability_note", "perpetrator_name", "chronology",
                     "violence_other", "rt_handling_note", "closing_note"}


def test_the_identity_of_a_victim_is_sensitive() -> None:
    assert INCIDENT_IDENTITY <= sensitive_fields(Incident)
    assert "note" in sensitive_fields(FollowUp)
    assert {"consent_override_reason", "response_note"} <= sensitive_fields(Referral)
    assert sensitive_fields(ParentingSession) == frozenset()


def test_every_free_text_of_a_case_is_sensitive() -> None:
    free_text = {n for n, s in field_specs(Incident).items() if s.kind == "text"}
    assert free_text - {"case_code"} <= sensitive_fields(Incident)


def test_what_reports_use_is_not_sensitive() -> None:
    for name in ("victim_age_group", "victim_sex", "victim_category", "violence_types",
                 "sexual_violence_forms", "risk_level", "status", "case_code"):
        assert name not in sensitive_fields(Incident)


@pytest.mark.parametrize("cls", RECORD_TYPES.values(), ids=RECORD_TYPES)
def test_redact_removes_every_sensitive_field_and_its_clock(cls: type[Record]) -> None:
    @given(any_record(cls))
    def check(record: Record) -> None:
        record = dataclasses.replace(record, hlc={n: "000000000000001-00000-dev-a"
                                                  for n in field_specs(cls)})
        hidden = sensitive_fields(cls)
        for row in (to_row(record), dataclasses.asdict(record)):
            out = redact(row, cls)
            clocks = out["hlc"] if isinstance(out["hlc"], dict) else unpack_clocks(out["hlc"])
            assert not hidden & set(out) and not hidden & set(clocks)
            assert set(out) == set(row) - hidden
            assert set(clocks) == set(field_specs(cls)) - hidden
            assert type(out["hlc"]) is type(row["hlc"])
    check()


@pytest.mark.parametrize("cls", list(search.SEARCH_FIELDS), ids=lambda c: c.TYPE)
def test_the_search_text_of_a_row_is_the_records(cls: type[Record]) -> None:
    @given(st.lists(any_record(cls), min_size=1, max_size=6))
    def check(many: list[Record]) -> None:
        text = search.row_text(cls)  # one function for a batch: values seen before come cached
        assert text is not None
        for record in [*many, *reversed(many)]:
            expected = search.document_text(record)
            assert search.row_document_text(cls, to_row(record)) == expected
            assert text(to_row(record)) == expected
    check()


def test_types_without_a_search_index_have_no_row_text() -> None:
    assert {cls for cls in RECORD_TYPES.values() if search.row_text(cls) is not None} == set(
        search.SEARCH_FIELDS)


def test_a_redacted_row_does_not_contain_the_victims_name() -> None:
    case = Incident(id=new_id(), victim_name="Siti Aminah", chronology="Siti Aminah dipukul.",
                    hlc={"victim_name": "000000000000001-00000-dev-a"})
    assert "Siti Aminah" not in json.dumps(redact(to_row(case), Incident))
    assert "victim_name" not in json.dumps(redact(to_row(case), Incident))
