"""The searches that fetch patients' compartments: one per type and compartment parameter, for a
group of patients named in one OR list (``subject=Patient/a,Patient/b,...``).

Groups are cut so the list stays within ``SyncConfig.max_list_chars`` (a platform or proxy in
front of it may refuse long URLs; 4,000 characters keeps well inside the 8 KB many accept) and
``chunk_size`` patients. No search ever names a patient outside the scope, so no other
patient's record is ever fetched.
"""

from __future__ import annotations

from collections.abc import Sequence

from sync.pull.paging import Search
from sync.strategy import TypePlan

PRIMARY_PARAMS = ("patient", "subject", "beneficiary", "actor")


def patient_groups(patients: Sequence[str], *, max_chars: int, max_size: int) -> list[list[str]]:
    """``patients`` in groups whose ``Patient/<id>`` list fits ``max_chars`` and ``max_size``."""
    groups: list[list[str]] = []
    current: list[str] = []
    length = 0
    for pid in patients:
        cost = len("Patient/") + len(pid) + 1
        if current and (length + cost > max_chars or len(current) >= max_size):
            groups.append(current)
            current, length = [], 0
        current.append(pid)
        length += cost
    if current:
        groups.append(current)
    return groups


def compartment_searches(plan: TypePlan, patients: Sequence[str]) -> list[Search]:
    """One search per compartment parameter of ``plan`` for these patients."""
    return [search_by(plan.resource_type, param, patients) for param in plan.params]


def search_by(resource_type: str, param: str, patients: Sequence[str]) -> Search:
    """``resource_type`` whose ``param`` names one of ``patients``."""
    names = patients if param == "_id" else [f"Patient/{p}" for p in patients]
    return Search(resource_type, ((param, ",".join(names)),), tuple(patients))


def primary_param(plan: TypePlan) -> str:
    """The parameter naming the patient a record is about (its subject), for counting.

    The store files a record under the patient its ``patient``/``subject``/``beneficiary``/
    ``for``/``participant.actor`` names; counting through the matching parameter makes the
    platform's count and the store's comparable. Other parameters (performer, author...) name
    patients as actors.
    """
    for name in (*PRIMARY_PARAMS, "_id"):
        if name in plan.params:
            return name
    return plan.params[0]
