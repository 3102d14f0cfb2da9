"""Words for the rules that refuse a task outcome, a note or a handover (Bokmål and English).

Keyed by the ``RecordBuildError.key`` of ``task_writer``, ``findings``, ``nursing_note`` and
``handover``, and by the services' own refusals (``task.*``, ``note.*``, ``handover.*``).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from clinical.records.findings import MAX_FINDING_LENGTH
from clinical.records.nursing_note import MAX_NOTE_LENGTH
from clinical.records.task_writer import MAX_TEXT_LENGTH

MESSAGES: Final = MappingProxyType(
    {
        key: MappingProxyType({"nb": nb, "en": en})
        for key, nb, en in (
            (
                "task.reason_required",
                "Velg hvorfor oppgaven ikke ble utført.",
                "Choose why the task was not done.",
            ),
            (
                "task.reason_text_required",
                "Beskriv årsaken når «Annet» er valgt.",
                "Describe the reason when “Other” is chosen.",
            ),
            (
                "task.text_too_long",
                f"Teksten kan ha høyst {MAX_TEXT_LENGTH} tegn.",
                f"The text can have at most {MAX_TEXT_LENGTH} characters.",
            ),
            (
                "task.postpone_not_later",
                "Velg et tidspunkt senere enn nå.",
                "Choose a time later than now.",
            ),
            (
                "task.postpone_time_required",
                "Velg når oppgaven skal gjøres.",
                "Choose when the task is to be done.",
            ),
            (
                "task.description_missing",
                "Skriv hva som skal gjøres.",
                "Write what is to be done.",
            ),
            (
                "task.not_recordable",
                "Denne oppgaven dokumenteres der den hører hjemme (legemidler, målinger).",
                "This task is documented where it belongs (medicines, measurements).",
            ),
            (
                "task.already_documented",
                "Oppgaven er allerede dokumentert, kanskje på en annen datamaskin. "
                "Les listen på nytt.",
                "The task is already documented, perhaps on another computer. Reload the list.",
            ),
            (
                "task.measure_required",
                "Skriv inn målt verdi, eller skriv funnet med ord.",
                "Enter the measured value, or describe the finding in words.",
            ),
            (
                "finding.value_out_of_range",
                "Verdien er utenfor det som kan måles. Kontroller tallet.",
                "The value is outside what can be measured. Check the number.",
            ),
            (
                "finding.too_long",
                f"Funnet kan ha høyst {MAX_FINDING_LENGTH} tegn.",
                f"The finding can have at most {MAX_FINDING_LENGTH} characters.",
            ),
            ("finding.empty", "Skriv hva du fant.", "Write what you found."),
            ("note.empty", "Notatet er tomt.", "The note is empty."),
            (
                "note.too_long",
                f"Notatet kan ha høyst {MAX_NOTE_LENGTH} tegn.",
                f"The note can have at most {MAX_NOTE_LENGTH} characters.",
            ),
            (
                "note.observed_after_writing",
                "Tidspunktet for det som skjedde kan ikke være etter nå.",
                "The time of what happened cannot be after now.",
            ),
            (
                "note.already_signed",
                "Notatet er allerede signert.",
                "The note is already signed.",
            ),
            (
                "note.already_corrected",
                "Notatet er allerede rettet. Rett den nyeste versjonen.",
                "The note has already been corrected. Correct the newest version.",
            ),
            (
                "note.not_own",
                "Bare den som skrev notatet kan rette det. Skriv et nytt notat i stedet.",
                "Only the author can correct a note. Write a new note instead.",
            ),
            (
                "note.not_a_note",
                "Dette notatet kan ikke rettes her.",
                "This note cannot be corrected here.",
            ),
            (
                "handover.empty",
                "Rapporten er tom. Skriv eller ta med minst én linje.",
                "The report is empty. Write or include at least one line.",
            ),
            (
                "handover.too_long",
                "En del av rapporten er for lang.",
                "A part of the report is too long.",
            ),
            (
                "handover.not_a_handover",
                "Dette er ikke en rapport som kan kvitteres.",
                "This is not a report that can be acknowledged.",
            ),
        )
    }
)
