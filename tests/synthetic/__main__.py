"""Command line: write a synthetic municipality as NDJSON, one resource per line.

python -m tests.synthetic --patients 200 --seed 1 --reference-date 2026-01-15 [--home-days 365] \
    --out town.ndjson
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from tests.synthetic.generator import generate
from tests.synthetic.ndjson import write_ndjson
from tests.synthetic.profile import municipality_profile


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, write the file, report counts and speed on stderr."""
    parser = argparse.ArgumentParser(prog="python -m tests.synthetic", description=__doc__)
    parser.add_argument("--patients", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument(
        "--reference-date",
        type=dt.date.fromisoformat,
        default=None,
        help="'today' inside the data (default: today; pass it for reproducible output)",
    )
    parser.add_argument(
        "--home-days",
        type=int,
        default=365,
        help="days of home measurements for monitored home-care patients (default: a year)",
    )
    parser.add_argument("--out", required=True, help="NDJSON file to write ('-' for stdout)")
    args = parser.parse_args(argv)
    if args.patients < 1:
        parser.error("--patients must be at least 1")
    reference_date = args.reference_date or dt.date.today()
    profile = municipality_profile(args.patients)
    started = time.perf_counter()
    resources = generate(
        patients=args.patients,
        seed=args.seed,
        reference_date=reference_date,
        home_days=args.home_days,
    )
    if args.out == "-":
        counts = write_ndjson(resources, sys.stdout)
    else:
        with open(args.out, "w", encoding="utf-8") as out:
            counts = write_ndjson(resources, out)
    elapsed = time.perf_counter() - started
    total = sum(counts.values())
    print(
        f"{total} resources for {args.patients} patients "
        f"({profile.wards} wards, {profile.districts} home-care districts) "
        f"in {elapsed:.1f} s, {total / elapsed:,.0f} resources/s, reference date {reference_date}",
        file=sys.stderr,
    )
    for resource_type, count in sorted(counts.items()):
        print(f"  {resource_type:22} {count:9}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
