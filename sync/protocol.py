"""Wire protocol v1 between RT Desktop devices and the city server (docs/protocol.md).

Pydantic v2 models used by BOTH ends: the server validates requests and answers with them, the
client builds requests and parses answers with them. Field values travel in row form
(:func:`rt_desktop.records.to_row`: ISO dates, ``HH:MM`` times, JSON text for multi-choice fields,
0/1 for booleans). Pure: no I/O, imports only pydantic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = [
    "PROTOCOL_VERSION", "PROTOCOL_HEADER", "API_PREFIX", "MAX_PUSH_CHANGES", "MAX_PULL_LIMIT",
    "DEFAULT_PULL_LIMIT", "MAX_BODY_BYTES", "GZIP_MIN_BYTES", "PULL_ACK_HEADER",
    "PULL_NEWS_HEADER", "PULL_ORDER", "format_cursors", "parse_cursors", "MAX_OWN_RANGES",
    "format_ranges", "parse_ranges",
    "HlcForm",
    "CONFLICT_TYPE",
    "CONFLICT_FIELDS", "CONFLICT_RESOLUTION_FIELDS", "UPTD_WRITABLE_FIELDS", "RecordTypeName",
    "Role", "ScopeLevel", "ChangeStatus", "Health", "EnrolRequest", "Scope", "Settings",
    "EnrolResponse", "Change", "PushRequest", "ProblemOut", "ChangeResult", "PushResponse",
    "PulledRecord", "PullResponse", "UpgradeRequired", "ErrorBody", "major_version",
    "minor_version", "PROTOCOL_MINOR", "app_version_parts",
    "ROLE_HEADER",
]

PROTOCOL_VERSION = 1
#: What this client speaks within version 1, sent as ``1.<minor>``; a server sends a newer key
#: only to a client that says so. 1: push answers may carry ``seq`` and ``updated_at``
#: (ChangeResult). 2: the settings may carry ``rt_lists`` (Settings).
PROTOCOL_MINOR = 2
PROTOCOL_HEADER = "X-RT-Protocol"
#: Sent with ``/enrol``: the role the laptop was set up for. A server refuses a code for
#: another role before using it up (an older server ignores the header).
ROLE_HEADER = "X-RT-Role"
API_PREFIX = "/api/v1"

MAX_PUSH_CHANGES = 500          # changes in one push
MAX_PULL_LIMIT = 1000           # records in one pull page
DEFAULT_PULL_LIMIT = 500
# A request body, after gzip is undone. 500 changes of ordinary size are well under 2 MB; a
# client that meets 413 splits its batch (a lone change this big is refused for good).
MAX_BODY_BYTES = 8 * 1024 * 1024
PULL_ACK_HEADER = "X-RT-Pull-Acked"  # the server took the `ack` parameter of /pull
# The answer to /pull's `others` (the cursors of the types a device will pull after this one):
# those of them with anything newer in the device's scope, space-separated (may be empty).
PULL_NEWS_HEADER = "X-RT-Pull-News"
# `hlc_form` of /pull: "groups" sends each record's clocks grouped by timestamp (see
# PulledRecord.hlc) — a third of the page's size; "map" (the default) as field → timestamp.
HlcForm = Literal["map", "groups"]
GZIP_MIN_BYTES = 1024           # the client gzips bodies above this

CONFLICT_TYPE = "conflict"
# Record types in the order a device pulls them: parents before children, conflicts last.
PULL_ORDER: tuple[str, ...] = ("parenting_session", "incident", "referral", "follow_up",
                               CONFLICT_TYPE)


def format_cursors(cursors: Mapping[str, int]) -> str:
    """``/pull``'s ``others``: ``type:cursor`` pairs, comma-separated."""
    return ",".join(f"{record_type}:{int(cursor)}" for record_type, cursor in cursors.items())


def _whole(text: str, digits: int) -> int | None:
    """``text`` as a whole number of at most ``digits`` ASCII digits, else None."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= digits else None


def _seq(text: str) -> int | None:
    """A cursor or seq from a query: a whole number from 0 to 2**62, else None."""
    number = _whole(text, 19)
    return number if number is not None and number <= 2**62 else None


def parse_cursors(text: str) -> dict[str, int]:
    """What :func:`format_cursors` wrote; ``""`` is no cursors.

    :raises ValueError: for an unknown record type or an empty piece, a type named twice, or
        a cursor that is not a whole number from 0 to 2**62 (the message repeats no input
        but a known type's name)
    """
    cursors: dict[str, int] = {}
    for part in text.split(",") if text else ():
        record_type, _, number = part.partition(":")
        if record_type not in PULL_ORDER:
            raise ValueError("others: not a record type of PULL_ORDER (type:cursor,…)")
        if record_type in cursors:
            raise ValueError(f"others: {record_type} named twice")
        if (cursor := _seq(number)) is None:
            raise ValueError(f"others: the cursor of {record_type} is not a whole number "
                             "from 0 to 2**62")
        cursors[record_type] = cursor
    return cursors


#: At most this many seq ranges in /pull's ``own`` (one per push batch of the sync): a longer
#: sync sends its last ones, and the records of the others come back (harmless).
MAX_OWN_RANGES = 64


def format_ranges(ranges: Sequence[tuple[int, int]]) -> str:
    """``/pull``'s ``own``: ``low-high`` seq ranges, comma-separated (the last
    :data:`MAX_OWN_RANGES`)."""
    return ",".join(f"{int(low)}-{int(high)}" for low, high in ranges[-MAX_OWN_RANGES:])


def parse_ranges(text: str) -> list[tuple[int, int]]:
    """What :func:`format_ranges` wrote; ``""`` is none.

    :raises ValueError: for more than :data:`MAX_OWN_RANGES`, or a piece that is not
        ``low-high`` with whole numbers 1 ≤ low ≤ high ≤ 2**62 (the message repeats no input)
    """
    parts = text.split(",") if text else []
    if len(parts) > MAX_OWN_RANGES:
        raise ValueError(f"own: at most {MAX_OWN_RANGES} ranges")
    ranges: list[tuple[int, int]] = []
    for part in parts:
        low, _, high = (_seq(n) for n in part.partition("-"))
        if low is None or high is None or not 1 <= low <= high:
            raise ValueError("own: not low-high seq ranges (1 ≤ low ≤ high ≤ 2**62), "
                             "comma-separated")
        ranges.append((low, high))
    return ranges


# The content fields of a conflict entry (server-made; see docs/protocol.md).
CONFLICT_FIELDS: tuple[str, ...] = (
    "parent_type", "parent_id", "field", "losing_value", "losing_hlc", "losing_device_id",
    "winning_hlc", "resolved", "resolved_by", "resolved_at")
# What a device may push for a conflict entry: marking it resolved.
CONFLICT_RESOLUTION_FIELDS = frozenset({"resolved", "resolved_by", "resolved_at"})
# What a UPTD PPA device may push, and only for a referral to UPTD PPA.
UPTD_WRITABLE_FIELDS = frozenset({"status", "response_note", "status_updated_on"})

RecordTypeName = Literal["parenting_session", "incident", "referral", "follow_up", "conflict"]
Role = Literal["volunteer", "coordinator", "uptd"]
ScopeLevel = Literal["rt", "kelurahan", "kecamatan", "kota"]
ChangeStatus = Literal["applied", "duplicate", "merged", "rejected"]

_UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# ASCII digits only: the regex engine's \d would take other scripts' digits too.
_RT_OR_EMPTY = r"^([0-9]{3})?$"
_RT = r"^[0-9]{3}$"
_KELURAHAN_OR_EMPTY = r"^([0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4})?$"
_KELURAHAN = r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$"


def major_version(header: str | None) -> int | None:
    """The major protocol version in a header value (``"1"``, ``"1.2"``), else None."""
    return _whole(header.strip().partition(".")[0], 5) if header else None


def minor_version(header: str | None) -> int:
    """The minor protocol version in a header value (``"1.2"`` → 2; ``"1"`` or garbage → 0)."""
    return _whole((header or "").strip().partition(".")[2], 5) or 0


def app_version_parts(text: str) -> tuple[int, ...]:
    """The numbers of an app version as a device compares them with its own
    (``Settings.latest_app_version``): ``"v0.10.2"`` → ``(0, 10, 2)``. Lenient, since a device
    must cope with whatever a server sends: a leading ``v`` is dropped and each dot-separated
    part counts as the number its digits make (none: 0)."""
    out = []
    for piece in text.strip().lstrip("v").split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        out.append(int(digits) if digits else 0)
    return tuple(out)


class _Model(BaseModel):
    # Unknown keys are refused: a typo in a field name must not be silently dropped.
    model_config = ConfigDict(extra="forbid")


class _Answer(_Model):
    # What a server answers: a key this client does not know yet is ignored, so that a newer
    # server may add one (an addition is not a new major version, docs/protocol.md).
    model_config = ConfigDict(extra="ignore")


class Health(_Answer):
    status: Literal["ok"] = "ok"
    protocol: int = PROTOCOL_VERSION
    server_time: str


class EnrolRequest(_Model):
    code: str = Field(min_length=4, max_length=64)
    device_id: str = Field(pattern=_UUID, description="the device's own UUID (store meta)")
    device_tag: str = Field(min_length=1, max_length=16)
    app_version: str = Field(max_length=40)
    kelurahan_code: str = Field("", pattern=_KELURAHAN_OR_EMPTY,
                                description='"" for coordinator/uptd devices')
    rt: str = Field("", pattern=_RT_OR_EMPTY, description='"007"; "" for coordinator/uptd')


class Scope(_Answer):
    level: ScopeLevel
    code: str = Field(description="wilayah code: kelurahan, kecamatan or kota (64.71)")
    rt: str | None = None


class Settings(_Answer):
    contacts: dict[str, str] = Field(description='{"sapa_129": …, "uptd_ppa": …}')
    suppression_threshold: int = 3
    latest_app_version: str = ""
    download_url: str = ""
    # Sent only to a client of minor version ≥ 2 (1.0 clients refused unknown keys).
    rt_lists: dict[Annotated[str, StringConstraints(pattern=_KELURAHAN)],
                   dict[Annotated[str, StringConstraints(pattern=_RT)], bool]] | None = Field(
        default=None, description="(protocol 1.2) the RT lists of the device's area — its "
        "kelurahan (volunteer), or each kelurahan of its kelurahan, kecamatan or the city "
        '(coordinator): kelurahan code → {RT: active}, e.g. {"64.71.03.1004": {"001": true, '
        '"005": false}}; a kelurahan without a list is absent. The device makes its own lists '
        "exactly this. Absent (UPTD PPA, or a server before 1.2): the device keeps what it has")


class EnrolResponse(_Answer):
    device_id: str
    token: str
    role: Role
    scope: Scope
    server_time: str
    settings: Settings


class Change(_Model):
    change_id: str = Field(pattern=_UUID)
    record_type: RecordTypeName
    record_id: str = Field(pattern=_UUID)
    base_rev: int = Field(ge=0, le=2**62)
    kelurahan_code: str = Field(pattern=_KELURAHAN)
    rt: str = Field(pattern=_RT)
    fields: dict[str, Any] = Field(description="changed fields in row form; a create has all")
    hlc: dict[str, str] = Field(description="HLC timestamp of each changed field")
    created_at: str = Field("", max_length=40)
    created_by: str = Field("", max_length=200)


class PushRequest(_Model):
    changes: list[Change] = Field(max_length=MAX_PUSH_CHANGES)


class ProblemOut(_Answer):
    field: str
    code: str
    message_id: str
    message_en: str


class ChangeResult(_Answer):
    change_id: str
    status: ChangeStatus
    rev: int = 0
    reason: str | None = None
    problems: list[ProblemOut] = []
    attention: list[str] = []
    # Sent only to a client of minor version ≥ 1 (older clients refused unknown keys).
    seq: int = Field(0, description="(protocol 1.1) set when the record is now exactly as this "
                     "device sent it (applied, or a duplicate whose record is still as that "
                     "change left it): its place in the change sequence, for the pull's "
                     "`own`. 0 otherwise")
    updated_at: str | None = Field(None, description="(protocol 1.1) with `seq`: the record's "
                                   "`updated_at` as the server stored it")


class PushResponse(_Answer):
    results: list[ChangeResult]
    server_time: str


class PulledRecord(_Answer):
    record_type: RecordTypeName
    id: str
    kelurahan_code: str
    rt: str
    rev: int
    seq: int
    deleted: bool
    fields: dict[str, Any] = Field(description="content fields in row form (no `deleted`)")
    hlc: dict[str, str] | list[tuple[str, str]] = Field(
        description="per-field HLC, `deleted` included: `{field: timestamp}`, or with "
        "`hlc_form=groups` `[[timestamp, \"field field …\"], …]` (each timestamp once, "
        "ascending; the fields it stamps, space-separated and sorted)")
    created_at: str
    updated_at: str
    created_by: str
    device_id: str
    attention: list[str] = []


class PullResponse(_Answer):
    records: list[PulledRecord]
    cursor: int = Field(description="seq of the last record in the page, or `since`")
    more: bool
    server_time: str


class UpgradeRequired(_Answer):
    """The body of a 426: the client is told to update, and where."""

    detail: str
    latest_app_version: str
    download_url: str


class ErrorBody(_Answer):
    detail: Any
