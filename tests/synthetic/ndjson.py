"""NDJSON output: one compact JSON resource per line, UTF-8, the form POST /admin/load takes."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from tests.synthetic.fhir import Resource


def ndjson_line(resource: Resource) -> str:
    """One resource as a compact JSON line, newline included."""
    return json.dumps(resource, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_ndjson(resources: Iterable[Resource], out: TextIO) -> Counter[str]:
    """Write every resource to ``out``; return the count per resource type."""
    counts: Counter[str] = Counter()
    for resource in resources:
        out.write(ndjson_line(resource))
        counts[resource["resourceType"]] += 1
    return counts
