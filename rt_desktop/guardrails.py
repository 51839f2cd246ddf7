"""The legal guardrails of DESIGN.md §3, in one pure module that devices and the server share.

- Sexual violence in any form is never settled at RT level: no RT mediation, no closing as
  settled at the RT, no status "ditangani di RT", no referral for UPTD PPA's *mediasi* service;
  once past "baru" it must have a referral (UU 12/2022 TPKS Pasal 4 and 23).
- Risk ``tinggi``/``darurat``: once past "baru" it must have a referral.
- A referral needs recorded consent (by whom) or an override reason; a referral to UPTD PPA names
  the service needed.

A referral counts when it is not deleted and not declined (``ditolak``). The ``forbidden_*``
helpers let the UI disable options before the volunteer picks them.
"""

from __future__ import annotations

from collections.abc import Sequence

from rt_desktop.problems import CATALOGUE, Problem
from rt_desktop.records import Incident, Referral

__all__ = [
    "HIGH_RISK_LEVELS",
    "active_referrals",
    "check_incident",
    "check_referral",
    "explain_sexual_violence_rule",
    "forbidden_closing_reasons",
    "forbidden_rt_handling",
    "forbidden_statuses",
    "forbidden_uptd_services",
    "is_sexual_violence",
    "requires_referral",
]

HIGH_RISK_LEVELS = frozenset({"tinggi", "darurat"})
_NONE: frozenset[str] = frozenset()
# Closing reasons that mean "settled at the RT": mediation, or support by the RT alone.
_RT_CLOSINGS = {"mediasi_rt": "sexual_violence_mediation",
                "pendampingan_rt": "sexual_violence_rt_closing"}


def is_sexual_violence(incident: Incident) -> bool:
    """True for sexual violence in any form: ``seksual`` ticked, any form of it given, or
    exploitation / trafficking marked as for sexual purposes.

    The two "for sexual purposes" marks count even when ``eksploitasi``/``tppo`` is not ticked
    (validation asks for the tick): a forgotten tick must not open the way to mediation.
    """
    return ("seksual" in (incident.violence_types or ())
            or bool(incident.sexual_violence_forms)
            or bool(incident.exploitation_sexual)
            or bool(incident.trafficking_sexual))


def requires_referral(incident: Incident) -> bool:
    """True when the case must be referred once it is past status ``baru``."""
    return is_sexual_violence(incident) or incident.risk_level in HIGH_RISK_LEVELS


def active_referrals(incident: Incident, referrals: Sequence[Referral]) -> list[Referral]:
    """The referrals that count for ``incident``: not deleted, not declined, and not made for
    another case (a referral without an incident id yet is being saved with it)."""
    return [r for r in referrals
            if not r.deleted and r.status != "ditolak"
            and not (incident.id and r.incident_id and r.incident_id != incident.id)]


def forbidden_closing_reasons(incident: Incident) -> frozenset[str]:
    return frozenset(_RT_CLOSINGS) if is_sexual_violence(incident) else _NONE


def forbidden_rt_handling(incident: Incident) -> frozenset[str]:
    return frozenset({"mediasi"}) if is_sexual_violence(incident) else _NONE


def forbidden_statuses(incident: Incident) -> frozenset[str]:
    return frozenset({"ditangani_rt"}) if is_sexual_violence(incident) else _NONE


def forbidden_uptd_services(incident: Incident | None) -> frozenset[str]:
    if incident is not None and is_sexual_violence(incident):
        return frozenset({"mediasi"})
    return _NONE


def explain_sexual_violence_rule(lang: str = "id") -> str:
    """One sentence for the UI: why mediation is not offered for sexual violence."""
    return CATALOGUE["sexual_violence_mediation"][1 if lang == "en" else 0]


def check_incident(incident: Incident, referrals: Sequence[Referral]) -> list[Problem]:
    """The guardrail problems of an incident, given its referrals (stored and being saved;
    deleted and declined ones are ignored here). A deleted incident has none."""
    if incident.deleted:
        return []
    problems: list[Problem] = []
    sexual = is_sexual_violence(incident)
    if sexual:
        if "mediasi" in (incident.rt_handling or ()):
            problems.append(Problem("rt_handling", "sexual_violence_mediation"))
        if incident.closing_reason in _RT_CLOSINGS:
            problems.append(Problem("closing_reason", _RT_CLOSINGS[incident.closing_reason]))
        if incident.status in forbidden_statuses(incident):
            problems.append(Problem("status", "sexual_violence_rt_status"))
    past_new = incident.status not in (None, "", "baru")
    if past_new and not active_referrals(incident, referrals):
        if sexual:
            problems.append(Problem("referral", "sexual_violence_needs_referral"))
        elif incident.risk_level in HIGH_RISK_LEVELS:
            problems.append(Problem("referral", "high_risk_needs_referral"))
        elif incident.status == "dirujuk":
            problems.append(Problem("referral", "referred_without_referral"))
    return problems


def check_referral(referral: Referral, incident: Incident | None) -> list[Problem]:
    """The guardrail problems of a referral; ``incident`` (if known) is the case referred.
    A deleted referral has none."""
    if referral.deleted:
        return []
    problems: list[Problem] = []
    overridden = bool((referral.consent_override_reason or "").strip())
    if not referral.consent_by and not overridden:
        problems.append(Problem("consent_by", "consent_missing"))
    elif (incident is not None and incident.victim_category == "anak" and not overridden
          and not set(referral.consent_by) & {"orang_tua", "wali"}):
        # A child's data is shared only with a parent's or guardian's consent (UU 27/2022
        # Pasal 25); when they cannot be asked (the abuser is a parent), the override applies.
        problems.append(Problem("consent_by", "consent_child_needs_guardian"))
    if referral.destination == "uptd_ppa":
        if not referral.uptd_service:
            problems.append(Problem("uptd_service", "uptd_service_required"))
    elif referral.destination and referral.uptd_service:
        problems.append(Problem("uptd_service", "uptd_service_only_uptd"))
    if referral.uptd_service in forbidden_uptd_services(incident):
        problems.append(Problem("uptd_service", "sexual_violence_uptd_mediation"))
    return problems
