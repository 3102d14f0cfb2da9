"""Treatment limitations (Consent, e.g. HLR-minus) as titles that say plainly what is refused.

A Consent is a treatment limitation when it is active and its scope is ``treatment``, or its
scope or category names HLR or a behandlingsavklaring (kjernejournal category 11,
KjConsentBehandlingsavklaring). What it decides is in ``provision`` and its nested provisions,
each with its own ``type``, one line per action in ``code``:

- ``deny``: the action is refused. Cardiopulmonary resuscitation (SNOMED CT 89666000 or
  439569004, or text naming HLR, CPR or resuscitation) reads "HLR-minus: no cardiopulmonary
  resuscitation"; anything else "Not: <action>", unless its text already says no.
- ``permit``: the action is allowed, so it is never shown as a limitation (HLR-pluss is none).
- no type: unclear, unless the record says it outright (a ``dnr`` category, or a text such as
  "HLR-minus: ikke hjerte-lunge-redning"); otherwise "Unclear whether allowed or refused: …".

A consent that names no action is titled by its category (``dnr`` -> HLR-minus) or category
text, unless its provision permits. A consent that only permits is no limitation at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

from clinical.fhir_read import (
    FhirResource,
    as_list,
    concept_codes,
    concept_text,
    concepts_codes,
    dicts,
    extensions,
    first_concept_text,
    parse_date,
    period,
    reference_display,
    text,
)
from ui.presenters import wording
from ui.presenters.critical_item import CriticalItem

CPR_CODES: Final = frozenset({"89666000", "439569004"})  # SNOMED CT: CPR, resuscitation
DNR_CATEGORY: Final = "dnr"  # consentcategorycodes: Do Not Resuscitate
_CPR_WORDS: Final = re.compile(
    r"\bhlr\b|lunge-?\s*redning|gjenoppliv|\bcpr\b|resuscitat", re.IGNORECASE
)
# Texts that carry their own "no", so adding one would make a double negative.
_SAYS_NO: Final = re.compile(r"\bikke\b|\bnot\b|\bminus\b|\bdnr\b|\bavstå\b", re.IGNORECASE)
_LIMITATION_WORDS: Final = ("hlr", "behandlingsavklaring")
# Nested provisions deeper than this are not clinical data; stop rather than walk junk.
_MAX_DEPTH: Final = 8


def is_treatment_limitation(resource: FhirResource) -> bool:
    """Whether an active Consent is about treatment (limitations such as HLR-minus)."""
    if text(resource.get("status")) != "active":
        return False
    words = " ".join(
        [
            concept_text(resource.get("scope")),
            *(concept_text(c) for c in as_list(resource.get("category"))),
        ]
    ).lower()
    scope_codes = concept_codes(resource.get("scope")) | concepts_codes(resource.get("category"))
    return "treatment" in scope_codes or any(w in words for w in _LIMITATION_WORDS)


def _provisions(top: Any) -> Iterator[Mapping[str, Any]]:
    """The provision and its nested provisions, depth first."""
    stack = [(p, 0) for p in reversed(dicts(top))]
    while stack:
        provision, depth = stack.pop()
        yield provision
        if depth < _MAX_DEPTH:
            stack += [(p, depth + 1) for p in reversed(dicts(provision.get("provision")))]


def _is_cpr(concept: Any) -> bool:
    return bool(concept_codes(concept) & CPR_CODES) or bool(
        _CPR_WORDS.search(concept_text(concept))
    )


def action_title(concept: Any, provision_type: str, *, dnr: bool) -> str | None:
    """How one action of a provision reads, or None when it is allowed (not a limitation)."""
    if provision_type == "permit":
        return None
    action = concept_text(concept) or "?"
    cpr = _is_cpr(concept)
    says_no = bool(_SAYS_NO.search(action))
    if provision_type == "deny":
        if cpr:
            return wording.hlr_minus()
        return action if says_no else wording.refused(action)
    if cpr and (dnr or says_no):
        return wording.hlr_minus()
    return action if says_no else wording.unclear(action)


def _titles(resource: FhirResource) -> list[str]:
    dnr = DNR_CATEGORY in concepts_codes(resource.get("category"))
    titles: list[str] = []
    named_any = False
    for provision in _provisions(resource.get("provision")):
        provision_type = text(provision.get("type"))
        for concept in as_list(provision.get("code")):
            named_any = True
            title = action_title(concept, provision_type, dnr=dnr)
            if title is not None and title not in titles:
                titles.append(title)
    if named_any:
        return titles
    top = resource.get("provision")
    if isinstance(top, Mapping) and text(top.get("type")) == "permit":
        return []
    if dnr:
        return [wording.hlr_minus()]
    return [first_concept_text(resource.get("category")) or concept_text(resource.get("scope"))]


def treatment_limitation_items(resource: FhirResource) -> list[CriticalItem]:
    """One line per refused (or unclear) action of a treatment-limitation Consent."""
    by = ", ".join(
        d for d in (reference_display(p) for p in as_list(resource.get("performer"))) if d
    )
    policy = resource.get("policyRule")
    detail = concept_text(policy) if isinstance(policy, Mapping) else ""
    for note_ext in extensions(resource, "note"):
        detail = " ".join(p for p in (detail, text(note_ext.get("valueString"))) if p)
    top = resource.get("provision")
    _, until = period(top.get("period")) if isinstance(top, Mapping) else (None, None)
    return [
        CriticalItem(
            id=text(resource.get("id")),
            title=title or "?",
            detail=detail,
            since=parse_date(resource.get("dateTime")),
            until=None if until is None else until.date(),
            by=by,
        )
        for title in _titles(resource)
    ]
