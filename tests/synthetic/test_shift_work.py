"""The shifts before today in the generated data: care plans with timed and weekly tiltak (two
coded), a week of notes (some from "another system", a few corrected), yesterday's and last
night's handovers with their acknowledgement Tasks, and tasks colleagues left open."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from clinical import codes
from clinical.notes_read import read_note
from clinical.records.handover import HANDOVER_CATEGORY
from tests.synthetic.fhir import Resource
from tests.synthetic.samples import town, ward


def of(kind: str, resources: Sequence[Resource]) -> list[Resource]:
    return [r for r in resources if r["resourceType"] == kind]


def test_care_plans_have_timed_weekly_and_coded_tiltak() -> None:
    activities = [a["detail"] for p in of("CarePlan", town()) for a in p["activity"]]
    repeats = [a["scheduledTiming"]["repeat"] for a in activities]
    assert all(r.get("timeOfDay") for r in repeats)
    assert any(r.get("dayOfWeek") for r in repeats)
    coded = {
        c["code"]
        for a in activities
        for c in a["code"].get("coding", [])
        if c["system"] == codes.SNOMED_CT
    }
    assert coded == {"39857003", "33747003"}


def test_every_patient_has_a_week_of_notes_readable_as_text() -> None:
    resources = list(ward())
    patients = {p["id"] for p in of("Patient", resources)}
    notes = of("DocumentReference", resources)
    assert {n["subject"]["reference"].removeprefix("Patient/") for n in notes} == patients
    read = [read_note(n) for n in notes]
    assert all(r is not None and r.text and "<" not in r.text for r in read)
    everywhere = of("DocumentReference", town())
    contents = Counter(
        n["content"][0]["attachment"]["contentType"].split(";")[0] for n in everywhere
    )
    assert contents["text/html"] > 0  # written by "another system"
    assert any(n.get("relatesTo") for n in everywhere)  # corrected notes
    assert any(n["status"] == "entered-in-error" for n in everywhere)


def test_handovers_of_yesterday_evening_and_last_night_with_acknowledgements() -> None:
    resources = list(ward())
    compositions = of("Composition", resources)
    assert all(c["category"][0]["coding"][0]["code"] == HANDOVER_CATEGORY for c in compositions)
    assert len(compositions) == 2 * len(of("Patient", resources))
    reports = {
        e["valueIdentifier"]["value"]
        for c in compositions
        for e in c["extension"]
        if "report" in e["url"]
    }
    assert len(reports) == 2  # one unit: each shift's report is signed together
    acks = [
        t
        for t in of("Task", resources)
        if t.get("focus", {}).get("reference", "").startswith("Composition/")
    ]
    assert Counter(t["status"] for t in acks) == {
        "completed": len(compositions) // 2,
        "requested": len(compositions) // 2,
    }


def test_about_a_third_have_a_task_a_colleague_left() -> None:
    resources = town()
    patients = len(of("Patient", resources))
    left = [t for t in of("Task", resources) if "focus" not in t]
    assert 0.2 * patients < len(left) < 0.5 * patients
    assert all(t["status"] == "requested" for t in left)
