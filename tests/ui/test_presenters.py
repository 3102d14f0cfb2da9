"""Presenters: FHIR JSON in, display values out (table-driven, no Qt)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.values import CoreRecord, MedicationList, PatientListEntry, Prescriptions
from tests.ui.ward import TODAY, ingrid, synthetic_fnr
from ui.presenters.conflict import differences, merge
from ui.presenters.core_record import core_record_view
from ui.presenters.critical import (
    AllergyKind,
    Criticality,
    Verification,
    allergy_item,
    critical_information,
)
from ui.presenters.formatting import age_on, format_date, format_decimal
from ui.presenters.medication_list import Change, UseGroup, medication_list_view
from ui.presenters.national_id import (
    format_national_id,
    is_valid_national_id,
    mask_national_id,
)
from ui.presenters.patient import patient_summary
from ui.presenters.patient_list import matches, patient_rows
from ui.presenters.prescriptions import PrescriptionStatus, prescriptions_view

VALID = synthetic_fnr(date(1938, 4, 17), 412)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("15076500565", True),
        ("22750884907", True),
        ("150765 00565", True),
        ("15076500566", False),
        ("1507650056", False),
        ("abcdefghijk", False),
        (VALID, True),
    ],
)
def test_national_id_check_digits(value: str, valid: bool) -> None:
    assert is_valid_national_id(value) is valid


@pytest.mark.parametrize(
    ("value", "formatted", "masked"),
    [
        ("15076500565", "150765 00565", "150765 *****"),
        ("1234", "1234", "****"),
    ],
)
def test_national_id_display(value: str, formatted: str, masked: str) -> None:
    assert format_national_id(value) == formatted
    assert mask_national_id(value) == masked


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0.5, "0,5"), (2.0, "2"), (1.25, "1,25"), ("3.750", "3,75"), (-1, "\u22121"), ("x", "")],
)
def test_decimals_use_a_comma(value: object, shown: str) -> None:
    assert format_decimal(value) == shown


def test_dates_and_ages_in_norwegian_form() -> None:
    assert format_date(date(2025, 3, 5)) == "05.03.2025"
    assert age_on(date(1938, 4, 17), date(2025, 3, 12)) == 86
    assert age_on(date(1938, 3, 12), date(2025, 3, 12)) == 87


def _row(name: str, room: str, fnr: str) -> PatientListEntry:
    family, given = name.split(", ")
    return PatientListEntry(
        patient={
            "resourceType": "Patient",
            "id": family.lower(),
            "name": [{"family": family, "given": [given]}],
            "identifier": [{"system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": fnr}],
        },
        location={"resourceType": "Location", "name": room},
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"ødegård", "solberg"}),
        ("sol", {"solberg"}),
        ("ingrid sol", {"solberg"}),
        ("odegard", {"ødegård"}),
        ("SIGRID", {"ødegård"}),
        ("204", {"solberg"}),
        ("20", {"ødegård", "solberg"}),
        (VALID, {"solberg"}),
        (format_national_id(VALID), {"solberg"}),
        (VALID[:10], set()),
        (VALID[:10] + str((int(VALID[10]) + 1) % 10), set()),
    ],
)
def test_search_by_name_room_or_full_valid_national_id(query: str, expected: set[str]) -> None:
    rows = patient_rows(
        [
            _row("Solberg, Ingrid", "Rom 204", VALID),
            _row("Ødegård, Sigrid", "Rom 207", "15076500565"),
        ],
        today=TODAY,
    )
    assert {r.id for r in rows if matches(r, query)} == expected


FHN = "81234567802"  # felles hjelpenummer: first digit 8 (Norsk helsenett), valid check digits


def test_felles_hjelpenummer_is_shown_and_found_by_scanning() -> None:
    """An unidentified patient known only by FHN (no birth date) is listed and matched."""
    patient = {
        "resourceType": "Patient",
        "id": "ukjent",
        "name": [{"family": "Ukjent", "given": ["Kvinne"]}],
        "identifier": [{"system": "urn:oid:2.16.578.1.12.4.1.4.3", "value": FHN}],
    }
    summary = patient_summary(patient, today=TODAY)
    assert summary.national_id == FHN
    assert summary.national_id_system == "urn:oid:2.16.578.1.12.4.1.4.3"
    assert summary.age is None
    rows = patient_rows([PatientListEntry(patient=patient)], today=TODAY)
    assert matches(rows[0], FHN)
    assert matches(rows[0], format_national_id(FHN))


def test_the_fodselsnummer_wins_over_a_hjelpenummer() -> None:
    patient = {
        "resourceType": "Patient",
        "id": "p",
        "identifier": [
            {"system": "urn:oid:2.16.578.1.12.4.1.4.3", "value": FHN},
            {"system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": "15076500565"},
        ],
    }
    assert patient_summary(patient, today=TODAY).national_id == "15076500565"


def test_patient_summary_keeps_markup_as_text() -> None:
    summary = patient_summary(
        {"resourceType": "Patient", "id": "x", "name": [{"family": "<b>Ola</b>", "given": ["A"]}]},
        today=TODAY,
    )
    assert summary.full_name == "A <b>Ola</b>"


ALLERGY_BASE = {
    "resourceType": "AllergyIntolerance",
    "code": {"text": "Penicillin"},
    "category": ["medication"],
}


@pytest.mark.parametrize(
    ("extra", "criticality", "verification", "kind"),
    [
        (
            {"criticality": "high", "verificationStatus": {"coding": [{"code": "confirmed"}]}},
            Criticality.HIGH,
            Verification.VERIFIED,
            AllergyKind.DRUG,
        ),
        (
            {"criticality": "low", "verificationStatus": {"coding": [{"code": "unconfirmed"}]}},
            Criticality.LOW,
            Verification.PRESUMED,
            AllergyKind.DRUG,
        ),
        (
            {
                "verificationStatus": {"coding": [{"code": "confirmed"}]},
                "extension": [{"url": "http://nhn.no/kj/KjPresumed", "valueBoolean": True}],
                "category": ["food"],
            },
            Criticality.UNKNOWN,
            Verification.PRESUMED,
            AllergyKind.OTHER,
        ),
    ],
)
def test_allergy_facts(
    extra: dict[str, object],
    criticality: Criticality,
    verification: Verification,
    kind: AllergyKind,
) -> None:
    item = allergy_item({**ALLERGY_BASE, **extra})
    assert item is not None
    assert (item.criticality, item.verification, item.kind) == (criticality, verification, kind)


@pytest.mark.parametrize(
    "extra",
    [
        {"verificationStatus": {"coding": [{"code": "refuted"}]}},
        {"verificationStatus": {"coding": [{"code": "entered-in-error"}]}},
        {"clinicalStatus": {"coding": [{"code": "resolved"}]}},
    ],
)
def test_irrelevant_allergies_are_left_out(extra: dict[str, object]) -> None:
    assert allergy_item({**ALLERGY_BASE, **extra}) is None


def test_critical_information_grouped_as_the_national_record() -> None:
    data = ingrid()
    info = critical_information(
        [*data.allergies, *data.conditions, *data.flags, *data.consents], today=TODAY
    )
    assert [a.substance for a in info.allergies] == ["Penicilliner", "Sulfonamider", "Lateks"]
    assert [c.title for c in info.critical_conditions] == ["Atrieflimmer med antikoagulasjon"]
    assert [c.title for c in info.treatments_and_implants] == ["Pacemaker (DDD), implantert 2021"]
    assert [f.title for f in info.procedure_changes] == ["MR kontraindisert (pacemaker)"]
    assert info.treatment_limitations[0].title.startswith("HLR-minus")
    assert info.has_high_criticality_allergy


def test_expired_flags_are_not_critical() -> None:
    flag = {
        "resourceType": "Flag",
        "status": "active",
        "code": {"text": "Old"},
        "period": {"start": "2020-01-01", "end": "2021-01-01"},
    }
    assert not critical_information([flag], today=TODAY).has_any


def test_core_record_sections() -> None:
    data = ingrid()
    view = core_record_view(
        CoreRecord(
            patient=data.patient,
            immunizations=data.immunizations,
            encounters=data.encounters,
            related_persons=data.related,
            general_practitioner=data.gp,
        ),
        today=TODAY,
    )
    assert [v.given for v in view.vaccinations] == sorted(
        (v.given for v in view.vaccinations), reverse=True
    )
    assert view.hospital_contacts[0].place == "Sykehuset Østfold Kalnes"
    assert view.relatives[0].is_contact_person
    assert view.general_practitioner is not None
    assert view.general_practitioner.name == "Kari Holm"


def test_medication_list_groups_schedule_and_changes() -> None:
    data = ingrid()
    view = medication_list_view(
        MedicationList(statements=data.statements, last_seen_at=data.last_seen_at), today=TODAY
    )
    names = {g: [i.name for i in items] for g, items in view.in_use.items()}
    assert "Klindamycin 150 mg kapsel" in names[UseGroup.COURSE]
    assert "Paracetamol 500 mg tablett" in names[UseGroup.AS_NEEDED]
    eliquis = next(i for i in view.in_use[UseGroup.REGULAR] if i.id == "ms-apixaban")
    assert eliquis.schedule is not None
    assert eliquis.schedule.compact() == "1 – 0 – 1 – 0"
    assert eliquis.multidose
    zopiklon = next(i for i in view.in_use[UseGroup.REGULAR] if i.id == "ms-zopiklon")
    assert zopiklon.schedule is not None
    assert zopiklon.schedule.night == "0,5"
    changes = {i.id: i.change for g in view.in_use.values() for i in g}
    assert changes["ms-furosemid"] is Change.NEW
    assert changes["ms-metformin"] is Change.CHANGED
    assert changes["ms-apixaban"] is Change.NONE
    ibux = next(i for i in view.stopped if i.id == "ms-ibux")
    assert ibux.change is Change.STOPPED
    assert ibux.stopped_by == "Lege Kari Holm"
    assert "NSAID" in ibux.stopped_reason


def test_first_look_highlights_nothing() -> None:
    data = ingrid()
    view = medication_list_view(MedicationList(statements=data.statements), today=TODAY)
    assert view.first_look
    assert view.changed_count == 0


@pytest.mark.parametrize(
    ("statement", "group"),
    [
        ({"category": {"coding": [{"code": "3"}]}}, UseGroup.AS_NEEDED),
        ({"dosage": [{"asNeededBoolean": True, "text": "ved behov"}]}, UseGroup.AS_NEEDED),
        ({"effectivePeriod": {"start": "2025-03-01", "end": "2025-03-20"}}, UseGroup.COURSE),
        ({}, UseGroup.REGULAR),
    ],
)
def test_use_group_fallbacks(statement: dict[str, object], group: UseGroup) -> None:
    resource = {
        "resourceType": "MedicationStatement",
        "id": "m",
        "status": "active",
        "medicationCodeableConcept": {"text": "X"},
        **statement,
    }
    view = medication_list_view(MedicationList(statements=[resource]), today=TODAY)
    assert [i.id for i in view.in_use[group]] == ["m"]


def test_prescriptions_status_reiterations_and_chain() -> None:
    data = ingrid()
    view = prescriptions_view(
        Prescriptions(requests=data.requests, dispenses=data.dispenses), today=TODAY
    )
    active = {i.id: i for i in view.groups[PrescriptionStatus.ACTIVE]}
    assert set(active) == {"rx-eliquis-3", "rx-metformin", "rx-oxynorm"}
    eliquis = active["rx-eliquis-3"]
    assert [link.id for link in eliquis.chain] == ["rx-eliquis-2", "rx-eliquis-1"]
    assert (eliquis.dispensings_left, eliquis.dispensings_allowed) == (3, 4)
    assert eliquis.last_dispensed == date(2025, 2, 21)
    assert active["rx-oxynorm"].expiring_soon
    assert [i.id for i in view.groups[PrescriptionStatus.EXPIRED]] == ["rx-levaxin"]
    stopped = view.groups[PrescriptionStatus.STOPPED][0]
    assert stopped.stopped_reason == "Seponert: nyrefunksjon"
    assert not stopped.can_request_renewal


def test_open_renewal_task_blocks_a_second_request() -> None:
    data = ingrid()
    task = {
        "resourceType": "Task",
        "status": "requested",
        "focus": {"reference": "MedicationRequest/rx-levaxin"},
        "authoredOn": "2025-03-11",
    }
    view = prescriptions_view(Prescriptions(requests=data.requests, tasks=[task]), today=TODAY)
    levaxin = view.groups[PrescriptionStatus.EXPIRED][0]
    assert levaxin.renewal_requested_on == date(2025, 3, 11)
    assert not levaxin.can_request_renewal


def test_conflict_differences_and_merge() -> None:
    local = {
        "resourceType": "Task",
        "id": "t",
        "status": "completed",
        "note": [{"text": "a"}],
        "meta": {"versionId": "2"},
    }
    server = {
        "resourceType": "Task",
        "id": "t",
        "status": "cancelled",
        "priority": "urgent",
        "meta": {"versionId": "3"},
    }
    assert [d.path for d in differences(local, server)] == ["note", "priority", "status"]
    merged = merge(local, server, take_local=["status", "priority"])
    assert merged["status"] == "completed"
    assert "priority" not in merged
    assert merged["meta"] == {"versionId": "3"}


def test_malformed_resources_do_not_raise() -> None:
    junk = [
        {"resourceType": "AllergyIntolerance", "reaction": "x", "code": 5},
        {"resourceType": "Condition", "category": "nope"},
        {"resourceType": "Flag", "status": "active", "period": "bad"},
    ]
    critical_information(junk, today=TODAY)
    medication_list_view(
        MedicationList(
            statements=[
                {
                    "resourceType": "MedicationStatement",
                    "dosage": "x",
                    "meta": {"lastUpdated": "nonsense"},
                }
            ],
            last_seen_at=datetime(2025, 1, 1, tzinfo=UTC),
        ),
        today=TODAY,
    )
    prescriptions_view(Prescriptions(requests=[{"id": "a", "dispenseRequest": "x"}]), today=TODAY)
