"""Reading a stored resource's references from its compact text agrees with walking it.

The sync indexes every resource it stores from the text ``compact_json`` wrote
(``offline.extract._text_references``); whatever that text holds, the index rows must be the
ones the walk over the parsed resource gives.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from offline.extract import _text_references, index_fields, normalise_date
from offline.resource_check import compact_json
from tests.shared_data import SYNTHEA_DIR
from tests.synthetic import generate

# Keys and strings chosen to hit what the text reading must not be fooled by: a key holding a
# quote before ``reference``, narrative quoting a reference, escapes, non-string references.
_KEYS = st.sampled_from(
    ["reference", "subject", "entry", 'x"reference', "reference\\", "display", "item", "id"]
)
_TEXT = st.sampled_from(
    [
        "Patient/p1",
        "Practitioner/a/_history/2",
        "https://fhir.example/R4/Organization/o1",
        "#contained",
        "urn:uuid:6f0c",
        "",
        '"reference":"Patient/not-a-key"',
        ',"reference":"Patient/q"}',
        "back\\slash",
        'quote"inside',
        "Observation/æøå",
    ]
)
_LEAF = st.one_of(_TEXT, st.none(), st.booleans(), st.integers(-5, 5))
_VALUE = st.recursive(
    _LEAF,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=12,
)


def _resource(body: dict[str, Any]) -> dict[str, Any]:
    return {"resourceType": "Observation", "id": "o1", **body}


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_KEYS, _VALUE, max_size=5))
def test_text_and_walk_agree_on_any_content(body: dict[str, Any]) -> None:
    resource = _resource(body)
    assert index_fields(resource, compact_text=compact_json(resource)) == index_fields(resource)


def test_text_and_walk_agree_on_synthetic_and_synthea_records() -> None:
    resources = [
        json.loads(json.dumps(r))
        for r in generate(patients=3, seed=5, reference_date=dt.date(2026, 3, 2))
    ]
    for path in sorted(SYNTHEA_DIR.glob("*.json"))[:3]:
        bundle = json.loads(path.read_text(encoding="utf-8"))
        resources += [e["resource"] for e in bundle.get("entry", []) if "resource" in e]
    assert len(resources) > 300
    read_from_text = 0
    for resource in resources:
        text = compact_json(resource)
        assert index_fields(resource, compact_text=text) == index_fields(resource)
        read_from_text += _text_references(text) is not None
    assert read_from_text == len(resources)  # plain references: none needed the walk


def test_a_reference_that_is_no_plain_string_is_walked() -> None:
    nested = _resource({"focus": {"reference": {"reference": "Patient/p1"}}})
    escaped = _resource({"subject": {"reference": 'Patient/"p1'}})
    quoted_key = _resource({'a"reference': "Patient/p1", "subject": {"reference": "Patient/p2"}})
    for resource in (nested, escaped, quoted_key):
        text = compact_json(resource)
        assert _text_references(text) is None
        assert index_fields(resource, compact_text=text) == index_fields(resource)
    assert index_fields(nested).references == ()


def test_compact_json_is_what_json_dumps_writes() -> None:
    resource = _resource(
        {"note": [{"text": 'æ "sitat" \\ \u0001'}], "valueQuantity": {"value": 1.5}}
    )
    assert compact_json(resource) == json.dumps(
        resource, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )


def test_normalised_instants_keep_their_stored_form() -> None:
    # The form every stored row has (strftime's): UTC, milliseconds truncated, ``Z``.
    assert normalise_date("2026-02-24T08:43:00+01:00") == "2026-02-24T07:43:00.000Z"
    assert normalise_date("2026-02-24T08:43:00.98765Z") == "2026-02-24T08:43:00.987Z"
    assert normalise_date("2026-01-01T00:30:00+02:00") == "2025-12-31T22:30:00.000Z"
    assert normalise_date("0999-05-01T10:00:00Z") == "999-05-01T10:00:00.000Z"
    assert normalise_date("2026-02-24") == "2026-02-24"
