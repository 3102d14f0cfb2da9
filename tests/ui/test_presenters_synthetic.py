"""The synthetic municipality through the real presenters: what the data means is what is shown.

The generator (``tests/synthetic``) and the presenters agree on codes only if a test holds them
together; these run every generated patient through the presenters the views use.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from app.values import Prescriptions
from clinical.gs1 import parse_package_code
from clinical.medication_read import medication_gtins
from tests.synthetic import vocabulary as vocab
from tests.synthetic.samples import REFERENCE_DATE, town
from ui.presenters import wording
from ui.presenters.critical import CriticalInformation, critical_information
from ui.presenters.prescriptions import PrescriptionStatus, prescriptions_view

_SUBJECT = ("subject", "patient")


def _by_patient() -> dict[str, list[Mapping[str, Any]]]:
    patients: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for resource in town():
        for key in _SUBJECT:
            # Welfare-technology records name the patient by number only: not theirs here.
            if isinstance(owner := resource.get(key), Mapping) and "reference" in owner:
                patients[owner["reference"]].append(resource)
                break
    return patients


def _critical() -> dict[str, CriticalInformation]:
    return {
        patient: critical_information(resources, today=REFERENCE_DATE)
        for patient, resources in _by_patient().items()
    }


def test_every_coded_critical_condition_is_shown_in_its_group() -> None:
    coded: Counter[str] = Counter()
    for condition in (r for r in town() if r["resourceType"] == "Condition"):
        for category in condition["category"]:
            for coding in category.get("coding", []):
                if coding["system"] == vocab.CRITICAL_INFO_CATEGORY_SYSTEM:
                    coded[coding["code"]] += 1
    shown: Counter[str] = Counter()
    for info in _critical().values():
        shown[vocab.CRITICAL_CONDITION] += len(info.critical_conditions)
        shown[vocab.TREATMENT_IMPLANT] += len(info.treatments_and_implants)
        shown[vocab.ANAESTHESIA_COMPLICATION] += len(info.anaesthesia_complications)
    assert all(coded[c] > 0 for c in vocab.CRITICAL_INFO_CATEGORIES)
    assert shown == coded


def test_every_hlr_minus_decision_reads_as_hlr_minus() -> None:
    consents = {r["patient"]["reference"] for r in town() if r["resourceType"] == "Consent"}
    assert len(consents) > 20
    for patient, info in _critical().items():
        titles = [i.title for i in info.treatment_limitations]
        if patient in consents:
            assert titles[0] == wording.hlr_minus()
            assert all(
                t == wording.hlr_minus() or t.startswith(wording.refused("")) for t in titles
            )
        else:
            assert titles == []


def test_the_spo2_scale_2_decision_is_shown_as_a_procedure_change() -> None:
    decided = 0
    for info in _critical().values():
        titles = [i.title for i in info.procedure_changes]
        decided += sum("SpO₂-skala 2" in t for t in titles)
    assert decided >= 3


def test_finished_courses_are_not_expired_and_expired_ones_are() -> None:
    groups: Counter[tuple[PrescriptionStatus, bool, str]] = Counter()
    for resources in _by_patient().values():
        data = Prescriptions(
            requests=[r for r in resources if r["resourceType"] == "MedicationRequest"],
            dispenses=[r for r in resources if r["resourceType"] == "MedicationDispense"],
        )
        reasons = {
            r["id"]: r.get("statusReason", {}).get("text", "")
            for r in data.requests
            if isinstance(r.get("statusReason"), Mapping)
        }
        view = prescriptions_view(data, today=REFERENCE_DATE)
        for status, items in view.groups.items():
            for item in items:
                groups[(status, item.finished, reasons.get(item.id, ""))] += 1
                assert item.dispensings_left is None or item.dispensings_left >= 0
                if item.last_dispensed is not None and item.authored is not None:
                    assert item.last_dispensed >= item.authored
    finished = groups[(PrescriptionStatus.STOPPED, True, "Kuren er fullført")]
    expired = groups[(PrescriptionStatus.EXPIRED, False, "Utløpt, må fornyes")]
    assert finished > 10
    assert expired > 5
    assert sum(n for (s, _, r), n in groups.items() if r == "Kuren er fullført") == finished
    assert sum(n for (s, _, r), n in groups.items() if s is PrescriptionStatus.EXPIRED) == expired


def test_every_generated_medication_is_found_by_its_scanned_gtin() -> None:
    medications = [r for r in town() if r["resourceType"] == "Medication"]
    catalogue = {gtin: m["id"] for m in medications for gtin in medication_gtins(m)}
    assert len(catalogue) == len(medications)
    for gtin, medication_id in catalogue.items():
        scanned = parse_package_code(f"]d201{gtin}17271231\x1d10LOT1")
        assert catalogue[scanned.gtin] == medication_id
