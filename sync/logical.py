"""Pull: records that name their patient by identifier (VKP, PMD), for the patients in scope.

VKP and PMD name the patient by logical identifier (``subject.identifier`` = the fødselsnummer),
never ``Patient/<id>``, so the compartment searches (``subject=Patient/<id>``) never find them.
This phase asks for them by the scope's patients' own identifiers (each held Patient's
fødselsnummer, D-nummer or FHN, the systems VKP allows: ``clinical.welfare.logical``); the store
then puts each record in exactly the compartment of the one Patient carrying that identifier
(``offline.logical_refs``), and keeps the JSON as it came, so it round-trips unchanged.

Per type (``LOGICAL_TYPES``: Observation and MedicationDispense by ``subject``, DetectedIssue by
``patient``):
- a patient new to this phase gets their recent history, ``BOOTSTRAP_DAYS`` back, with the
  ``:identifier`` modifier (FHIR R4 search.html#modifiers), many patients per search (comma =
  OR);
- the patients already pulled get what changed since the type's watermark: with up to
  ``chunk_size`` of them, one ``:identifier`` search naming them all; beyond that one search of
  every change of the type since the watermark, kept here by identifier. Either way the number of
  requests follows how much changed, never how long the history is.
A platform that refuses ``:identifier`` (HAPI FHIR answers HAPI-2498, Azure's FHIR service does
not support it) gets the same searches without it, filtered here by identifier.

Alerts naming nobody: a DetectedIssue or MedicationDispense changed since the last run whose
identifier names no patient in scope, and no Patient the platform knows (``Patient?identifier``),
belongs to no district and would be seen by nobody. It is kept, and the store leaves it
unresolved: the follow-up list shows it as unmatched, never attached to anyone. One naming a
patient of another district is not ours and is not kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any, Final, Protocol

from client import FhirClient, InvalidInput
from clinical.welfare.logical import PERSON_ID_SYSTEMS, logical_patient
from sync.ports import Checkpoint, SyncStore

Resource = dict[str, Any]
Params = list[tuple[str, str]]

LOGICAL_TYPES: Final[Mapping[str, str]] = {
    "Observation": "subject",
    "MedicationDispense": "subject",
    "DetectedIssue": "patient",
}
"""Each type VKP and PMD send, and the reference parameter that names the patient."""
DATE_PARAMS: Final[Mapping[str, str]] = {
    "Observation": "date",
    "MedicationDispense": "whenhandedover",
    "DetectedIssue": "identified",
}
BOOTSTRAP_DAYS: Final[Mapping[str, int]] = {
    "Observation": 400,  # the trend's longest period is a year
    "MedicationDispense": 14,  # the round looks back a day; the list three
    "DetectedIssue": 30,
}
ALERT_TYPES: Final = ("DetectedIssue", "MedicationDispense")
STRANGER_START: Final = timedelta(days=3)  # the follow-up list's window, on the first run


class PullOps(Protocol):
    """What this phase uses of the pull it runs in (``sync.pull.Puller``)."""

    store: SyncStore
    client: FhirClient
    key: str
    chunk_size: int

    def pull_since(
        self,
        name: str,
        rtype: str,
        params: Params,
        committed: Checkpoint,
        *,
        keep: Callable[[Resource], bool],
    ) -> None: ...

    def apply_all(
        self, rtype: str, params: Params, *, keep: Callable[[Resource], bool]
    ) -> None: ...

    def progress(self, phase: str, done: int, total: int | None) -> None: ...


def identifier_tokens(patient: Mapping[str, Any] | None) -> list[str]:
    """``system|value`` of each person identifier a Patient carries (FNR, DNR, FHN)."""
    tokens = []
    for identifier in (patient or {}).get("identifier") or ():
        if not isinstance(identifier, Mapping):
            continue
        system, value = identifier.get("system"), identifier.get("value")
        if system in PERSON_ID_SYSTEMS and isinstance(value, str) and value:
            tokens.append(f"{system}|{value}")
    return tokens


def _token(resource: Mapping[str, Any]) -> str | None:
    logical = logical_patient(resource)
    return None if logical is None else logical.token


class LogicalPull:
    """One run of the phase (see the module docstring)."""

    def __init__(self, ops: PullOps, *, now: str, minus: Callable[[str, timedelta], str]) -> None:
        self._ops = ops
        self._now = now
        self._minus = minus
        self._identifier_modifier = True
        self._platform_knows: dict[str, bool] = {}

    def run(self, members: Iterable[str]) -> None:
        """Pull for ``members`` (patient ids held in the store)."""
        ops = self._ops
        tokens: dict[str, list[str]] = {}
        for pid in sorted(members):
            found = identifier_tokens(ops.store.get("Patient", pid))
            if found:
                tokens[pid] = found
        pulled = self._pulled()
        known = [t for pid in sorted(tokens) if pid in pulled for t in tokens[pid]]
        new = [t for pid in sorted(tokens) if pid not in pulled for t in tokens[pid]]
        wanted = {t for found in tokens.values() for t in found}
        for done, (rtype, param) in enumerate(LOGICAL_TYPES.items()):
            self._changes(rtype, param, known, wanted)
            self._history(rtype, param, new)
            ops.progress("logical", done + 1, len(LOGICAL_TYPES))
        self._save_pulled(set(tokens))
        for rtype in ALERT_TYPES:
            self._strangers(rtype, wanted)

    # ---- the scope's patients --------------------------------------------------------------

    def _changes(self, rtype: str, param: str, known: Sequence[str], wanted: set[str]) -> None:
        ops = self._ops
        name = f"logical:{ops.key}:{rtype}"
        committed = ops.store.checkpoint(name)
        if committed is None or committed.watermark is None:
            ops.store.save_checkpoint(Checkpoint(name, self._now))
            return
        if not known:
            ops.store.save_checkpoint(Checkpoint(name, self._now))
            return
        if len(known) <= ops.chunk_size and self._identifier_modifier:
            params: Params = [(f"{param}:identifier", ",".join(known))]
            try:
                ops.pull_since(name, rtype, params, committed, keep=lambda _r: True)
            except InvalidInput:
                self._identifier_modifier = False  # refused: the same, filtered here
            else:
                ops.store.save_checkpoint(Checkpoint(name, self._now))
                return
        ops.pull_since(name, rtype, [], committed, keep=lambda r: _token(r) in wanted)
        ops.store.save_checkpoint(Checkpoint(name, self._now))

    def _history(self, rtype: str, param: str, new: Sequence[str]) -> None:
        if not new:
            return
        ops = self._ops
        since = self._minus(self._now, timedelta(days=BOOTSTRAP_DAYS[rtype]))
        bound = (DATE_PARAMS[rtype], f"ge{since}")
        if self._identifier_modifier:
            try:
                for start in range(0, len(new), ops.chunk_size):
                    group = new[start : start + ops.chunk_size]
                    params = [(f"{param}:identifier", ",".join(group)), bound]
                    ops.apply_all(rtype, params, keep=lambda _r: True)
                return
            except InvalidInput:
                self._identifier_modifier = False
        chosen = set(new)
        ops.apply_all(rtype, [bound], keep=lambda r: _token(r) in chosen)

    def _pulled(self) -> set[str]:
        found = self._ops.store.checkpoint(f"logical-members:{self._ops.key}")
        if found is None or not found.cursor_url:
            return set()
        return set(json.loads(found.cursor_url))

    def _save_pulled(self, members: set[str]) -> None:
        self._ops.store.save_checkpoint(
            Checkpoint(
                f"logical-members:{self._ops.key}",
                None,
                json.dumps(sorted(members), separators=(",", ":")),
            )
        )

    # ---- alerts naming nobody ----------------------------------------------------------------

    def _strangers(self, rtype: str, wanted: set[str]) -> None:
        ops = self._ops
        name = f"logical-strangers:{ops.key}:{rtype}"
        committed = ops.store.checkpoint(name)
        if committed is None or committed.watermark is None:
            committed = Checkpoint(name, self._minus(self._now, STRANGER_START))

        def nobody_s(resource: Resource) -> bool:
            token = _token(resource)
            return token is not None and token not in wanted and not self._known_patient(token)

        ops.pull_since(name, rtype, [], committed, keep=nobody_s)
        ops.store.save_checkpoint(Checkpoint(name, self._now))

    def _known_patient(self, token: str) -> bool:
        """Whether the platform holds a Patient with this identifier (asked once per run)."""
        if token not in self._platform_knows:
            found = list(
                self._ops.client.search("Patient", [("identifier", token), ("_elements", "id")])
            )
            self._platform_knows[token] = bool(found)
        return self._platform_knows[token]
