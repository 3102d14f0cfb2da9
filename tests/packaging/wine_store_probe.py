"""A harness the *installed* interpreter runs under Wine: one user's store, as the app keeps it.

    python.exe wine_store_probe.py create --user ID    (PIN on stdin) new store, keyring wrap, ACLs
    python.exe wine_store_probe.py sign-in --user ID   (PIN on stdin) her online sign-in, as the app
    python.exe wine_store_probe.py record --user ID    (PIN on stdin) write, close, reopen, read
    python.exe wine_store_probe.py memory               VirtualLock and the store's memory paths
    python.exe wine_store_probe.py folder               a folder others may open, made private

It imports the app as installed (``..\\app`` and ``..\\pkgs`` on the embed's ``._pth``, checked
below), uses the app's default places (``%LOCALAPPDATA%\\Pleiepunkt``, the OS keyring) and its
real code paths (KeyManager, Store, the clinical record builders), and prints facts one per
line (``name value…``) for tests/packaging/test_wine_app.py to check: ids, counts, sizes, access
lists. Never patient data. Exits 1 with the error when a step fails.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import keyring

import offline
from app.session import Session
from clinical.news2 import Consciousness
from clinical.records import Staff
from clinical.records.vital_signs import VitalSignsSet, vital_signs_resources
from config import IDENTITY_PROVIDER_URL, Settings, SettingsPaths, user_data_dir
from offline import windows_acl
from offline.keyring_secret import CREDENTIAL_BLOB_LIMIT, SERVICE_NAME
from offline.paths import ensure_private_dir, person_store_paths, store_paths
from offline.store import Store
from offline.types import UserId
from offline.unlock import KeyManager

OSLO = ZoneInfo("Europe/Oslo")


def fact(name: str, *values: object) -> None:
    print(name, *values, flush=True)


def create(user: UserId, pin: str) -> None:
    """First sign-in on this PC: a new data key wrapped under the PIN and the keyring secret."""
    paths = store_paths(user, directory=user_data_dir())
    key = KeyManager(paths).create(pin)
    Store.open(paths, key, user=user, create=True).close()
    backend = keyring.get_keyring()
    fact("keyring", f"{type(backend).__module__}.{type(backend).__name__}")
    value = backend.get_password(SERVICE_NAME, paths.stem)
    blob = len(value.encode("utf-16-le")) if value else 0
    fact("credential", SERVICE_NAME, paths.stem, blob, "bytes, limit", CREDENTIAL_BLOB_LIMIT)
    fact("folder", paths.directory)
    user_sid = windows_acl.current_user_sid()
    for path in (paths.directory, *sorted(paths.directory.rglob("*"))):
        others = windows_acl.other_trustees(path)
        sddl = windows_acl.dacl_sddl(path).replace(user_sid, "<user>")
        fact("acl", path.name, sddl, "others:", ",".join(others) or "none")


def sign_in(user: UserId, pin: str) -> None:
    """The nurse's online sign-in as the app does it (``Session.sign_in_online``, then her PIN
    where policy asks for it): her refresh token sealed in her vault and she is known here, for
    ``pleiepunkt sync`` to run as her. The browser step is the tests' HTTP stand-in for the
    system browser (from the checkout)."""
    sys.path.append(str(Path(__file__).resolve().parents[2]))
    from tests.idp.browser import HttpBrowser  # noqa: PLC0415 - the checkout's, path just added

    session = Session(
        settings=Settings.load(SettingsPaths.for_platform()),
        data_dir=user_data_dir(),
        open_browser=HttpBrowser("kari.sykepleier", "test-nurse-password"),
    )
    try:
        identity = session.sign_in_online()
        if session.needs_pin():
            session.complete_sign_in(pin)
        fact("signed-in", identity.subject == user, session.has_open_store())
    finally:
        session.close()


def record(user: UserId, pin: str) -> None:
    """Unlock with the PIN, record a set of vital signs, close; reopen, check, read it back."""
    # The app's sign-in keeps the person's store under their identity provider and subject.
    issuer = Settings.load(SettingsPaths.for_platform()).get(IDENTITY_PROVIDER_URL)
    paths = store_paths(user, directory=user_data_dir())  # renamed at the app's unlock
    if issuer:
        named = person_store_paths(issuer=issuer, subject=user, directory=user_data_dir())
        paths = named if named.key_file.exists() or not paths.key_file.exists() else paths
    with Store.open(paths, KeyManager(paths).unlock_with_pin(pin), user=user) as store:
        patient = sorted(p["id"] for p in store.resources_of_type("Patient"))[0]
        nurse = Staff(practitioner_id="wine-probe-nurse", name="Wine Probe", role="SP")
        values = VitalSignsSet(respiration_rate=16, spo2=97, on_oxygen=False, systolic=128,
                               diastolic=78, pulse=72, consciousness=Consciousness.ALERT,
                               temperature=37.1)  # fmt: skip
        resources, _score = vital_signs_resources(
            values, patient_id=patient, performer=nurse, effective=datetime.now(OSLO)
        )
        written = store.write_all(resources)
    ids = sorted(str(r["id"]) for r in written)
    fact("wrote", len(ids), "observations")
    with Store.open(
        paths, KeyManager(paths).unlock_with_pin(pin), user=user, integrity="full"
    ) as store:
        store.verify_integrity(full=True)
        back = [store.get("Observation", i) for i in ids]
        status = store.outbox_status()
    fact("integrity", "ok")
    fact("read back", sum(1 for r in back if r is not None), "of", len(ids))
    fact("pending", status.pending)
    for resource_id in ids:
        fact("observation", resource_id)
    winter, summer = datetime(2026, 1, 15, 12), datetime(2026, 7, 15, 12)
    fact("oslo offsets", OSLO.utcoffset(winter), OSLO.utcoffset(summer))


def memory() -> None:
    """Lock a block as the page-cache reservation would, and name the paths the store takes."""
    from offline.memory_paths import memory_paths  # noqa: PLC0415
    from offline.windows_memory import lock_in_working_set  # noqa: PLC0415

    kernel32 = ctypes.CDLL("kernel32")
    kernel32.GetCurrentProcess.restype = ctypes.c_void_p
    get_size = kernel32.GetProcessWorkingSetSize
    get_size.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]

    def minimum() -> int:
        low, high = ctypes.c_size_t(), ctypes.c_size_t()
        get_size(kernel32.GetCurrentProcess(), ctypes.byref(low), ctypes.byref(high))
        return low.value

    size = 72 * 1024 * 1024
    block = ctypes.create_string_buffer(size)
    before = minimum()
    result = lock_in_working_set(ctypes.addressof(block), size)
    fact("virtual lock", result.locked, result.detail)
    fact("working set minimum before and after, bytes", before, minimum())
    for line in memory_paths():
        fact("memory path", line)


def folder() -> None:
    """A folder made before the app restricted it (as an older version, or another program,
    would leave it), with a file inside: the next store open makes both private."""
    base = Path(os.environ["LOCALAPPDATA"]) / "Pleiepunkt-folder-check"
    (base / "signin").mkdir(parents=True, exist_ok=True)
    (base / "signin" / "old.sealed").write_bytes(b"sealed")
    for when in ("before", "after"):
        for path in (base, base / "signin", base / "signin" / "old.sealed"):
            fact(when, path.name, "others:", ",".join(windows_acl.other_trustees(path)) or "none")
        ensure_private_dir(base)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=("create", "sign-in", "record", "memory", "folder"))
    parser.add_argument("--user", default="")
    arguments = parser.parse_args()
    app = Path(offline.__file__).resolve().parents[1]
    fact("app", app)
    if not (app / "main.py").is_file() or app.parent.name != "Pleiepunkt":
        print(f"not the installed app: {app}", file=sys.stderr)
        return 1
    if arguments.step in {"memory", "folder"}:
        {"memory": memory, "folder": folder}[arguments.step]()
        return 0
    pin = sys.stdin.readline().strip()
    steps = {"create": create, "sign-in": sign_in, "record": record}
    steps[arguments.step](UserId(arguments.user), pin)
    return 0


if __name__ == "__main__":
    sys.exit(main())
