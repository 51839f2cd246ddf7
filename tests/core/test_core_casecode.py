"""Case codes: readable, pseudonymous, and never the same on two devices of one RT."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rt_desktop.casecode import (
    CROCKFORD_ALPHABET,
    CaseCode,
    format_case_code,
    new_device_tag,
    parse_case_code,
)

RTS = st.integers(1, 999).map(lambda n: f"{n:03d}")
TAGS = st.text(alphabet=CROCKFORD_ALPHABET, min_size=4, max_size=4)
YEARS = st.integers(1000, 9999)
SEQUENCES = st.integers(1, 10**7)


def test_a_case_code_reads_rt_year_tag_and_number() -> None:
    assert format_case_code("007", 2026, "K7QF", 12) == "RT007-2026-K7QF-0012"
    assert parse_case_code("RT007-2026-K7QF-0012") == CaseCode("007", 2026, "K7QF", 12)
    assert str(CaseCode("007", 2026, "K7QF", 12)) == "RT007-2026-K7QF-0012"
    assert format_case_code("120", 2027, "0Z9A", 12345) == "RT120-2027-0Z9A-12345"


@given(RTS, YEARS, TAGS, SEQUENCES)
def test_every_code_reads_back_as_it_was_made(rt: str, year: int, tag: str, seq: int) -> None:
    code = format_case_code(rt, year, tag, seq)
    assert parse_case_code(code) == CaseCode(rt, year, tag, seq)
    assert parse_case_code(code.lower()) == CaseCode(rt, year, tag, seq)


@given(st.tuples(RTS, YEARS, TAGS, SEQUENCES), st.tuples(RTS, YEARS, TAGS, SEQUENCES))
def test_different_parts_never_give_the_same_code(a: tuple, b: tuple) -> None:
    assert (format_case_code(*a) == format_case_code(*b)) == (a == b)


@pytest.mark.parametrize(("typed", "expected"), [
    ("  rt007-2026-k7qf-0012 ", "RT007-2026-K7QF-0012"),
    ("RT007-2026-K7QO-0012", "RT007-2026-K7Q0-0012"),   # O read as zero
    ("RT007-2026-I7QL-0012", "RT007-2026-17Q1-0012"),   # I and L read as one
])
def test_a_code_typed_by_hand_is_understood(typed: str, expected: str) -> None:
    assert str(parse_case_code(typed)) == expected


@pytest.mark.parametrize("text", [
    "", "RT007", "RT007-2026-K7QF", "RT7-2026-K7QF-0012", "RT000-2026-K7QF-0012",
    "RT007-26-K7QF-0012", "RT007-0999-K7QF-0012", "RT007-2026-K7QU-0012",
    "RT007-2026-K7Q-0012", "RT007-2026-K7QFF-0012", "RT007-2026-K7QF-012",
    "RT007-2026-K7QF-0000", "RT007-2026-K7QF-00012", "RT007-2026-K7QF-0012x",
    "XRT007-2026-K7QF-0012", "RT007_2026_K7QF_0012", "RT 007-2026-K7QF-0012",
    "RT007-2026-K7QF-００１２", "RT007-2026-K7Qſ-0012", "RT007-2026-K7Q\u0131-0012",
    "RT007-2026-K7QF-0012\nRT008-2026-K7QF-0012",
])
def test_malformed_codes_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_case_code(text)


def test_parse_refuses_what_is_not_text() -> None:
    with pytest.raises(ValueError):
        parse_case_code(7)  # type: ignore[arg-type]


@pytest.mark.parametrize(("rt", "year", "tag", "seq"), [
    ("7", 2026, "K7QF", 1), ("000", 2026, "K7QF", 1), (7, 2026, "K7QF", 1),
    ("007", 26, "K7QF", 1), ("007", 10000, "K7QF", 1), ("007", "2026", "K7QF", 1),
    ("007", 2026, "K7QU", 1), ("007", 2026, "k7qf", 1), ("007", 2026, "K7Q", 1),
    ("007", 2026, "K7QF\n", 1), ("007", 2026, "K7QF", 0), ("007", 2026, "K7QF", -3),
    ("007", 2026, "K7QF", True),
])
def test_format_refuses_impossible_parts(rt: object, year: object, tag: object,
                                         seq: object) -> None:
    with pytest.raises(ValueError):
        format_case_code(rt, year, tag, seq)  # type: ignore[arg-type]


def test_device_tags_are_four_unambiguous_characters() -> None:
    tags = [new_device_tag() for _ in range(500)]
    for tag in tags:
        assert len(tag) == 4 and set(tag) <= set(CROCKFORD_ALPHABET)
        assert not set(tag) & set("ILOU")
    # 32**4 ≈ 1 million tags: 500 draws repeat a handful at most, never wholesale.
    assert len(set(tags)) > 480


def test_two_devices_of_one_rt_number_their_cases_apart() -> None:
    laptop, phone = "K7QF", "M2XA"
    codes = {format_case_code("007", 2026, tag, n) for tag in (laptop, phone) for n in range(1, 51)}
    assert len(codes) == 100
