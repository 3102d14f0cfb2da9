"""The signed-in user as the author of notes and handovers, and whether a record is theirs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from clinical.fhir_read import dicts, reference_id, text
from clinical.records import Staff
from clinical.records.authorship import Author

if TYPE_CHECKING:
    from offline import Store


def author_of(store: Store, staff: Staff) -> Author:
    """``staff`` with their stored PractitionerRole (the first active one), if the store has one;
    else the role travels contained in each record (``clinical.records.authorship``)."""
    roles = store.referencing(
        f"Practitioner/{staff.practitioner_id}", resource_type="PractitionerRole"
    )
    for role in roles:
        if role.get("active") is False or not text(role.get("id")):
            continue
        organization = role.get("organization")
        return Author(
            staff,
            practitioner_role_id=str(role["id"]),
            organization=organization if isinstance(organization, Mapping) else None,
        )
    return Author(staff)


def written_by(resource: Mapping[str, Any], author: Author) -> bool:
    """Whether ``resource`` (a note or a handover) names ``author`` as its author: their stored
    PractitionerRole, or a contained role (or a direct reference) of their Practitioner."""
    practitioner = author.staff.practitioner_id
    for ref in dicts(resource.get("author")):
        target = text(ref.get("reference"))
        if (
            author.practitioner_role_id
            and target == f"PractitionerRole/{author.practitioner_role_id}"
        ):
            return True
        if reference_id(ref, "Practitioner") == practitioner:
            return True
        if target.startswith("#"):
            for contained in dicts(resource.get("contained")):
                if contained.get("id") == target[1:] and (
                    reference_id(contained.get("practitioner"), "Practitioner") == practitioner
                ):
                    return True
    return False
