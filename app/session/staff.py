"""Who a signed-in person is as a performer of clinical records (``clinical.records.Staff``)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from clinical.codes import HPR_NUMMER
from clinical.records import Staff

if TYPE_CHECKING:
    from client.oidc import Identity
    from offline import Store


def practitioner_id_for(identity: Identity) -> str:
    """A stable Practitioner id for a signed-in person not (yet) known to the store."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, identity.issuer + identity.subject))


def staff_for(identity: Identity, *, store: Store | None = None) -> Staff:
    """The person as a performer: their Practitioner in ``store`` when it knows the HPR number,
    else a stable id of their own; their first Volven 9060 category as role."""
    practitioner_id = practitioner_id_for(identity)
    if identity.hpr_number and store is not None:
        for found in store.find_by_identifier(HPR_NUMMER, identity.hpr_number):
            if found.get("resourceType") == "Practitioner":
                practitioner_id = str(found["id"])
    return Staff(
        practitioner_id=practitioner_id,
        name=identity.display_name,
        hpr=identity.hpr_number,
        role=identity.categories[0] if identity.categories else None,
    )
