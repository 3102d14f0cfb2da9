"""A realistic sync conflict: a dose documented as given offline, as not given on the server."""

from __future__ import annotations

from app.values import Conflict

CONFLICT = Conflict(
    id="c1",
    resource_type="MedicationAdministration",
    title="MedicationAdministration",
    local={
        "resourceType": "MedicationAdministration",
        "id": "ma-1",
        "status": "completed",
        "medicationReference": {"reference": "Medication/eliquis", "display": "Eliquis 2,5 mg"},
        "effectiveDateTime": "2025-03-12T08:00:00+01:00",
        "dosage": {
            "dose": {"value": 1, "unit": "tablett"},
            "route": {"coding": [{"code": "26643006", "display": "Oral bruk"}]},
        },
        "performer": [{"actor": {"reference": "Practitioner/kari", "display": "Kari Nordmann"}}],
        "note": [{"text": "Gitt med yoghurt"}],
    },
    server={
        "resourceType": "MedicationAdministration",
        "id": "ma-1",
        "status": "not-done",
        "statusReason": [
            {
                "coding": [
                    {
                        "system": "urn:oid:2.16.578.1.12.4.1.1.7499",
                        "code": "2",
                        "display": "Pasienten sov",
                    }
                ]
            }
        ],
        "medicationReference": {"reference": "Medication/eliquis", "display": "Eliquis 2,5 mg"},
        "effectiveDateTime": "2025-03-12T08:00:00+01:00",
        "performer": [{"actor": {"reference": "Practitioner/ola", "display": "Ola Hansen"}}],
    },
)
