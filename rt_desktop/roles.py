"""What a device is enrolled as (DESIGN.md §5), and each role in words.

A volunteer's store belongs to one RT; a coordinator's (read-only) and an UPTD PPA's (referral
status only) to no RT. Pure: the server and the laptop both read it.
"""

from __future__ import annotations

__all__ = ["ROLES", "role_in_words"]

ROLES = ("volunteer", "coordinator", "uptd")
_WORDS = {"volunteer": ("relawan", "volunteer"), "coordinator": ("koordinator", "coordinator"),
          "uptd": ("UPTD PPA", "UPTD PPA")}


def role_in_words(role: str) -> tuple[str, str]:
    """A role in Bahasa Indonesia and English (what the CLI and the enrolment say); an unknown
    one as it is."""
    return _WORDS.get(role, (role, role))
