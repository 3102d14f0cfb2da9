"""Three-way merge of FHIR JSON against the last server version both sides started from.

Objects merge key by key, recursively: a key changed on one side only takes that side's value; a
key changed on both sides to the same value takes it; a key changed on both sides differently is
a conflict at that path. Arrays are atomic: FHIR array items have no stable identity, so two
different edits of one array are a conflict rather than a guess (android-fhir lost array edits
merging JSON patches by path, #2342). ``meta`` and ``text`` are the server's business and are
ignored; the merged resource carries the remote ``meta``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

IGNORED_TOP_LEVEL = frozenset({"meta", "text"})


class _Missing:
    """A key absent on one side (distinct from JSON null)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merged resource when every edit was disjoint, else the conflicting paths."""

    merged: dict[str, Any] | None
    conflicts: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def content(resource: dict[str, Any] | None) -> dict[str, Any] | None:
    """The resource without ``meta`` and ``text``: what a user or a sender actually wrote."""
    if resource is None:
        return None
    return {k: v for k, v in resource.items() if k not in IGNORED_TOP_LEVEL}


def same_content(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """True when two resources are equal apart from ``meta`` and ``text``."""
    return content(a) == content(b)


def three_way_merge(
    base: dict[str, Any] | None, local: dict[str, Any], remote: dict[str, Any]
) -> MergeResult:
    """Merge ``local`` and ``remote`` edits of ``base`` (None: both sides created it)."""
    conflicts: list[str] = []
    merged = _merge_object(
        content(base) or {}, content(local) or {}, content(remote) or {}, "", conflicts
    )
    if conflicts:
        return MergeResult(None, tuple(conflicts))
    if "meta" in remote:
        merged["meta"] = remote["meta"]
    return MergeResult(merged, ())


def _merge_object(
    base: dict[str, Any],
    local: dict[str, Any],
    remote: dict[str, Any],
    path: str,
    conflicts: list[str],
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    keys = list(dict.fromkeys([*local, *remote, *base]))
    for key in keys:
        b, l_, r = base.get(key, MISSING), local.get(key, MISSING), remote.get(key, MISSING)
        value = _merge_value(b, l_, r, f"{path}/{key}", conflicts)
        if value is not MISSING:
            out[key] = value
    return out


def _merge_value(b: Any, l_: Any, r: Any, path: str, conflicts: list[str]) -> Any:
    if _equal(l_, r):
        return l_
    if _equal(l_, b):
        return r
    if _equal(r, b):
        return l_
    if isinstance(l_, dict) and isinstance(r, dict):
        return _merge_object(b if isinstance(b, dict) else {}, l_, r, path, conflicts)
    conflicts.append(path)
    return l_


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0 (servers re-serialise numbers), but true != 1."""
    if a is MISSING or b is MISSING:
        return a is b
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return (
            isinstance(b, list)
            and len(a) == len(b)
            and all(_equal(x, y) for x, y in zip(a, b, strict=True))
        )
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    return type(a) is type(b) and bool(a == b)
