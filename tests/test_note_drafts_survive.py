"""A note draft typed a moment ago survives a lock and a user switch, on a real shared PC.

The session, its workstation, the identity provider, the platform and the OS keyring are real
(``tests.test_workstation``'s shared PC). The draft is only staged (in memory, as each
keystroke stages it) and not yet written when the screen locks or another person signs in:
the workstation writes it into the nurse's own encrypted store before that store closes, it is
there when she unlocks, and the other person's store never holds it.
"""

from __future__ import annotations

import uuid

from pytestqt.qtbot import QtBot

from app.shift.drafts import DRAFT_MARK
from app.shift.values import NoteDraft
from clinical.records.nursing_note import NoteCategory
from tests.idp.browser import HttpBrowser
from tests.test_workstation import (  # noqa: F401 - the shared PC's fixtures
    DOCTOR,
    NURSE,
    SharedPc,
    pytestmark,
    shared_pc,
    stack,
)


def test_a_staged_draft_is_written_before_a_lock_and_a_user_switch(
    qtbot: QtBot,
    shared_pc: SharedPc,  # noqa: F811 - the fixture imported above
) -> None:
    session, workstation = shared_pc.session, shared_pc.workstation
    nurse = session.sign_in_online()
    session.create_store("2468")
    qtbot.waitUntil(lambda: len(session.store().resources_of_type("Patient")) > 0, timeout=120_000)
    patient = str(session.store().resources_of_type("Patient")[0]["id"])
    services = workstation.clinical_services()
    draft = NoteDraft(patient, str(uuid.uuid4()), NoteCategory.OBSERVATION, "Urolig, ville hjem")
    services.stage_note_draft(draft)  # typed: staged, not yet written
    assert session.store().mark(DRAFT_MARK, patient) is None

    session.lock()
    assert not session.has_open_store()
    session.unlock_with_pin("2468")
    back = workstation.clinical_services().note_draft(patient)
    assert back is not None
    assert back.text == "Urolig, ville hjem"

    more = NoteDraft(
        patient, draft.note_id, NoteCategory.OBSERVATION, "Urolig, ville hjem. Roet seg."
    )
    workstation.clinical_services().stage_note_draft(more)
    shared_pc.browser.at_the_keyboard = HttpBrowser(*DOCTOR)
    physician = session.sign_in_online()  # another person at the lock screen: a user switch
    assert physician.subject != nurse.subject
    session.create_store("1357")
    assert session.store().mark(DRAFT_MARK, patient) is None  # never in the other's store
    assert workstation.clinical_services().note_draft(patient) is None

    shared_pc.browser.at_the_keyboard = HttpBrowser(*NURSE)
    session.sign_in_online()
    session.complete_sign_in("2468")
    hers = workstation.clinical_services().note_draft(patient)
    assert hers is not None
    assert hers.text == "Urolig, ville hjem. Roet seg."
