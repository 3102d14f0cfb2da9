"""The session lifecycle of a shared workstation: sign-in, PIN unlock, lock, user switch,
sign-out, and colleagues co-signing with their own PIN.

``Session`` owns who is signed in and their open store (handed out typed by ``store()``); the
workstation listens to it to start and stop syncing, and gives it the background push of a
locked person's unsynced records.
"""

from app.session.session import Session, SessionListener, unsent_count
from app.session.sign_in import FHIR_API_RESOURCE, FHIR_API_SCOPE, KEYRING_SERVICE_SIGN_IN
from app.session.staff import practitioner_id_for, staff_for

__all__ = [
    "FHIR_API_RESOURCE",
    "FHIR_API_SCOPE",
    "KEYRING_SERVICE_SIGN_IN",
    "Session",
    "SessionListener",
    "practitioner_id_for",
    "staff_for",
    "unsent_count",
]
