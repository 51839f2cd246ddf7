"""Wilayah master data: the 6 kecamatan and 34 kelurahan of Balikpapan (Kepmendagri
300.2.2-2138/2025), finding a kelurahan by the name people say, and RT numbers.

Expected codes and names are written out here, not read from the seed file under test."""

from __future__ import annotations

import re

import pytest

from rt_desktop import wilayah
from rt_desktop.errors import BadInput
from rt_desktop.wilayah import (
    KOTA_CODE,
    UnknownWilayah,
    find_kelurahan,
    is_kelurahan,
    kecamatan_list,
    kelurahan,
    kelurahan_in_scope,
    kelurahan_list,
    normalise_rt,
)

KECAMATAN = [
    ("64.71.01", "Balikpapan Timur", 4),
    ("64.71.02", "Balikpapan Barat", 6),
    ("64.71.03", "Balikpapan Utara", 6),
    ("64.71.04", "Balikpapan Tengah", 6),
    ("64.71.05", "Balikpapan Selatan", 7),
    ("64.71.06", "Balikpapan Kota", 5),
]

SAMPLE_KELURAHAN = [
    ("64.71.01.1001", "Manggar", "Balikpapan Timur"),
    ("64.71.01.1004", "Manggar Baru", "Balikpapan Timur"),
    ("64.71.02.1004", "Kariangau", "Balikpapan Barat"),
    ("64.71.02.1006", "Marga Sari", "Balikpapan Barat"),
    ("64.71.03.1004", "Muara Rapak", "Balikpapan Utara"),
    ("64.71.03.1006", "Graha Indah", "Balikpapan Utara"),
    ("64.71.04.1001", "Gunung Sari Ulu", "Balikpapan Tengah"),
    ("64.71.04.1006", "Sumber Rejo", "Balikpapan Tengah"),
    ("64.71.05.1002", "Sepinggan", "Balikpapan Selatan"),
    ("64.71.05.1010", "Sungainangka", "Balikpapan Selatan"),
    ("64.71.05.1012", "Damai Bahagia", "Balikpapan Selatan"),
    ("64.71.06.1003", "Klandasan Ulu", "Balikpapan Kota"),
    ("64.71.06.1005", "Damai", "Balikpapan Kota"),
]


def test_balikpapan_has_six_kecamatan_and_34_kelurahan() -> None:
    assert KOTA_CODE == "64.71"
    assert [(k.code, k.name) for k in kecamatan_list()] == [(c, n) for c, n, _ in KECAMATAN]
    assert len(kelurahan_list()) == 34
    assert len({k.code for k in kelurahan_list()}) == 34
    assert len({k.name for k in kelurahan_list()}) == 34


@pytest.mark.parametrize(("code", "name", "count"), KECAMATAN)
def test_each_kecamatan_has_its_kelurahan(code: str, name: str, count: int) -> None:
    inside = kelurahan_in_scope(code)
    assert len(inside) == count
    assert {k.kecamatan.name for k in inside} == {name}
    assert wilayah.kecamatan(code).name == name


@pytest.mark.parametrize(("code", "name", "kecamatan_name"), SAMPLE_KELURAHAN)
def test_official_codes_and_names(code: str, name: str, kecamatan_name: str) -> None:
    found = kelurahan(code)
    assert (found.code, found.name, found.kecamatan.name) == (code, name, kecamatan_name)
    assert found.kecamatan.code == code[:8]


def test_every_code_has_the_official_shape() -> None:
    for k in kelurahan_list():
        assert re.fullmatch(r"64\.71\.0[1-6]\.1\d{3}", k.code), k.code
        assert k.code.startswith(k.kecamatan.code + ".")


@pytest.mark.parametrize(("text", "expected"), [
    ("Sungai Nangka", ["Sungainangka"]),
    ("sungainangka", ["Sungainangka"]),
    ("  MUARA   rapak ", ["Muara Rapak"]),
    ("Gunung-Sari Ulu", ["Gunung Sari Ulu"]),
    ("gunung samarinda", ["Gunung Samarinda", "Gunung Samarinda Baru"]),
    ("damai", ["Damai", "Damai Bahagia", "Damai Baru"]),
    ("sepinggan", ["Sepinggan", "Sepinggan Baru", "Sepinggan Raya"]),
    ("baru", ["Baru Ilir", "Baru Tengah", "Baru Ulu", "Damai Baru", "Gunung Samarinda Baru",
              "Manggar Baru", "Sepinggan Baru"]),
    ("", []),
    ("   ", []),
    ("Samarinda Seberang", []),
])
def test_find_kelurahan_by_the_name_people_say(text: str, expected: list[str]) -> None:
    assert [k.name for k in find_kelurahan(text)] == expected


def test_sungai_nangka_is_sungainangka_in_balikpapan_selatan() -> None:
    (found,) = find_kelurahan("Sungai Nangka")
    assert found.code == "64.71.05.1010"
    assert found.kecamatan.name == "Balikpapan Selatan"


def test_the_whole_city_is_in_scope_of_the_kota_code() -> None:
    assert kelurahan_in_scope("64.71") == kelurahan_list()
    assert [k.name for k in kelurahan_in_scope("64.71.05.1010")] == ["Sungainangka"]


@pytest.mark.parametrize("code", ["64.72", "64.71.07", "64.71.05.1001", "", "Sungainangka"])
def test_unknown_areas_are_refused_with_a_clear_message(code: str) -> None:
    with pytest.raises(UnknownWilayah) as raised:
        kelurahan_in_scope(code)
    assert isinstance(raised.value, BadInput)
    assert "tidak dikenal" in raised.value.message()
    assert "not a known area" in raised.value.message("en")
    with pytest.raises(UnknownWilayah):
        kelurahan(code)
    assert not is_kelurahan(code)


def test_is_kelurahan_takes_the_exact_official_code_only() -> None:
    assert all(is_kelurahan(k.code) for k in kelurahan_list())
    assert not is_kelurahan(" 64.71.05.1010")  # a record's code is stored exactly
    assert not is_kelurahan("64.71.05")


def test_the_seed_data_is_read_once() -> None:
    assert kelurahan_list() is kelurahan_list()


@pytest.mark.parametrize(("given", "expected"), [
    ("7", "007"), (7, "007"), ("07", "007"), ("007", "007"), (" 12 ", "012"), ("RT 7", "007"),
    ("rt.007", "007"), ("RT-12", "012"), ("1", "001"), (999, "999"), ("999", "999"),
])
def test_rt_numbers_are_written_with_three_digits(given: str | int, expected: str) -> None:
    assert normalise_rt(given) == expected


@pytest.mark.parametrize("given", ["0", 0, "000", "1000", 1000, -1, "-1", "", "abc", "7a",
                                   "RT", "1 2", "٧", "７", True, 7.0, None])
def test_impossible_rt_numbers_are_refused(given: object) -> None:
    with pytest.raises(BadInput) as raised:
        normalise_rt(given)  # type: ignore[arg-type]
    assert "001" in raised.value.message() or "1 sampai 999" in raised.value.message()
    assert "999" in raised.value.message("en")


@pytest.mark.parametrize(("scope", "words"), [
    ({"level": "rt", "code": "64.71.03.1004", "rt": "007"},
     ("RT 007, Kelurahan Muara Rapak (64.71.03.1004)",) * 2),
    ({"level": "kelurahan", "code": "64.71.03.1004", "rt": None},
     ("Kelurahan Muara Rapak (64.71.03.1004)",) * 2),
    ({"level": "kecamatan", "code": "64.71.03", "rt": None},
     ("Kecamatan Balikpapan Utara (64.71.03)",) * 2),
    ({"level": "kota", "code": "64.71", "rt": None},
     ("seluruh Kota Balikpapan", "all of Kota Balikpapan")),
])
def test_an_enrolments_area_is_said_in_words(scope: dict, words: tuple[str, str]) -> None:
    assert wilayah.area_in_words(scope) == words


def test_every_scope_level_of_the_protocol_has_its_words() -> None:
    """The levels are the server's (an UPTD laptop's "kota" once read "Kelurahan 64.71")."""
    from typing import get_args

    from sync.protocol import ScopeLevel

    codes = {"rt": "64.71.03.1004", "kelurahan": "64.71.03.1004", "kecamatan": "64.71.03",
             "kota": "64.71"}
    assert set(get_args(ScopeLevel)) == set(codes)
    for level, code in codes.items():
        in_id, _in_en = wilayah.area_in_words({"level": level, "code": code, "rt": None})
        assert code not in in_id or "(" in in_id  # a code alone, never in place of a name
        assert in_id.split(" ", 1)[0] in ("Kelurahan", "Kecamatan", "seluruh")
