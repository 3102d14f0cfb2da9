"""The shifts before today: nursing notes, ISBAR handovers with their acknowledgements, and tasks
colleagues left open (DocumentReference, Composition, Task).

- Notes: a week of notes per patient, written at the end of day and evening shifts by the unit's
  staff, in the five note categories, through the product's own builder. Some come from "another
  system": HTML content and a PractitionerRole author, as a journal system would write them.
  About one patient in twelve has a corrected note (the original marked entered-in-error, the
  replacement ``replaces`` it).
- Handovers: yesterday evening's report (acknowledged by a night nurse) and this night's report
  (signed at 06:45 today, waiting for the day shift), one Composition per patient; the patients
  of one unit share the report's identifier, as when signed together.
- Open tasks: about a third of patients have a task a colleague left (call a relative, order a
  foot-care appointment, check weight after a change of diuretic), due today.

Every random choice uses a stream of its own per patient (seeded by the patient id), so adding
this left every other generated resource as it was.
"""

from __future__ import annotations

import base64
import datetime as dt
import random
from collections.abc import Iterator
from typing import Final

from clinical.records.authorship import Author
from clinical.records.common import Staff as RecordStaff
from clinical.records.handover import (
    IsbarPart,
    IsbarSection,
    acknowledgement_task,
    isbar_composition,
)
from clinical.records.nursing_note import NoteCategory, corrected_note, nursing_note
from clinical.records.task_writer import SHIFT_TASK, task_done, task_to_do
from tests.synthetic.fhir import OSLO, Resource, local_datetime, ref
from tests.synthetic.municipality import Staff
from tests.synthetic.patient import PatientContext

NOTE_DAYS: Final = 7
NOTES: Final = {
    NoteCategory.OBSERVATION: (
        "Sovet godt i natt, våknet kl. 06. Spiste godt til frokost.",
        "Noe urolig på ettermiddagen, roet seg etter samtale og kaffe.",
        "Klager over smerter i venstre kne ved gange. Fikk hjelp med rullator.",
        "Redusert matlyst, spiste halv porsjon middag. Drikker godt.",
    ),
    NoteCategory.MEASURE: (
        "Sårstell utført, såret er mindre og uten tegn til infeksjon.",
        "Snudd hver 3. time, huden på hælene er intakt.",
        "Kompresjonsstrømper på kl. 08, av kl. 21. Lite ødem.",
    ),
    NoteCategory.CONVERSATION: (
        "Samtale om trivsel: savner hagen sin, ønsker å gå tur når været tillater.",
        "Snakket om søvn, ønsker å legge seg senere om kvelden.",
    ),
    NoteCategory.RELATIVES: (
        "Datter ringte, orientert om at mor har det bra. Kommer på besøk søndag.",
        "Sønnen var på besøk, ønsker samtale med lege om medisiner.",
    ),
    NoteCategory.INCIDENT: (
        "Funnet sittende på gulvet ved sengen kl. 03. Ingen synlige skader, hjulpet opp. "
        "Lege orientert, tilsyn hver time resten av natten.",
    ),
}
OTHER_SYSTEM_HTML: Final = (
    "<html><body><h2>Journalnotat</h2><p>Pasienten har vært i fin form i dag.</p>"
    "<p>Blodtrykk kontrollert: <b>132/78</b>. Ingen endringer i plan.</p></body></html>"
)
OPEN_TASKS: Final = (
    ("Ring datter og avtal besøkstid", 11),
    ("Bestill time hos fotterapeut", 13),
    ("Kontroller vekt etter endret dose vanndrivende", 8),
    ("Følg opp urinprøve tatt i går", 10),
)
ISBAR_TEXTS: Final = {
    IsbarPart.IDENTIFY: "{name}, {room}.",
    IsbarPart.SITUATION: "Rolig vakt, ingen akutte endringer.",
    IsbarPart.BACKGROUND: "Vanlige rutiner fulgt. Spiste og drakk godt.",
    IsbarPart.ASSESSMENT: "Stabil. Vitale tegn innen vanlige verdier.",
    IsbarPart.RECOMMENDATION: "Fortsett tiltaksplan. Mål vitale tegn ved endring.",
}


def _staff(member: Staff) -> RecordStaff:
    return RecordStaff(member.practitioner, member.display, hpr=member.hpr, role=member.category)


def _author(member: Staff) -> Author:
    return Author(
        _staff(member),
        practitioner_role_id=member.role,
        organization=ref("Organization", member.organization),
    )


def shift_work(ctx: PatientContext) -> Iterator[Resource]:
    """Notes, handovers and open tasks of the shifts before ``ctx.today``."""
    rng = random.Random(f"shift-work/{ctx.id}")
    yield from _notes(ctx, rng)
    yield from _handovers(ctx)
    yield from _open_task(ctx, rng)


def _notes(ctx: PatientContext, rng: random.Random) -> Iterator[Resource]:
    categories = list(NOTES)
    corrected = rng.random() < 1 / 12
    for day_back in range(NOTE_DAYS, 0, -1):
        day = ctx.days_ago(day_back)
        for slot, hour in enumerate((14, 22) if ctx.in_ward else (15,)):
            if rng.random() < 0.3:
                continue
            category = categories[0] if rng.random() < 0.5 else rng.choice(categories)
            words = rng.choice(NOTES[category])
            member = rng.choice(ctx.unit.staff)
            written = local_datetime(day, hour, rng.randint(0, 50))
            observed = written - dt.timedelta(hours=rng.randint(0, 5))
            note = nursing_note(
                patient_id=ctx.id,
                author=_author(member),
                category=category,
                text=words,
                observed_at=observed,
                written_at=written,
                custodian=ref("Organization", ctx.unit.organization),
                resource_id=ctx.rid("DocumentReference", day_back, slot),
            )
            if rng.random() < 0.1:
                note = _from_other_system(note)
            if corrected and day_back == 2 and slot == 0:
                replacement, retired = corrected_note(
                    note,
                    author=_author(member),
                    text=words + " (Rettet: gjaldt formiddagen, ikke ettermiddagen.)",
                    category=category,
                    observed_at=observed,
                    written_at=written + dt.timedelta(minutes=25),
                    resource_id=ctx.rid("DocumentReference", day_back, slot, "correction"),
                )
                yield retired
                yield replacement
            else:
                yield note


def _from_other_system(note: Resource) -> Resource:
    """The note as another journal system might write it: HTML, a text category."""
    other = dict(note)
    other.pop("contained", None)
    other.pop("meta", None)
    author = note["author"][0]
    other["author"] = [author]
    other["authenticator"] = author
    other["category"] = [{"text": "Journalnotat"}]
    other["description"] = "Journalnotat"
    other["content"] = [
        {
            "attachment": {
                "contentType": "text/html; charset=utf-8",
                "data": base64.b64encode(OTHER_SYSTEM_HTML.encode()).decode(),
            }
        }
    ]
    return other


def _handovers(ctx: PatientContext) -> Iterator[Resource]:
    nurses = ctx.unit.nurses() or ctx.unit.staff
    room = ctx.unit.place_names[ctx.slot % len(ctx.unit.place_names)] if ctx.in_ward else ""
    yesterday, today = ctx.days_ago(1), ctx.today
    shifts = (
        ("evening", local_datetime(yesterday, 15), local_datetime(yesterday, 23), True),
        ("night", local_datetime(yesterday, 23), local_datetime(today, 7), False),
    )
    for number, (name, start, end, acknowledged) in enumerate(shifts):
        writer, reader = nurses[number % len(nurses)], nurses[(number + 1) % len(nurses)]
        signed = end - dt.timedelta(minutes=15)
        report = ctx.ids("handover-report", ctx.unit.location, start.date().isoformat(), name)
        composition = isbar_composition(
            patient_id=ctx.id,
            author=_author(writer),
            sections=[
                IsbarSection(
                    part,
                    words.format(name=ctx.name["text"], room=room).replace(", .", "."),
                    (ctx.subject,) if part is IsbarPart.IDENTIFY else (),
                )
                for part, words in ISBAR_TEXTS.items()
            ],
            signed_at=signed,
            shift=(start, end),
            report_id=report,
            place=ref("Location", ctx.unit.location),
            custodian=ref("Organization", ctx.unit.organization),
            resource_id=ctx.rid("Composition", "handover", name),
        )
        ack = acknowledgement_task(composition, requester=_staff(writer), at=signed, due=end)
        if acknowledged:
            ack = task_done(ack, by=_staff(reader), at=end + dt.timedelta(minutes=10))
        yield composition
        yield ack


def _open_task(ctx: PatientContext, rng: random.Random) -> Iterator[Resource]:
    if rng.random() > 1 / 3:
        return
    words, hour = rng.choice(OPEN_TASKS)
    member = rng.choice(ctx.unit.staff)
    due = dt.datetime.combine(ctx.today, dt.time(hour), tzinfo=OSLO)
    yield task_to_do(
        patient_id=ctx.id,
        code=SHIFT_TASK,
        description=words,
        due=due,
        requester=_staff(member),
        authored=local_datetime(ctx.days_ago(1), 20, rng.randint(0, 50)),
        note="Lagt inn av kveldsvakten.",
        resource_id=ctx.rid("Task", "open"),
    )
