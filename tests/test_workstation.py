"""End to end, as a nurse meets it: HelseID-like sign-in, a new PIN, the first sync, her ward.

Everything is real: the identity provider (oidc-provider), the journal platform accepting only
DPoP-bound tokens, the browser step driven over HTTP, the OS keyring (Secret Service), the
encrypted store and the Qt main window. The screenshot of the open patient is the README's.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.errors import ColleagueNotVerified
from app.fhir_clients import platform_address
from app.session import Session, practitioner_id_for, unsent_count
from app.settings import UserSettings
from app.syncing.messages import Signed, SignRequest
from app.syncing.signing import PlatformSigner
from app.syncing.sync_process import ENDS_WITHIN_S
from app.values import AccessBasis as DialogBasis
from app.workstation import Workstation
from client import FhirClient
from client.oidc import DpopAuth, Identity
from clinical.clock import ClinicalClock
from clinical.codes import TJENESTETYPE_HELSE_OMSORG
from clinical.records import Staff, VitalSignsSet, vital_sign_observations
from clinical.records.audit import (
    CARE_RELATION_URL,
    RECORDED_OFFLINE_URL,
    AccessBasis,
    Organisation,
    RecordAccess,
    record_access_event,
)
from config import Settings, SettingsPaths
from offline.paths import person_store_paths
from offline.store import Store
from offline.types import UserId
from offline.unlock import KeyManager
from tests.idp.browser import HttpBrowser
from tests.idp.launcher import FHIR_RESOURCE, FHIR_SCOPE, IdentityProvider
from tests.platform.launcher import JwtAccess, Platform
from tests.synthetic import generate
from ui.app import prepare_application
from ui.event_bridge import EventBridge
from ui.i18n import Language
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.workbench import open_workbench

ROOT = Path(__file__).resolve().parents[1]
NURSE = ("kari.sykepleier", "test-nurse-password")
DOCTOR = ("lars.lege", "test-physician-password")
CLIENT_ID = "pleiepunkt-test"

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        "DBUS_SESSION_BUS_ADDRESS" not in os.environ,
        reason="needs a Secret Service: run under scripts/with-keyring.sh (scripts/test.sh does)",
    ),
]


@pytest.fixture
def bokmal() -> Iterator[None]:
    """The app as a nurse sees it: Bokmål and the app's style, removed again afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = prepare_application(app, language=Language.BOKMAL)
    yield
    for translator in translators:
        app.removeTranslator(translator)
    app.setStyleSheet("")


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[tuple[IdentityProvider, Platform, Path]]:
    with IdentityProvider.start(resources={FHIR_RESOURCE: FHIR_SCOPE}) as idp:
        access = JwtAccess(issuer=idp.issuer, audience=FHIR_RESOURCE, scope=FHIR_SCOPE)
        with Platform.start(jwt=access) as platform:
            ward = generate(patients=20, seed=2026, reference_date=dt.date.today())
            platform.load_ndjson(json.dumps(resource) for resource in ward)
            (tmp_path / "config.toml").write_text(
                f'server_url = "{platform.fhir_base}"\n'
                f'identity_provider_url = "{idp.issuer}"\n'
                f'client_id = "{CLIENT_ID}"\n'
                "sync_interval_seconds = 30\n"
                'purpose_of_use_detail = "21"\n',
                encoding="utf-8",
            )
            yield idp, platform, tmp_path


def test_nurse_signs_in_chooses_a_pin_syncs_and_opens_a_patient(
    qtbot: QtBot, stack: tuple[IdentityProvider, Platform, Path], bokmal: None
) -> None:
    idp, platform, root = stack
    settings = Settings.load(SettingsPaths.under_root(root))
    session = Session(settings=settings, data_dir=root / "stores", open_browser=HttpBrowser(*NURSE))
    idp.register_client(CLIENT_ID, session.client_key.public_jwk())
    runner, bridge = TaskRunner(), EventBridge()
    workstation = Workstation(
        session,
        settings=settings,
        platform=platform_address(platform.fhir_base, settings),
        clock=ClinicalClock(),
        listener=bridge,
    )
    try:
        identity = session.sign_in_online()
        assert identity.hpr_number == "900000017"
        assert not session.has_open_store()  # first time here: she chooses a PIN first
        assert session.needs_new_pin()
        session.create_store("2468")
        window = open_workbench(
            workstation, runner=runner, bridge=bridge, settings=UserSettings(settings)
        )
        assert isinstance(window, MainWindow)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.patient_list.model.rowCount() > 0, timeout=120_000)
        assert session.store().outbox_status().pending == 0

        row = window.patient_list.model.row_at(0)
        assert row is not None
        window.request_open(row)
        qtbot.waitUntil(lambda: window.access_dialog is not None, timeout=5_000)
        dialog = window.access_dialog
        assert dialog is not None
        dialog.choose(DialogBasis.CONSENT)
        dialog.accept()
        qtbot.waitUntil(lambda: window.workspace.panels[0].state == "content", timeout=10_000)
        # Opening the record queued an AuditEvent, which the next sync sends.
        qtbot.waitUntil(lambda: session.store().outbox_status().pending >= 1, timeout=5_000)
        # The first sync reached the platform: the opening is not flagged as offline, and it
        # names the service this computer is configured for.
        assert workstation.platform_reachable()
        (opening,) = session.store().resources_of_type("AuditEvent")
        assert RECORDED_OFFLINE_URL not in {x["url"] for x in opening["extension"]}
        purpose = opening["purposeOfEvent"][0]
        assert {"system": TJENESTETYPE_HELSE_OMSORG, "code": "21"} in purpose["coding"]
        window.resize(1366, 768)
        # A build artefact; the README's copy is resources/screenshots/synced_main_window.png.
        shots = ROOT / "build" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(shots / "synced_main_window.png"))

        session.lock()
        assert not session.has_open_store()
        session.unlock_with_pin("2468")
        assert session.has_open_store()
    finally:
        workstation.stop()
        runner.wait_for_done()
        session.close()


def test_a_colleague_who_signed_in_here_cosigns_with_her_own_pin(
    stack: tuple[IdentityProvider, Platform, Path],
) -> None:
    idp, _platform, root = stack
    settings = Settings.load(SettingsPaths.under_root(root))
    stores = root / "stores"
    nurse = Session(settings=settings, data_dir=stores, open_browser=HttpBrowser(*NURSE))
    idp.register_client(CLIENT_ID, nurse.client_key.public_jwk())
    physician = Session(settings=settings, data_dir=stores, open_browser=HttpBrowser(*DOCTOR))
    try:
        physician.sign_in_online()
        physician.create_store("1357")
        physician.lock()
        nurse.sign_in_online()
        nurse.create_store("2468")

        colleague = nurse.verify_colleague("900000025", "1357")
        assert colleague.name == "Lars Testlege"
        assert colleague.role == "LE"
        with pytest.raises(ColleagueNotVerified):
            nurse.verify_colleague("900000025", "0000")  # wrong PIN, counted on his key file
        with pytest.raises(ColleagueNotVerified):
            nurse.verify_colleague("900000017", "2468")  # she cannot co-sign for herself
        with pytest.raises(ColleagueNotVerified):
            nurse.verify_colleague("900000033", "1357")  # never signed in on this computer
    finally:
        nurse.close()
        physician.close()


class SwitchableBrowser:
    """The system browser of a shared PC: whoever stands at it signs in."""

    def __init__(self, credentials: tuple[str, str]) -> None:
        self.at_the_keyboard = HttpBrowser(*credentials)

    def __call__(self, url: str) -> None:
        self.at_the_keyboard(url)


Signature = tuple[str | None, str]
"""Whose access token a request the sync processes made was signed with, and its method."""


def token_subject(token: str | None) -> str | None:
    """The ``sub`` claim of an access token (read, not verified: the platform verified it)."""
    if not token:
        return None
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return str(claims["sub"])


def record_signatures(monkeypatch: pytest.MonkeyPatch, seen: list[Signature]) -> None:
    """Note every DPoP proof the sync processes had this process sign (the requests are made
    in those processes; what they sign with is decided here)."""
    answer = PlatformSigner.answer

    def noting(signer: PlatformSigner, request: SignRequest) -> Signed:
        if request.what == "proof":
            seen.append((token_subject(request.access_token), request.method))
        return answer(signer, request)

    monkeypatch.setattr(PlatformSigner, "answer", noting)


@dataclass
class SharedPc:
    """A ward PC with one app running: the session, its workstation and what was signed."""

    session: Session
    workstation: Workstation
    runner: TaskRunner
    browser: SwitchableBrowser
    platform: Platform
    stores: Path
    signed: list[Signature]


@pytest.fixture
def shared_pc(
    request: pytest.FixtureRequest,
    stack: tuple[IdentityProvider, Platform, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[SharedPc]:
    """The app as a nurse finds it, every platform request's token subject noted.

    Parametrize indirectly with seconds to shorten how long a background push may try."""
    idp, platform, root = stack
    drain_limit = dt.timedelta(seconds=float(getattr(request, "param", 120)))
    signed: list[Signature] = []
    record_signatures(monkeypatch, signed)
    settings = Settings.load(SettingsPaths.under_root(root))
    browser = SwitchableBrowser(NURSE)
    session = Session(settings=settings, data_dir=root / "stores", open_browser=browser)
    idp.register_client(CLIENT_ID, session.client_key.public_jwk())
    runner = TaskRunner()
    workstation = Workstation(
        session,
        settings=settings,
        platform=platform_address(platform.fhir_base, settings),
        clock=ClinicalClock(),
        listener=EventBridge(),
        drain_retry=dt.timedelta(seconds=1),
        drain_limit=drain_limit,
    )
    try:
        yield SharedPc(session, workstation, runner, browser, platform, root / "stores", signed)
    finally:
        platform.clear_faults()
        workstation.stop()
        runner.wait_for_done()
        session.close()


@dataclass(frozen=True)
class OfflineWork:
    nurse: Identity
    observation: dict[str, Any]
    opening: dict[str, Any]


def nurse_records_offline_and_locks(qtbot: QtBot, pc: SharedPc) -> OfflineWork:
    """She signs in, syncs, loses the network, measures a pulse, opens a record in an emergency
    and locks the screen: two records unsent, handed to the background push."""
    session = pc.session
    nurse = session.sign_in_online()
    session.create_store("2468")
    qtbot.waitUntil(lambda: len(session.store().resources_of_type("Patient")) > 0, timeout=120_000)
    patient_id = str(session.store().resources_of_type("Patient")[0]["id"])
    pc.platform.set_faults(error={"status": 503, "count": 1_000_000})
    staff = Staff(
        practitioner_id=practitioner_id_for(nurse),
        name=nurse.display_name,
        hpr=nurse.hpr_number,
        role="SP",
    )
    at = dt.datetime.now(ZoneInfo("Europe/Oslo"))
    pulse = vital_sign_observations(
        VitalSignsSet(pulse=72), patient_id=patient_id, performer=staff, effective=at
    )
    observation = session.store().write_all(list(pulse.values()))[0]
    opening = record_access_event(
        RecordAccess(
            patient_id=patient_id,
            user=staff,
            organisation=Organisation("313231593", "Testkommune"),
            basis=AccessBasis.EMERGENCY,
            at=at,
            workstation="ward-pc-3",
            reason="Falt, bevisstløs",
            recorded_offline=True,
        )
    )
    session.store().record_access(
        patient_id, basis="AKUTT", view="core-record", audit_event=opening
    )
    assert unsent_count(session.store()) == 2
    session.lock()
    assert not session.has_open_store()
    assert session.drains_running() == 1
    return OfflineWork(nurse, observation, opening)


def unsent_in_her_store(pc: SharedPc, nurse: Identity) -> int:
    """Open her store with her PIN (as her next unlock would) and count what is unsent."""
    paths = person_store_paths(issuer=nurse.issuer, subject=nurse.subject, directory=pc.stores)
    key = KeyManager(paths).unlock_with_pin("2468")
    with Store.open(paths, key, user=UserId(nurse.subject)) as hers:
        return unsent_count(hers)


def test_after_a_user_switch_the_first_person_s_records_reach_the_platform_as_hers(
    qtbot: QtBot, shared_pc: SharedPc
) -> None:
    pc, session = shared_pc, shared_pc.session
    work = nurse_records_offline_and_locks(qtbot, pc)
    nurse = work.nurse

    # A physician signs in at the lock screen; then the network comes back.
    pc.browser.at_the_keyboard = HttpBrowser(*DOCTOR)
    physician = session.sign_in_online()
    assert physician.subject != nurse.subject
    session.create_store("1357")
    assert session.drains_running() == 1
    pc.platform.clear_faults()
    qtbot.waitUntil(lambda: session.drains_running() == 0, timeout=90_000)

    # Records went out under her token: her background push signed its uploads (a POST: a
    # transaction or a create). The physician recorded nothing; her session's POSTs are its
    # sync's batches of searches (#21: reads, one round trip), and her outbox holds none of
    # the nurse's records (below), so nothing of the nurse's went under her token.
    uploads = [who for who, method in pc.signed if method == "POST"]
    assert nurse.subject in uploads
    assert set(uploads) <= {nurse.subject, physician.subject}
    assert session.tokens is not None
    with FhirClient(pc.platform.fhir_base, auth=DpopAuth(session.tokens)) as fhir:
        stored = fhir.read("Observation", work.observation["id"])
        assert stored["performer"][0]["identifier"]["value"] == nurse.hpr_number
        event = fhir.read("AuditEvent", work.opening["id"])
        assert event["agent"][0]["who"]["identifier"]["value"] == nurse.hpr_number
        purpose = event["purposeOfEvent"][0]
        assert {"ETREAT", "BTG", "AKUTT"} <= {c["code"] for c in purpose["coding"]}
        assert purpose["text"] == "Falt, bevisstløs"
        assert {CARE_RELATION_URL, RECORDED_OFFLINE_URL} <= {e["url"] for e in event["extension"]}

    # The physician's session holds nothing of hers.
    assert session.identity is not None
    assert session.identity.subject == physician.subject
    outbox_ids = {entry.resource_id for entry in session.store().outbox()}
    assert not outbox_ids & {work.observation["id"], work.opening["id"]}
    assert all(line.user_id != nurse.subject for line in session.store().audit_log())
    assert pc.workstation.pending_count() == 0
    # Her store was closed with nothing left to send.
    assert unsent_in_her_store(pc, nurse) == 0


def test_when_she_comes_back_her_own_sync_takes_over_from_the_background_push(
    qtbot: QtBot, shared_pc: SharedPc
) -> None:
    pc, session = shared_pc, shared_pc.session
    work = nurse_records_offline_and_locks(qtbot, pc)
    session.unlock_with_pin("2468")
    assert session.drains_running() == 0  # stopped before her store opened again
    assert unsent_count(session.store()) == 2
    pc.platform.clear_faults()
    pc.workstation.start_sync()  # at once, rather than after the failed first sync's backoff
    qtbot.waitUntil(lambda: unsent_count(session.store()) == 0, timeout=90_000)
    uploads = [who for who, method in pc.signed if method == "POST"]
    assert uploads
    assert set(uploads) == {work.nurse.subject}
    session.lock()  # nothing unsent: no background push, store and tokens dropped at once
    assert session.drains_running() == 0
    assert not session.has_open_store()


@pytest.mark.parametrize("shared_pc", [3], indirect=True)
def test_a_push_that_cannot_reach_the_platform_gives_up_and_keeps_the_records(
    qtbot: QtBot, shared_pc: SharedPc
) -> None:
    pc, session = shared_pc, shared_pc.session
    work = nurse_records_offline_and_locks(qtbot, pc)
    qtbot.waitUntil(lambda: session.drains_running() == 0, timeout=60_000)
    assert unsent_in_her_store(pc, work.nurse) == 2  # kept for her next sign-in


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (ProcessLookupError, FileNotFoundError):  # reaped meanwhile
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


def syncing_child(qtbot: QtBot, pc: SharedPc) -> int:
    """The sync process of the open store, once it is in the middle of a sync."""
    found: list[int] = []

    def busy() -> bool:
        process = pc.workstation.sync.process
        pid = process.pid if process is not None and process.syncing else None
        found[:] = [pid] if pid is not None else []
        return bool(found)

    qtbot.waitUntil(busy, timeout=60_000)
    return found[0]


def ended_within(pc: SharedPc, pid: int, action: Callable[[], object]) -> float:
    """Seconds from the moment ``action`` tells the sync process ``pid`` to stop until it had
    ended (from the start of ``action`` if it never did: a user switch first derives the new
    person's PIN key, while the previous person's sync goes on)."""
    process = pc.workstation.sync.process
    assert process is not None
    asked: list[float] = []
    stop = process.stop

    def stop_and_note() -> None:
        asked.append(time.monotonic())
        stop()

    process.stop = stop_and_note  # type: ignore[method-assign]
    ended: list[float] = []
    started = time.monotonic()

    def watch() -> None:
        while not _gone(pid) and time.monotonic() - started < 30:
            time.sleep(0.005)
        ended.append(time.monotonic())

    watcher = threading.Thread(target=watch)
    watcher.start()
    action()
    watcher.join()
    return ended[0] - (asked[0] if asked else started)


def test_lock_a_user_switch_and_sign_out_each_end_the_running_sync_within_a_second(
    qtbot: QtBot, shared_pc: SharedPc
) -> None:
    pc, session = shared_pc, shared_pc.session
    session.sign_in_online()
    session.create_store("2468")
    pc.platform.set_faults(latency_ms=150)  # every sync goes on for seconds
    took = {"lock": ended_within(pc, syncing_child(qtbot, pc), session.lock)}
    session.unlock_with_pin("2468")
    hers = syncing_child(qtbot, pc)
    pc.browser.at_the_keyboard = HttpBrowser(*DOCTOR)
    session.sign_in_online()  # on a shared PC this opens nothing yet: her sync goes on
    assert not _gone(hers)
    took["user switch"] = ended_within(pc, hers, lambda: session.create_store("1357"))
    took["sign-out"] = ended_within(pc, syncing_child(qtbot, pc), session.sign_out)
    assert all(seconds < ENDS_WITHIN_S for seconds in took.values()), took
    assert session.drains_running() == 0
    assert not session.has_open_store()
