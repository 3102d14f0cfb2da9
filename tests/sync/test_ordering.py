"""Upload order: dependencies first, cycles in one bundle, bundles bounded."""

from __future__ import annotations

from offline.types import OutboxEntry, ResourceId, ResourceType, Seq
from sync.ordering import upload_order


def entry(seq: int, name: str, *refs: str, op: str = "create") -> OutboxEntry:
    rtype, rid = name.split("/")
    return OutboxEntry(
        seq=Seq(seq),
        op=op,  # type: ignore[arg-type]
        resource_type=ResourceType(rtype),
        resource_id=ResourceId(rid),
        base_version_id=None if op == "create" else "1",
        resource={"resourceType": rtype, "id": rid},
        references=refs,
        state="inflight",
        attempts=1,
        last_error=None,
    )


def names(bundles: list[list[OutboxEntry]]) -> list[list[str]]:
    return [[f"{e.resource_type}/{e.resource_id}" for e in b] for b in bundles]


def test_referenced_creates_go_first() -> None:
    obs = entry(1, "Observation/o", "Patient/p")
    pat = entry(2, "Patient/p")
    assert names(upload_order([obs, pat], max_entries=1)) == [["Patient/p"], ["Observation/o"]]


def test_references_to_existing_resources_do_not_reorder() -> None:
    obs = entry(1, "Observation/o", "Patient/p")
    pat = entry(2, "Patient/p", op="update")
    assert names(upload_order([obs, pat], max_entries=1)) == [["Observation/o"], ["Patient/p"]]


def test_a_cycle_stays_in_one_bundle_even_above_the_limit() -> None:
    a = entry(1, "MedicationRequest/a", "MedicationRequest/b")
    b = entry(2, "MedicationRequest/b", "MedicationRequest/a")
    c = entry(3, "Observation/c")
    bundles = upload_order([a, b, c], max_entries=1)
    assert sorted(names(bundles)[0]) == ["MedicationRequest/a", "MedicationRequest/b"]
    assert names(bundles)[1] == ["Observation/c"]


def test_bundles_are_bounded_and_keep_seq_order_without_references() -> None:
    entries = [entry(i, f"Observation/o{i}") for i in range(1, 121)]
    bundles = upload_order(entries, max_entries=50)
    assert [len(b) for b in bundles] == [50, 50, 20]
    assert [e.seq for b in bundles for e in b] == list(range(1, 121))


def test_long_chain_does_not_recurse() -> None:
    entries = [entry(i, f"Basic/b{i}", f"Basic/b{i + 1}") for i in range(5000)]
    order = [e.resource_id for b in upload_order(entries, max_entries=50) for e in b]
    assert order == [f"b{i}" for i in reversed(range(5000))]
