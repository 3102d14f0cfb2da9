"""``LocalStore``: the part of ``offline.store.Store`` the adapters use, as a Protocol.

The adapters are typed against this instead of importing ``offline.store`` (or the ``offline``
package root, which names ``Store`` for type checkers), because that module imports sqlcipher3
and ``ui`` must not depend on it, not even indirectly (the import-linter contract follows
chains). ``main.py`` passes the real ``Store``, which satisfies it (mypy checks that call).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

from offline.types import CoreRecord, Json, MedicationList, Prescriptions
from offline.views import RoundInputs, RouteVisit


class LocalStore(Protocol):
    """Reads, local writes and marks of one user's open encrypted store."""

    def get(self, resource_type: str, resource_id: str) -> Json | None: ...

    def resources_of_type(self, resource_type: str) -> list[Json]: ...

    def referencing(self, target: str, *, resource_type: str) -> list[Json]: ...

    def compartment(
        self,
        patient_id: str,
        types: Collection[str],
        *,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[Json]: ...

    def with_code(self, system: str, code: str, *, resource_type: str) -> list[Json]: ...

    def patients_on_ward(self, location_id: str) -> list[Json]: ...

    def patients_on_route(
        self, route_reference: str, *, start: datetime, end: datetime
    ) -> list[RouteVisit]: ...

    def core_record(self, patient_id: str) -> CoreRecord | None: ...

    def unreadable_types(self, patient_id: str) -> frozenset[str]: ...

    def round_inputs(
        self, patient_ids: Iterable[str], *, since: datetime, until: datetime
    ) -> dict[str, RoundInputs]: ...

    def medication_list(self, patient_id: str) -> MedicationList: ...

    def prescriptions(self, patient_id: str) -> Prescriptions: ...

    def vital_signs(
        self,
        patient_id: str,
        *,
        codes: Collection[str],
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[Json]: ...

    def create(self, resource: Mapping[str, Any]) -> Json: ...

    def write_all(self, resources: Sequence[Mapping[str, Any]]) -> list[Json]: ...

    def record_access(
        self,
        patient_id: str,
        *,
        purpose: str,
        audit_event: Mapping[str, Any] | None = None,
    ) -> Json | None: ...

    def mark(self, name: str, key: str) -> str | None: ...

    def set_mark(self, name: str, key: str, value: str) -> None: ...
