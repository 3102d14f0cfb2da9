"""``DoseRecording``: a dose, a multidose pouch or an as-needed dose's effect, from the dialog's
plain value to the store and its outbox.

Each call decides what the entry means (``app.bedside.dose_records``), builds the resources
through ``clinical.records`` with the signed-in user as performer, and saves them all with
``Store.write_all``: every resource and its outbox entry in ONE transaction, so a failed save
or a crash never leaves half a medication round behind. Returns what was saved.

Errors: ``EntryRefused`` when a clinical rule refuses the entry (nothing is written);
``NotSaved`` when the store could not save (nothing is written).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from app.bedside.dose_records import dose_resources, effect_resources, pouch_resources
from app.entries import DoseEntry, EffectEntry, PouchEntry
from app.errors import EntryRefused, NotSaved
from app.service_context import StoreService, store_errors
from app.values import FhirJson
from clinical import nonadministration
from clinical.nonadministration import DoseRecordError


@contextmanager
def _clinical_rules() -> Iterator[None]:
    try:
        yield
    except DoseRecordError as exc:
        raise EntryRefused(exc.key, messages=nonadministration.MESSAGES) from exc


class DoseRecording(StoreService):
    """Saves the doses the nurse documented, as the signed-in user."""

    def record_dose(self, entry: DoseEntry) -> Sequence[FhirJson]:
        """Save one dose, and an as-needed dose's effect follow-up Task with it."""
        context = self._context
        now = context.clock().astimezone(context.ward.zone)
        return self._save(
            lambda: dose_resources(entry, giver=context.user, ward=context.ward, now=now)
        )

    def record_pouch(self, entry: PouchEntry) -> Sequence[FhirJson]:
        """Save one administration per drug of a multidose pouch, together."""
        context = self._context
        return self._save(lambda: pouch_resources(entry, giver=context.user, ward=context.ward))

    def record_effect(self, entry: EffectEntry) -> Sequence[FhirJson]:
        """Save the effect Observation and complete its follow-up Task, together."""
        return self._save(lambda: effect_resources(entry, assessor=self._context.user))

    def _save(self, build: Callable[[], list[dict[str, Any]]]) -> Sequence[FhirJson]:
        with _clinical_rules():
            resources = build()
        with store_errors(NotSaved):
            self._store().write_all(resources)
        return resources
