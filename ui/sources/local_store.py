"""``LocalStore``: the part of ``offline.store.Store`` the adapters use, as a Protocol.

The adapters are typed against this instead of importing ``offline.store``, because that module
imports sqlcipher3 and ``ui`` must not depend on it, not even indirectly (the import-linter
contract follows chains). ``main.py`` passes the real ``Store``, which satisfies it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any, Protocol

from offline.types import CoreRecord, Json, MedicationList, Prescriptions
from offline.views import RouteVisit


class LocalStore(Protocol):
    """Reads and local writes of one user's open encrypted store."""

    def get(self, resource_type: str, resource_id: str) -> Json | None: ...

    def patients_on_ward(self, location_id: str) -> list[Json]: ...

    def patients_on_route(
        self, route_reference: str, *, start: datetime, end: datetime
    ) -> list[RouteVisit]: ...

    def core_record(self, patient_id: str) -> CoreRecord | None: ...

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

    def update(self, resource: Mapping[str, Any]) -> Json: ...

    def delete(self, resource_type: str, resource_id: str) -> None: ...

    def record_access(self, patient_id: str, *, purpose: str) -> None: ...
