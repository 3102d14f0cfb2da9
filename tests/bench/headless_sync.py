"""One headless sync of the workstation's scope into a fresh store, in a process of its own.

    python -m tests.bench.headless_sync --fhir-base URL --directory DIR --today 2026-11-26

What ``pleiepunkt sync`` does after the PIN (``app.headless``): bulk memory, the engine's
default settings (full pages, the prefetch thread), one run. The scope is the one the window
finds (``app.syncing.scope.discover_scope``, every unit and route), so the window's sync and
this one pull the same. Prints one JSON line: seconds (this process's whole life, from start to
the summary, as a user of the command waits for it), the engine's own seconds, resources pulled,
the outcome, this process's peak RSS and its CPU seconds. Synthetic data only.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402  (the clock starts before the imports, as a command's does)
import datetime as dt  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
from pathlib import Path  # noqa: E402

from offline import BULK_MEMORY, choose_memory_budget  # noqa: E402


def peak_rss_kb() -> int:
    """This process's RSS high-water mark (``VmHWM``)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status (not Linux?)")


def cpu_seconds() -> float:
    """CPU this process has used so far, all threads, user and system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fhir-base", required=True)
    parser.add_argument("--directory", type=Path, required=True)
    parser.add_argument("--today", type=dt.date.fromisoformat, required=True)
    parser.add_argument(
        "--key-file",
        type=Path,
        help="read the store's data key (hex) from this file instead of generating one, so the "
        "synced store can be opened again (``bench_gui_stall.py --over-store``)",
    )
    args = parser.parse_args()
    choose_memory_budget(BULK_MEMORY)

    from app.syncing.scope import discover_scope  # noqa: PLC0415
    from app.syncing.window_sync import sync_lock_path  # noqa: PLC0415
    from client import FhirClient  # noqa: PLC0415
    from offline import DataKey, Store, UserId, store_paths  # noqa: PLC0415
    from sync import SyncConfig, SyncEngine  # noqa: PLC0415

    user = UserId("bench-headless")
    key = (
        DataKey.from_hex(args.key_file.read_text().strip()) if args.key_file else DataKey.generate()
    )
    paths = store_paths(user, directory=args.directory)
    with (
        Store.open(paths, key, user=user, create=True) as store,
        FhirClient(args.fhir_base) as fhir,
    ):
        scope = discover_scope(fhir, wanted=(), today=args.today)
        engine = SyncEngine(
            store, fhir, scope, lock_path=sync_lock_path(paths), config=SyncConfig()
        )
        summary = engine.run(trigger="bench")
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - STARTED,
                "engine_seconds": (summary.finished_at - summary.started_at).total_seconds(),
                "pulled": summary.pulled,
                "outcome": summary.outcome.value,
                "peak_rss_kb": peak_rss_kb(),
                "cpu_seconds": cpu_seconds(),
            }
        )
    )


if __name__ == "__main__":
    main()
