"""The shift's words: task kinds and timings, handover lines, note link kinds (Qt translations).

Everything a person reads about the shift's work is worded here, once, in the interface
language: the values from ``app.shift`` carry kinds and plain data, never sentences. Clinical
labels that the records themselves carry (note categories, not-done reasons, ISBAR parts) come
from their ``clinical`` definitions in Bokmål or English.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from app.shift.values import LineKind, NoteLink, PrefillLine, ShiftTask, TaskKind, TaskTiming
from clinical.doses import MESSAGES as DOSE_MESSAGES
from clinical.fhir_read import parse_datetime
from clinical.news2 import ResponseBand
from clinical.records.handover import IsbarPart
from clinical.records.nursing_note import NoteCategory
from clinical.records.task_writer import NotDoneReason, TaskOutcome
from ui.clinical_texts import clinical_text, language
from ui.presenters.formatting import format_date, format_datetime, format_time

translate = QCoreApplication.translate


def timing_text(timing: TaskTiming) -> str:
    """ "⚠ Overdue", "● Due now", "Later": a symbol and a word, never colour alone."""
    return {
        TaskTiming.OVERDUE: translate("ShiftWords", "⚠ Overdue"),
        TaskTiming.DUE_NOW: translate("ShiftWords", "● Due now"),
        TaskTiming.LATER: translate("ShiftWords", "Later"),
    }[timing]


def kind_text(kind: TaskKind) -> str:
    """What a task is, in a word or two."""
    return {
        TaskKind.DOSE: translate("ShiftWords", "Medicine"),
        TaskKind.FOLLOWUP: translate("ShiftWords", "Effect to assess"),
        TaskKind.ORDER_PROBLEM: translate("ShiftWords", "Order to check"),
        TaskKind.NEWS2: translate("ShiftWords", "NEWS2 measurement"),
        TaskKind.RENEWAL: translate("ShiftWords", "Renewal requested"),
        TaskKind.CARE_PLAN: translate("ShiftWords", "Care plan"),
        TaskKind.CARE_PLAN_PROBLEM: translate("ShiftWords", "Care plan to check"),
        TaskKind.REQUESTED: translate("ShiftWords", "Task from a colleague"),
    }[kind]


def band_text(band: str | None) -> str:
    """The NEWS2 response band a re-measurement follows, in words."""
    if band is None:
        return ""
    if band == "continuous":
        return translate("ShiftWords", "NEWS2 7 or more: continuous monitoring")
    if band == "incomplete":
        return translate("ShiftWords", "incomplete set: complete it")
    try:
        return ResponseBand(band).response_text(language()).split(":")[0]
    except ValueError:
        return band


def task_detail(task: ShiftTask) -> str:
    """The second line of a task: dose, what the activity is, why it is there."""
    if task.kind is TaskKind.NEWS2:
        measured = parse_datetime(task.detail)
        score = (
            translate("ShiftWords", "NEWS2 %1 at %2")
            .replace("%1", task.title)
            .replace("%2", format_time(measured))
            if task.title
            else translate("ShiftWords", "Vital signs at %1").replace("%1", format_time(measured))
        )
        return f"{score} · {band_text(task.band)}"
    if task.kind is TaskKind.ORDER_PROBLEM:
        return clinical_text(DOSE_MESSAGES, task.detail)
    if task.kind is TaskKind.CARE_PLAN_PROBLEM:
        return translate(
            "ShiftWords", "The care plan's timing cannot be read: check the care plan. (%1)"
        ).replace("%1", clinical_text(DOSE_MESSAGES, task.detail))
    if task.kind is TaskKind.DOSE and task.detail.isdigit():
        return translate("ShiftWords", "Multidose pouch, %n medicine(s)", None, int(task.detail))
    return task.detail


def task_title(task: ShiftTask) -> str:
    """The first line of a task: what to do."""
    if task.kind is TaskKind.NEWS2:
        return translate("ShiftWords", "Measure NEWS2 again")
    if task.kind is TaskKind.RENEWAL:
        return translate("ShiftWords", "Waiting for the physician: renew %1").replace(
            "%1", task.title
        )
    return task.title


def status_text(task: ShiftTask) -> str:
    """The status cell: timing, and what else the nurse must know (postponed, conflict)."""
    words = [timing_text(task.timing)]
    if task.postponed:
        words.append(translate("ShiftWords", "postponed"))
    if task.conflict:
        words.append(translate("ShiftWords", "⚠ also documented on another computer"))
    return ", ".join(words)


def due_text(task: ShiftTask, today: object) -> str:
    """ "08:00", "22:00 (25.11.)" for another day, "no set time"."""
    if task.due_at is None:
        return translate("ShiftWords", "no set time")
    shown = format_time(task.due_at)
    if format_date(task.due_at) != format_date(today):  # type: ignore[arg-type]
        shown += f" ({format_date(task.due_at)[:6]})"
    return shown


def outcome_text(outcome: TaskOutcome) -> str:
    """Done / Not done / Postponed in the interface language."""
    return outcome.label(language())


def reason_text(reason: NotDoneReason) -> str:
    """A not-done reason in the interface language."""
    return reason.label(language())


def category_text(category: NoteCategory) -> str:
    """A note category in the interface language."""
    return category.label(language())


def part_text(part: IsbarPart) -> str:
    """ "I – Identifikasjon" (the letter, then the part's name)."""
    return f"{part.value} – {part.label(language())}"


def _at(values: Mapping[str, str], key: str = "at") -> str:
    return format_time(parse_datetime(values.get(key)))


def _fill(text: str, *values: str) -> str:
    for number, value in enumerate(values, start=1):
        text = text.replace(f"%{number}", value)
    return text


def _patient(v: Mapping[str, str]) -> str:
    born = format_date(parse_datetime(v.get("born")))
    text = _fill(translate("ShiftWords", "%1, born %2"), v.get("name", ""), born)
    return f"{text}, {v['room']}" if v.get("room") else text


def _nurse(v: Mapping[str, str]) -> str:
    who = v.get("name", "") + (f" ({v['role']})" if v.get("role") else "")
    text = _fill(translate("ShiftWords", "Reported by %1"), who)
    return f"{text}, {v['place']}" if v.get("place") else text


def _news2_latest(v: Mapping[str, str]) -> str:
    if not v.get("score"):
        return _fill(
            translate("ShiftWords", "Vital signs at %1: incomplete set, %2 parameter(s) scoring 3"),
            _at(v),
            v.get("red", "0"),
        )
    return _fill(
        translate("ShiftWords", "NEWS2 %1 at %2: %3"), v["score"], _at(v), band_text(v.get("band"))
    )


def _news2_trend(v: Mapping[str, str]) -> str:
    return _fill(
        translate("ShiftWords", "NEWS2 %1 from %2 to %3, highest: %4"),
        v.get("scores", ""),
        _at(v, "first"),
        _at(v, "last"),
        band_text(v.get("band")),
    )


def _news2_due(v: Mapping[str, str]) -> str:
    if v.get("continuous"):
        return translate("ShiftWords", "NEWS2 7 or more: continuous monitoring")
    due = format_datetime(parse_datetime(v.get("due")))
    return _fill(translate("ShiftWords", "Measure NEWS2 again by %1"), due)


def _prn(v: Mapping[str, str]) -> str:
    text = _fill(
        translate("ShiftWords", "As-needed %1 %2 at %3 for %4"),
        v.get("medicine", ""),
        v.get("dose", ""),
        _at(v),
        v.get("reason", "") or "–",
    )
    if v.get("effect"):
        return text + _fill(translate("ShiftWords", ", effect: %1"), v["effect"])
    return text + translate("ShiftWords", ", effect not assessed yet")


def _not_given(v: Mapping[str, str]) -> str:
    return _fill(
        translate("ShiftWords", "Not given: %1 at %2 (%3)"),
        v.get("medicine", ""),
        _at(v),
        v.get("reason", "") or "–",
    )


def _new(v: Mapping[str, str]) -> str:
    text = _fill(translate("ShiftWords", "New: %1"), v.get("medicine", ""))
    return f"{text} – {v['dosage']}" if v.get("dosage") else text


def _stopped(v: Mapping[str, str]) -> str:
    text = _fill(translate("ShiftWords", "Stopped: %1"), v.get("medicine", ""))
    return f"{text} ({v['reason']})" if v.get("reason") else text


def _overdue(v: Mapping[str, str]) -> str:
    return _fill(translate("ShiftWords", "Overdue since %1: %2"), _at(v, "due"), v.get("task", ""))


def _open(v: Mapping[str, str]) -> str:
    due = _at(v, "due")
    if not due:
        return _fill(translate("ShiftWords", "To do: %1"), v.get("task", ""))
    return _fill(translate("ShiftWords", "Due %1: %2"), due, v.get("task", ""))


def _not_done(v: Mapping[str, str]) -> str:
    return _fill(
        translate("ShiftWords", "Not done: %1 (%2)"), v.get("task", ""), v.get("reason", "") or "–"
    )


def _renewal(v: Mapping[str, str]) -> str:
    return _fill(
        translate("ShiftWords", "Waiting for the physician: renewal of %1"), v.get("medicine", "")
    )


def _note(v: Mapping[str, str]) -> str:
    return _fill("%1 %2: %3", v.get("category", ""), _at(v), v.get("text", ""))


def _critical(v: Mapping[str, str]) -> str:
    return _fill(translate("ShiftWords", "New critical information: %1"), v.get("what", ""))


_LINES = {
    LineKind.PATIENT: _patient,
    LineKind.NURSE: _nurse,
    LineKind.NEWS2_LATEST: _news2_latest,
    LineKind.NEWS2_TREND: _news2_trend,
    LineKind.NEWS2_DUE: _news2_due,
    LineKind.PRN_GIVEN: _prn,
    LineKind.NOT_GIVEN: _not_given,
    LineKind.MEDICATION_NEW: _new,
    LineKind.MEDICATION_STOPPED: _stopped,
    LineKind.TASK_OVERDUE: _overdue,
    LineKind.TASK_OPEN: _open,
    LineKind.TASK_NOT_DONE: _not_done,
    LineKind.RENEWAL_WAITING: _renewal,
    LineKind.NOTE: _note,
    LineKind.CRITICAL: _critical,
}


def line_text(line: PrefillLine) -> str:
    """A prefilled handover line in words, as it goes into the report."""
    return _LINES[line.kind](line.values)


def source_text(line: PrefillLine) -> str:
    """Where a line came from: the kind of record and when it was recorded."""
    kinds = {
        "Patient": translate("ShiftWords", "Patient record"),
        "Practitioner": translate("ShiftWords", "Signed-in user"),
        "Observation": translate("ShiftWords", "Vital signs"),
        "MedicationAdministration": translate("ShiftWords", "Medication administration"),
        "MedicationRequest": translate("ShiftWords", "Prescription"),
        "MedicationStatement": translate("ShiftWords", "Medication list"),
        "Task": translate("ShiftWords", "Task"),
        "CarePlan": translate("ShiftWords", "Care plan"),
        "DocumentReference": translate("ShiftWords", "Note"),
        "Composition": translate("ShiftWords", "Note"),
        "AllergyIntolerance": translate("ShiftWords", "Allergy"),
        "Flag": translate("ShiftWords", "Warning flag"),
        "Condition": translate("ShiftWords", "Condition"),
    }
    names = []
    for source in line.sources:
        kind = source.split("/", 1)[0]
        name = kinds.get(kind, kind)
        if name not in names:
            names.append(name)
    when = format_datetime(line.source_at) if line.source_at else ""
    return ", ".join(names) + (f" · {when}" if when else "")


def link_text(link: NoteLink) -> str:
    """What a note may concern, as one line: "Dose given 08:02: Paracet 500 mg"."""
    kinds = {
        "administration-given": translate("ShiftWords", "Dose given"),
        "administration-not-given": translate("ShiftWords", "Dose not given"),
        "vitals": translate("ShiftWords", "Vital signs"),
        "task": translate("ShiftWords", "Task"),
    }
    when = format_time(link.at) if link.at else ""
    head = " ".join(part for part in (kinds.get(link.kind, link.kind), when) if part)
    return f"{head}: {link.label}" if link.label else head


def note_status_text(status: str, *, corrected_by: str | None, amended: bool) -> str:
    """What became of a note: "Corrected (the correction is shown above)", "Correction"."""
    if status in ("entered-in-error", "superseded"):
        if corrected_by:
            return translate("ShiftWords", "✎ Corrected: see the correction")
        return translate("ShiftWords", "✗ Withdrawn by its author")
    if amended:
        return translate("ShiftWords", "Correction")
    return ""
