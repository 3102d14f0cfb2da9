"""No token, code, key, PIN or patient identifier reaches the log: a representative session —
browser sign-in, FHIR writes and reads of a synthetic patient (with a search by fødselsnummer),
token refresh, offline PIN unlock (right and wrong PIN), sign-out — runs with every logger at
DEBUG, and the captured text is scanned for each secret and for anything shaped like one."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import httpx
import pytest

from client import FhirClient
from client.oidc import (
    BrowserSignIn,
    DpopAuth,
    OfflineUnlockGate,
    TokenSession,
    refresh_token_name,
)
from offline.errors import WrongPinError
from offline.keyfile import ScryptParams
from offline.paths import store_paths
from offline.types import UserId
from offline.unlock import KeyManager, KeyPolicy
from tests.idp.browser import HttpBrowser
from tests.idp.fixtures import Installation, MemorySecrets
from tests.idp.launcher import SyntheticUser
from tests.platform.launcher import Platform

FNR = "13917499758"  # synthetic: month + 80, valid check digits
NAME = "Syntetisk Loggpasient"
PIN = "90817263"  # eight digits: cannot hide inside a port number
JWT_SHAPE = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.")
ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{11}(?!\d)")


class ProofKeeper(httpx.HTTPTransport):
    """A real transport that also keeps every DPoP proof sent (to look for them in the log)."""

    def __init__(self, proofs: list[str]) -> None:
        super().__init__()
        self._proofs = proofs

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._proofs.append(request.headers.get("DPoP", ""))
        return super().handle_request(request)


def test_a_whole_session_leaves_no_secret_in_the_log(
    caplog: pytest.LogCaptureFixture,
    installation: Installation,
    users: dict[str, SyntheticUser],
    secure_platform: Platform,
    tmp_path: Path,
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("", "httpx", "httpcore", "client", "offline", "ui"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    nurse = users["kari.sykepleier"]
    secrets: list[str] = [PIN, FNR, NAME, nurse.password]
    proofs: list[str] = []

    browser = HttpBrowser(nurse.username, nurse.password)
    finals: list[httpx.Response] = []
    real_run = browser.run

    def run_and_keep(url: str) -> httpx.Response:
        final = real_run(url)
        finals.append(final)
        return final

    browser.run = run_and_keep  # type: ignore[method-assign]
    with installation.provider() as provider:
        result = BrowserSignIn(provider, open_browser=browser).run(timeout=30)
        session = TokenSession.from_sign_in(provider, result, vault=installation.vault)
        gate = OfflineUnlockGate(installation.vault, max_offline_hours=12)
        gate.record(result.identity)

        transport = ProofKeeper(proofs)
        with FhirClient(
            secure_platform.fhir_base, auth=DpopAuth(session), transport=transport
        ) as fhir:
            created = fhir.create(
                {
                    "resourceType": "Patient",
                    "identifier": [{"system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": FNR}],
                    "name": [{"text": NAME}],
                }
            )
            assert created.resource is not None
            patient_id = created.resource["id"]
            fhir.read("Patient", patient_id)
            query = {"identifier": f"urn:oid:2.16.578.1.12.4.1.4.1|{FNR}"}
            next(iter(fhir.search_pages("Patient", query)))
            first_access = session.access_token()
            second_access = session.refresh()
            fhir.read("Patient", patient_id)

        keys = KeyManager(
            store_paths(UserId(result.identity.subject), directory=tmp_path / "stores"),
            policy=KeyPolicy(scrypt=ScryptParams(n=2**10)),
            secrets=MemorySecrets(),
        )
        data_key = keys.create(PIN)
        with pytest.raises(WrongPinError):
            keys.unlock_with_pin("0000")
        keys.unlock_with_pin(PIN)
        stored_refresh = installation.vault.load(refresh_token_name(result.identity)) or b""
        session.sign_out()

    code = httpx.URL(str(finals[0].url)).params["code"] if finals else ""
    secrets += [
        first_access,
        second_access,
        result.tokens.refresh_token or "",
        result.tokens.id_token or "",
        code,
        patient_id,
        data_key.raw().hex(),
        installation.key.to_pem().decode(),
        *proofs,
        stored_refresh.decode(),
    ]
    text = caplog.text + "\n".join(
        f"{record.args!r} {record.exc_text or ''} {getattr(record, 'stack_info', '') or ''}"
        for record in caplog.records
    )
    assert len(caplog.records) > 20  # the flow really logged
    for secret in (s for s in secrets if s):
        for piece in {secret, secret[:24], secret[-24:]}:
            assert piece not in text, "a secret reached the log"
    assert not JWT_SHAPE.search(text), "something shaped like a JWT reached the log"
    assert not ELEVEN_DIGITS.search(text), "an 11-digit number reached the log"
    assert nurse.hpr_number not in text
