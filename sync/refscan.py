"""The literal references of chosen resource types on a page, read from its JSON text.

Walking every parsed resource for ``reference`` keys cost about as much as parsing the page;
one regular expression over the received text finds the same targets about seven times faster
(tests/sync/test_refscan.py checks both agree). A reference value is matched only whole:
``[base/]Type/id[/_history/vid]``. The one thing the expression cannot read is a value with a
JSON escape in it (``\\/`` is legal JSON); a page holding one is walked instead.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from sync.scope import references

Target = tuple[str, str]

_ESCAPED_REFERENCE = re.compile(rb'"reference"\s*:\s*"[^"\\]*\\')


@functools.cache
def _pattern(types: frozenset[str]) -> re.Pattern[bytes]:
    names = b"|".join(re.escape(t.encode()) for t in sorted(types))
    return re.compile(
        rb'"reference"\s*:\s*"(?:[^"\\]*/)?('
        + names
        + rb")/([A-Za-z0-9\-.]{1,64})(?:/_history/[A-Za-z0-9\-.]{1,64})?\""
    )


def page_references(
    body: bytes, resources: Iterable[dict[str, Any]], types: frozenset[str]
) -> frozenset[Target]:
    """The ``(type, id)`` targets of ``types`` that ``resources`` (parsed from ``body``) name.

    ``body`` may be empty (a page built without its text): the resources are walked then.
    """
    if not types:
        return frozenset()
    if not body or _ESCAPED_REFERENCE.search(body) is not None:
        return walk_references(resources, types)
    return frozenset(
        (m.group(1).decode("ascii"), m.group(2).decode("ascii"))
        for m in _pattern(types).finditer(body)
    )


def walk_references(
    resources: Iterable[dict[str, Any]], types: frozenset[str]
) -> frozenset[Target]:
    """The same targets found by walking the parsed resources (the slow, general way)."""
    return frozenset(t for r in resources for t in references(r) if t[0] in types)
