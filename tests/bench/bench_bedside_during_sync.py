"""Benchmark and proof: a nurse records doses in the window's process while the window's sync of
a municipality writes the same store from its own process; nothing is lost, both writers are safe.

    .venv/bin/python tests/bench/bench_bedside_during_sync.py --patients 2000

The CI suite proves this on a 30-patient ward (``tests/app/syncing/test_sync_process.py``); this
runs it at municipality scale, where the sync's write transactions are many and large. Loads
``generate(patients=N)`` into the local platform (``tests.bench.gui_stall.load``, in parts),
opens a fresh encrypted store, starts the window's sync (``SyncProcess``: the child process with
its own connection, the headless engine) and meanwhile records a dose every ``--every`` seconds
through the window's services on a thread of this process, as the window's worker does, until
the sync ends. A second sync then sends them. Prints how many doses were saved, how long each
save waited (median, p99, max: the sync's write transactions and SQLite's busy timeout are what
it waits for), any failure, and checks that every saved MedicationAdministration is on the
platform, the outbox is empty and the store passes a full integrity check. Exit code 0 when
all of that holds. Synthetic data only; not run in CI (a 2,000-patient run takes 10-20 minutes on
a shared two-core machine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import httpx

if TYPE_CHECKING:
    from tests.platform.launcher import Platform

# The sync process is spawned and imports this script again (as it does the app's main.py):
# everything heavy is imported inside main(), so the child loads only what it needs.


def on_platform(platform: Platform, ids: list[str]) -> int:
    """How many of the ``ids`` MedicationAdministrations the platform holds."""
    with httpx.Client(timeout=60) as http:
        return sum(
            http.get(f"{platform.fhir_base}/MedicationAdministration/{i}").status_code == 200
            for i in ids
        )


def an_active_order(platform: Platform) -> dict[str, object]:
    """One active MedicationRequest on the platform (the order the nurse documents)."""
    with httpx.Client(timeout=60) as http:
        bundle = http.get(
            f"{platform.fhir_base}/MedicationRequest", params={"status": "active", "_count": 20}
        ).json()
    from tests.app.syncing.nurse import active_request  # noqa: PLC0415

    return dict(active_request(entry["resource"] for entry in bundle.get("entry", [])))


def child_peak(pid: int | None) -> str:
    """The sync process's resident-memory high-water mark so far."""
    from tests.bench.gui_stall import peak_rss_mb  # noqa: PLC0415

    return "unknown" if pid is None else f"{peak_rss_mb(pid):.0f} MB"


def ms(seconds: list[float], share: float) -> float:
    ordered = sorted(seconds)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--every", type=float, default=0.2, help="seconds between two doses")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from app.fhir_clients import PlatformAddress  # noqa: PLC0415
    from app.syncing.sync_process import SyncProcess  # noqa: PLC0415
    from offline.datakey import DataKey  # noqa: PLC0415
    from offline.paths import store_paths  # noqa: PLC0415
    from offline.store import Store  # noqa: PLC0415
    from tests.app.conftest import USER_ID  # noqa: PLC0415
    from tests.app.syncing.nurse import Nurse  # noqa: PLC0415
    from tests.bench.gui_stall import load, machine_line  # noqa: PLC0415
    from tests.platform.launcher import Platform  # noqa: PLC0415

    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    today = dt.datetime.now(ZoneInfo("Europe/Oslo"))
    with Platform.start() as platform, tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        started = time.perf_counter()
        total = load(platform, patients=args.patients, today=today, scratch=scratch)
        print(f"loaded {total} resources ({args.patients} patients) in "
              f"{time.perf_counter() - started:.0f} s; {machine_line()}")  # fmt: skip
        order = an_active_order(platform)
        paths = store_paths(USER_ID, directory=scratch / "data")
        with Store.open(paths, DataKey.generate(), user=USER_ID, create=True) as store:
            process = SyncProcess(
                store,
                user=store.user,
                platform=PlatformAddress(platform.fhir_base),
                signer=None,
                purpose="window",
            )
            try:
                began = time.perf_counter()
                with Nurse(store, order, every=args.every) as nurse:
                    first = process.run(trigger="bench", today=today.date())
                synced = time.perf_counter() - began
                print(f"the sync: {first.outcome.value}, {first.pulled} resources in "
                      f"{synced:.0f} s, its process's peak RSS {child_peak(process.pid)}; "
                      f"{machine_line()}")  # fmt: skip
                began = time.perf_counter()
                second = process.run(trigger="bench", today=today.date())
                print(f"the second sync: {time.perf_counter() - began:.0f} s, its process's "
                      f"peak RSS {child_peak(process.pid)}")  # fmt: skip
            finally:
                process.stop()
            status = store.outbox_status()
            started = time.perf_counter()
            store.verify_integrity(full=True)
            checked = time.perf_counter() - started
        sent = on_platform(platform, nurse.saved)
    waits = nurse.save_seconds
    print(
        f"the nurse saved {len(nurse.saved)} doses while it ran, {len(nurse.failures)} saves "
        f"failed{': ' + repr(nurse.failures[0]) if nurse.failures else ''}"
    )
    if waits:
        print(f"each save took: median {statistics.median(waits) * 1000:.0f} ms, p99 "
              f"{ms(waits, 0.99):.0f} ms, max {max(waits) * 1000:.0f} ms")  # fmt: skip
    print(f"the second sync: {second.outcome.value}, {second.pushed} pushed; outbox pending "
          f"{status.pending}, in flight {status.inflight}; {sent} of {len(nurse.saved)} doses on "
          f"the platform; full integrity check passed in {checked:.0f} s")  # fmt: skip
    held = (
        first.ok
        and second.ok
        and not nurse.failures
        and len(nurse.saved) > 0
        and status.pending == status.inflight == 0
        and sent == len(nurse.saved)
    )
    print(f"VERDICT: doses recorded during a {args.patients}-patient sync all kept and sent, "
          f"both writers safe -> {'PASS' if held else 'FAIL'}")  # fmt: skip
    return 0 if held else 1


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    raise SystemExit(main())
