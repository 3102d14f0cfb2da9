"""A logical patient reference is read exactly: system and value, whitespace trimmed only."""

from __future__ import annotations

import pytest

from clinical import codes
from clinical.welfare.logical import LogicalId, logical_patient, patient_identifiers

FNR = "05073500186"


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        (
            {"subject": {"identifier": {"system": codes.FODSELSNUMMER, "value": FNR}}},
            LogicalId(codes.FODSELSNUMMER, FNR),
        ),
        (  # a public VKP example has a leading space
            {"patient": {"identifier": {"system": codes.D_NUMMER, "value": f" {FNR} "}}},
            LogicalId(codes.D_NUMMER, FNR),
        ),
        (  # a literal reference decides, even beside an identifier
            {
                "subject": {
                    "reference": "Patient/p1",
                    "identifier": {"system": codes.FODSELSNUMMER, "value": FNR},
                }
            },
            None,
        ),
        ({"subject": {"display": "Ærlend Sørgård"}}, None),  # never by name
        ({"subject": {"identifier": {"system": codes.FODSELSNUMMER, "value": "  "}}}, None),
        ({"for": {"identifier": {"value": FNR}}}, LogicalId("", FNR)),
    ],
)
def test_logical_patient(resource: dict[str, object], expected: LogicalId | None) -> None:
    found = logical_patient(resource)
    assert (None if found is None else (found.system, found.value)) == (
        None if expected is None else (expected.system, expected.value)
    )


def test_display_is_kept_but_never_identifies() -> None:
    found = logical_patient(
        {"subject": {"identifier": {"system": "s", "value": "1"}, "display": "Kari"}}
    )
    assert found is not None
    assert found.display == "Kari"
    assert found.token == "s|1"


def test_patient_identifiers() -> None:
    patient = {"identifier": [{"system": codes.FODSELSNUMMER, "value": FNR}, {"value": "x"}]}
    assert patient_identifiers(patient) == {(codes.FODSELSNUMMER, FNR), ("", "x")}
