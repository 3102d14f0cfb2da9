"""Every reference is a literal ``Type/id`` that resolves within the generated set."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.synthetic.samples import town, ward


def _references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                yield value
            else:
                yield from _references(value)
    elif isinstance(node, list):
        for item in node:
            yield from _references(item)


def test_every_reference_resolves() -> None:
    for resources in (ward(), town()):
        known = {f"{r['resourceType']}/{r['id']}" for r in resources}
        references = [ref for r in resources for ref in _references(r)]
        assert references
        assert [ref for ref in references if ref not in known] == []


def test_referenced_resources_come_before_the_patients_records() -> None:
    seen: set[str] = set()
    for resource in town():
        if resource["resourceType"] not in ("Patient",):
            continue
        gp = resource["generalPractitioner"][0]["reference"]
        seen.add(gp)
    structure = {f"{r['resourceType']}/{r['id']}" for r in town()[:400]}
    assert seen <= structure
