"""Three-way merge: disjoint edits merge, overlapping ones are conflicts, nothing is lost."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sync import three_way_merge

BASE = {
    "resourceType": "Observation",
    "id": "o1",
    "meta": {"versionId": "1"},
    "status": "preliminary",
    "valueQuantity": {"value": 72, "unit": "/min"},
    "note": [{"text": "a"}],
}


def edit(**changes: Any) -> dict[str, Any]:
    out = dict(BASE)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def test_disjoint_field_edits_merge() -> None:
    local = edit(status="final")
    remote = edit(valueQuantity={"value": 80, "unit": "/min"}, meta={"versionId": "2"})
    result = three_way_merge(BASE, local, remote)
    assert result.clean
    assert result.merged is not None
    assert result.merged["status"] == "final"
    assert result.merged["valueQuantity"]["value"] == 80
    assert result.merged["meta"] == {"versionId": "2"}


def test_nested_disjoint_edits_merge() -> None:
    local = edit(valueQuantity={"value": 75, "unit": "/min"})
    remote = edit(valueQuantity={"value": 72, "unit": "beats/min"})
    assert three_way_merge(BASE, local, remote).merged == edit(
        valueQuantity={"value": 75, "unit": "beats/min"}, meta=BASE["meta"]
    )


def test_overlapping_edits_conflict_with_their_path() -> None:
    result = three_way_merge(BASE, edit(status="final"), edit(status="amended"))
    assert result.merged is None
    assert result.conflicts == ("/status",)


def test_arrays_are_atomic() -> None:
    local = edit(note=[{"text": "a"}, {"text": "local"}])
    remote = edit(note=[{"text": "a"}, {"text": "remote"}])
    assert three_way_merge(BASE, local, remote).conflicts == ("/note",)


def test_delete_versus_change_of_a_field_conflicts() -> None:
    result = three_way_merge(BASE, edit(note=None), edit(note=[{"text": "b"}]))
    assert result.conflicts == ("/note",)


def test_same_edit_on_both_sides_is_no_conflict() -> None:
    both = edit(status="final")
    assert three_way_merge(BASE, both, both).merged == both


def test_numbers_compare_as_json_but_true_is_not_one() -> None:
    local = edit(valueQuantity={"value": 72.0, "unit": "/min"}, status="final")
    remote = edit(valueQuantity={"value": 72, "unit": "/min"})
    assert three_way_merge(BASE, local, remote).clean
    assert not three_way_merge(edit(flag=1), edit(flag=True), edit(flag=2)).clean


# ---- properties ----------------------------------------------------------------------------

scalars = st.one_of(st.booleans(), st.integers(-3, 3), st.sampled_from(["a", "b", "c"]))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["x", "y", "z"]), inner, max_size=3),
    ),
    max_leaves=8,
)
resources = st.dictionaries(st.sampled_from(["status", "code", "value", "note", "extra"]), values)


@given(resources, resources)
def test_unchanged_side_takes_the_other(base: dict[str, Any], other: dict[str, Any]) -> None:
    assert three_way_merge(base, base, other).merged == other
    assert three_way_merge(base, other, base).merged == other
    assert three_way_merge(base, other, other).merged == other


@given(resources, resources, resources)
def test_merge_is_symmetric(base: dict[str, Any], a: dict[str, Any], b: dict[str, Any]) -> None:
    ab, ba = three_way_merge(base, a, b), three_way_merge(base, b, a)
    assert ab.conflicts == ba.conflicts or set(ab.conflicts) == set(ba.conflicts)
    assert ab.merged == ba.merged


@given(resources, resources, resources)
def test_a_clean_merge_keeps_every_one_sided_edit(
    base: dict[str, Any], local: dict[str, Any], remote: dict[str, Any]
) -> None:
    result = three_way_merge(base, local, remote)
    if result.merged is None:
        assert result.conflicts
        return
    missing = object()
    for mine, theirs in ((local, remote), (remote, local)):
        for key in set(mine) | set(base):
            if mine.get(key, missing) != base.get(key, missing) and theirs.get(
                key, missing
            ) == base.get(key, missing):
                assert result.merged.get(key, missing) == mine.get(key, missing)


@given(
    resources,
    st.dictionaries(st.sampled_from(["p", "q"]), scalars, min_size=1),
    st.dictionaries(st.sampled_from(["r", "s"]), scalars, min_size=1),
)
def test_disjoint_keys_always_merge(
    base: dict[str, Any], local_add: dict[str, Any], remote_add: dict[str, Any]
) -> None:
    result = three_way_merge(base, {**base, **local_add}, {**base, **remote_add})
    assert result.merged == {**base, **local_add, **remote_add}
