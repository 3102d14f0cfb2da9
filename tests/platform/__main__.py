"""Run the journal platform in the foreground: ``python -m tests.platform [--port N] ...``."""

from __future__ import annotations

import argparse
import contextlib
import json
import threading
from pathlib import Path

from tests.platform.launcher import Platform


def _load(platform: Platform, path: Path) -> int:
    """Load one file: NDJSON by extension, otherwise a JSON Bundle."""
    if path.suffix in {".ndjson", ".jsonl"}:
        return platform.load_ndjson(path)
    return platform.load_bundle(json.loads(path.read_text(encoding="utf-8")))


def main() -> None:
    """Start the platform, load files, print the FHIR base URL, wait for Ctrl+C."""
    parser = argparse.ArgumentParser(prog="python -m tests.platform", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="port (0 = any free port)")
    parser.add_argument("--load", type=Path, nargs="*", default=[], help="NDJSON or Bundle files")
    parser.add_argument("--auth-token", default=None, help="require this bearer/DPoP token")
    parser.add_argument("--max-transaction-updates", type=int, default=50)
    parser.add_argument(
        "--profile", default="default", help="server profile: default, hapi, azure, firely, medplum"
    )
    args = parser.parse_args()
    with Platform.start(
        port=args.port,
        auth_token=args.auth_token,
        max_transaction_updates=args.max_transaction_updates,
        profile=args.profile,
    ) as platform:
        for path in args.load:
            print(f"loaded {_load(platform, path)} resources from {path.name}", flush=True)
        print(f"FHIR base: {platform.fhir_base}", flush=True)
        print(f"admin:     {platform.admin_base}   (Ctrl+C stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
