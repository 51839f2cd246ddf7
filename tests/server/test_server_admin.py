"""`rt-server admin …` refuses what laptops could not use, on both backends: settings the app
would ignore or misread, codes for RTs the admin has not listed, expiries of months, RT ranges
written backwards — each with exit code 2 and a message that says what is wrong."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from sync.server.cli import main
from tests.server.conftest import KELURAHAN, OTHER_KELURAHAN


class Ran(NamedTuple):
    code: int
    out: str
    err: str


Cli = Callable[..., Ran]


@pytest.fixture
def cli(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`rt-server ARGS` in this process against a fresh database whose kelurahan KELURAHAN has
    RTs 001–011 listed."""
    def run(*args: str) -> Ran:
        code = main(["--database-url", db_url, "--data-dir", str(tmp_path / "srv"), *args])
        out, err = capsys.readouterr()
        return Ran(code, out, err)
    assert run("admin", "init").code == 0
    assert run("admin", "rt", "add", KELURAHAN, "1-11").code == 0
    return run


def setting(cli: Cli, key: str) -> str:
    shown = cli("admin", "settings", "show").out.splitlines()
    return dict(line.split(" = ", 1) for line in shown)[key]


@pytest.mark.parametrize("value", ["1", "2", "0"])
def test_a_suppression_threshold_below_3_is_refused(cli: Cli, value: str) -> None:
    refused = cli("admin", "settings", "set", "suppression_threshold", value)
    assert refused.code == 2
    assert "from 3 to 100" in refused.err and "never" in refused.err
    assert setting(cli, "suppression_threshold") == "3"


def test_a_suppression_threshold_of_3_or_more_is_kept(cli: Cli) -> None:
    assert cli("admin", "settings", "set", "suppression_threshold", "5").code == 0
    assert setting(cli, "suppression_threshold") == "5"


@pytest.mark.parametrize("url", ["http://example.org/x", "http://localhost:8000/rt-desktop",
                                 "example.org/x", "ftp://example.org/x", "https://",
                                 "https://example.org/rt desktop",
                                 "https://[::1/x"])
def test_a_download_url_that_is_not_https_is_refused(cli: Cli, url: str) -> None:
    refused = cli("admin", "settings", "set", "download_url", url)
    assert refused.code == 2 and "https://" in refused.err
    assert setting(cli, "download_url") == ""


@pytest.mark.parametrize("url", ["https://rt.balikpapan.example/unduh", ""])
def test_an_https_download_url_or_none_is_kept(cli: Cli, url: str) -> None:
    assert cli("admin", "settings", "set", "download_url", url).code == 0
    assert setting(cli, "download_url") == url


@pytest.mark.parametrize("version", ["banana", "0.2.0-beta", "1.0.0rc1", "0.02.0",
                                     "1..2", "v"])
def test_a_latest_app_version_laptops_cannot_compare_is_refused(cli: Cli, version: str) -> None:
    before = setting(cli, "latest_app_version")
    refused = cli("admin", "settings", "set", "latest_app_version", version)
    assert refused.code == 2 and "like 0.2.0" in refused.err
    assert setting(cli, "latest_app_version") == before


@pytest.mark.parametrize("version", ["0.2.0", "v1.10.3", "2", ""])
def test_a_latest_app_version_of_numbers_is_kept(cli: Cli, version: str) -> None:
    assert cli("admin", "settings", "set", "latest_app_version", version).code == 0
    assert setting(cli, "latest_app_version") == version


@pytest.mark.parametrize("key", ["contact.sapa_129", "contact.uptd_ppa"])
@pytest.mark.parametrize("text", ["call Bu Ani", "0542-123456 ext. 3", "12", "0542+123",
                                  "０５４２１２３", "1234567890123456"])
def test_a_contact_that_is_not_a_phone_number_is_refused(cli: Cli, key: str, text: str) -> None:
    before = setting(cli, key)
    refused = cli("admin", "settings", "set", key, text)
    assert refused.code == 2 and "phone number" in refused.err
    assert setting(cli, key) == before


@pytest.mark.parametrize("key", ["contact.sapa_129", "contact.uptd_ppa"])
@pytest.mark.parametrize("number", ["129", "0542-123456", "+62 542 (123) 456", "08111-129-129"])
def test_a_phone_number_is_kept(cli: Cli, key: str, number: str) -> None:
    assert cli("admin", "settings", "set", key, number).code == 0
    assert setting(cli, key) == number


def test_the_uptd_ppa_number_may_be_emptied_but_sapa_129_may_not(cli: Cli) -> None:
    """Empty UPTD PPA: laptops say "Nomor belum tersedia" and point to SAPA 129, which is
    always there — so SAPA 129 itself cannot be empty."""
    cli("admin", "settings", "set", "contact.uptd_ppa", "0542-123456")
    assert cli("admin", "settings", "set", "contact.uptd_ppa", "").code == 0
    assert setting(cli, "contact.uptd_ppa") == ""
    refused = cli("admin", "settings", "set", "contact.sapa_129", "")
    assert refused.code == 2 and "phone number" in refused.err
    assert setting(cli, "contact.sapa_129") == "129"


def test_the_uptd_ppa_contact_may_be_the_form_laptops_read_with_whatsapp(cli: Cli) -> None:
    both = '{"phone": "0542-123456", "whatsapp": "0811-2222-333", "note": "Senin–Jumat"}'
    assert cli("admin", "settings", "set", "contact.uptd_ppa", both).code == 0
    assert setting(cli, "contact.uptd_ppa") == both


@pytest.mark.parametrize("text", ['{"phone": "Bu Ani"}', '{"note": "no number"}',
                                  '{"phone": "0542-1", "whatsap": "0811-2"}', '{"phone": 542}',
                                  '{"phone": "0542-1"'])
def test_a_uptd_ppa_contact_form_without_proper_numbers_is_refused(cli: Cli, text: str) -> None:
    refused = cli("admin", "settings", "set", "contact.uptd_ppa", text)
    assert refused.code == 2 and "phone number" in refused.err
    assert setting(cli, "contact.uptd_ppa") == ""


def volunteer_code(cli: Cli, kelurahan: str, rt: str, *options: str) -> Ran:
    return cli("admin", "issue-code", "--role", "volunteer", "--kelurahan", kelurahan,
               "--rt", rt, *options)


def test_no_code_for_an_rt_missing_from_the_kelurahans_list(cli: Cli) -> None:
    refused = volunteer_code(cli, KELURAHAN, "020")
    assert refused.code == 2 and refused.out == ""
    assert "RT 020" in refused.err and f"rt-server admin rt add {KELURAHAN} 20" in refused.err


def test_codes_for_a_listed_rt_and_for_any_rt_of_a_kelurahan_without_a_list(cli: Cli) -> None:
    assert volunteer_code(cli, KELURAHAN, "11").code == 0
    unlisted = volunteer_code(cli, OTHER_KELURAHAN, "020")
    assert unlisted.code == 0 and f"{OTHER_KELURAHAN} RT 020" in unlisted.out


@pytest.mark.parametrize("kecamatan", ["64.71.03", "Atlantis"])
def test_a_volunteer_code_with_a_kecamatan_says_the_kecamatan_is_the_problem(
        cli: Cli, kecamatan: str) -> None:
    refused = volunteer_code(cli, KELURAHAN, "007", "--kecamatan", kecamatan)
    assert refused.code == 2 and refused.out == ""
    assert "not --kecamatan" in refused.err and "needs" not in refused.err


@pytest.mark.parametrize("expires", ["91d", "13w", "2161h", "99999d", "10000000000d"])
def test_a_code_valid_for_more_than_90_days_is_refused(cli: Cli, expires: str) -> None:
    refused = volunteer_code(cli, KELURAHAN, "007", "--expires", expires)
    assert refused.code == 2 and refused.out == ""
    assert "too long" in refused.err and "90d" in refused.err


@pytest.mark.parametrize("expires", ["90d", "12w", "2160h", "30m"])
def test_a_code_valid_for_up_to_90_days_is_issued(cli: Cli, expires: str) -> None:
    assert volunteer_code(cli, KELURAHAN, "007", "--expires", expires).code == 0


def rt_list(cli: Cli) -> dict[str, bool]:
    listed = cli("admin", "rt", "list", "--kelurahan", KELURAHAN, "--json").out
    return {row["rt"]: row["active"] for row in json.loads(listed)}


def test_a_range_written_backwards_is_refused(cli: Cli) -> None:
    refused = cli("admin", "rt", "add", KELURAHAN, "20-12")
    assert refused.code == 2 and "20-12" in refused.err and "12-20" in refused.err
    assert "012" not in rt_list(cli)


def test_rt_add_counts_each_rt_once(cli: Cli) -> None:
    added = cli("admin", "rt", "add", KELURAHAN, "12", "12", "012", "12-13")
    assert added.code == 0 and added.out.strip() == "2 RT listed as active"
    assert {"012", "013"} <= rt_list(cli).keys()


@pytest.mark.parametrize("text", ["-5", "1-x", "abc", "0", "5-", "1-2-3"])
def test_a_bad_rt_is_refused_with_what_was_typed(cli: Cli, text: str) -> None:
    refused = cli("admin", "rt", "add", KELURAHAN, "--", text)
    assert refused.code == 2 and f"“{text}”" in refused.err
    assert len(rt_list(cli)) == 11



@pytest.mark.parametrize(("command", "state"), [("deactivate", "inactive"),
                                                ("activate", "active")])
def test_rt_activate_and_deactivate_print_the_rt_as_three_digits(cli: Cli, command: str,
                                                                 state: str) -> None:
    done = cli("admin", "rt", command, KELURAHAN, "9")
    assert done.code == 0 and done.out.strip() == f"RT 009: {state}"
    assert rt_list(cli)["009"] is (state == "active")
