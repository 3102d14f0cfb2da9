"""The encrypted local store and its keys. No Qt, no HTTP.

Other layers import the public API from here: ``from offline import Store, KeyManager, ...``.

Store (one SQLCipher 4 file per user, see ``offline.store``):
  ``store_paths(user, directory=...)`` -> the user's files in ``directory``.
  ``KeyManager(paths, policy=KeyPolicy(...))`` -> ``create(pin)`` at the first online sign-in,
  ``unlock_with_pin(pin)``, ``unlock_after_online_sign_in()``, ``change_pin(old, new)``,
  ``status()`` (a ``PinStatus``); all return / use a ``DataKey``.
  ``Store.open(paths, key, user=..., create=False)`` -> local writes (``create``, ``update``,
  ``delete``, ``write_all``: resource + outbox in one transaction), the read API of
  ``StoreReader`` (``patients_on_ward``, ``patients_on_route`` -> ``RouteVisit``,
  ``core_record``, ``medication_list``, ``prescriptions``, ``vital_signs``, ``compartment``,
  ``referencing``, ``resources_of_type``, ``each_of_type``, ``with_code``, ``get``,
  ``find_by_identifier``, ``unreadable_types``),
  ``record_access`` for the audit log (with the AuditEvent to upload), the user's never-synced
  marks (``set_mark`` / ``mark`` / ``clear_mark``), and the sync engine's API (``claim_batch``,
  ``consolidate``, ``release``, ``quarantine``, ``requeue``, ``apply_server_resources``,
  ``apply_server_deletes``, ``checkpoint``, ``save_checkpoints``, ``record_conflict``,
  ``open_conflicts``, ``resolve_conflict``, ``purge_patient``, ``prune_audit_log``,
  ``outbox_status``, ``id_aliases``, the unreadable records' ``keep_unreadable`` /
  ``unreadable_records`` / ``forget_unreadable``, and ``held_patients`` / ``clean_ids`` /
  ``known_count`` for comparing with the platform), described in ``offline.sync_api``.
``store_health(directory)`` -> each store file's health without a key (``doctor``);
``OsKeyring(service=...)`` -> the OS keyring as a secret source; ``memory_path_report()`` ->
which of the store's memory paths this machine takes (``doctor``); ``ensure_private_dir``;
``choose_memory_budget(BULK_MEMORY)`` before a process's first store connection sizes its
memory for bulk loading (a sync) rather than a window's reads (``offline.memory_budget``).
Errors: one tree rooted at ``StoreError`` (documented in ``offline.errors``).
Value types: ``offline.types``.

Importing this package loads only the standard library. ``Store``, ``SCHEMA_VERSION``,
``Resolution``, ``KeyManager``, ``KeyPolicy``, ``PinStatus`` and ``OsKeyring`` are loaded on
first use, because their modules pull in sqlcipher3, keyring and cryptography, and a layer that
may not depend on those (``ui``) still imports the light modules (``offline.types``,
``offline.views``, ``offline.errors``), which runs this file.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from offline.datakey import DataKey
from offline.errors import (
    ConflictNotFoundError,
    CorruptDatabaseError,
    DatabaseNotFoundError,
    DatabaseOpenError,
    InvalidResourceError,
    KeyFileCorruptError,
    KeyMaterialMissingError,
    KeyringUnavailableError,
    OnlineSignInRequiredError,
    OutboxEntryNotFoundError,
    PinRateLimitedError,
    PlaintextDatabaseError,
    RecoveryKeyError,
    ResourceDeletedError,
    ResourceExistsError,
    ResourceNotFoundError,
    StoreError,
    StoreKeyError,
    StoreStateError,
    UnknownSchemaVersionError,
    UnsentRecordsError,
    WrongDatabaseKeyError,
    WrongPinError,
)
from offline.health import StoreFileHealth, store_health
from offline.memory_budget import (
    BULK_MEMORY,
    WINDOW_MEMORY,
    MemoryBudget,
    choose_memory_budget,
    memory_budget,
)
from offline.paths import (
    StorePaths,
    ensure_private_dir,
    legacy_store_paths,
    person_store_paths,
    store_paths,
)
from offline.security_log import SecurityEntry, SecurityLog
from offline.types import (
    ApplyResult,
    AuditRecord,
    Checkpoint,
    Conflict,
    ConflictCandidate,
    ConflictId,
    CoreRecord,
    Json,
    MedicationList,
    Operation,
    OutboxEntry,
    OutboxState,
    OutboxStatus,
    PatientId,
    Prescriptions,
    PurgeResult,
    ResourceId,
    ResourceType,
    SentResult,
    Seq,
    UnreadableRecord,
    UserId,
)
from offline.views import WARD_ENCOUNTER_STATUSES, FinishedTasks, RouteVisit, StoreReader
from offline.write_turn import BedsideTurn

if TYPE_CHECKING:
    from offline.keyfile import person_vault_key
    from offline.keyring_secret import OsKeyring
    from offline.memory_paths import memory_paths as memory_path_report
    from offline.recovery import (
        RecoveryPublicKey,
        load_recovery_private_key,
        new_recovery_key,
    )
    from offline.store import SCHEMA_VERSION, Store
    from offline.sync_api import Resolution
    from offline.unlock import KeyManager, KeyPolicy, PinStatus, finish_move

_LAZY = {
    "OsKeyring": "offline.keyring_secret",
    "memory_path_report": "offline.memory_paths:memory_paths",
    "Store": "offline.store",
    "SCHEMA_VERSION": "offline.store",
    "Resolution": "offline.sync_api",
    "KeyManager": "offline.unlock",
    "KeyPolicy": "offline.unlock",
    "PinStatus": "offline.unlock",
    "finish_move": "offline.unlock",
    "person_vault_key": "offline.keyfile",
    "RecoveryPublicKey": "offline.recovery",
    "new_recovery_key": "offline.recovery",
    "load_recovery_private_key": "offline.recovery",
}


def __getattr__(name: str) -> Any:
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'offline' has no attribute {name!r}")
    module, _, attribute = where.partition(":")
    value = getattr(importlib.import_module(module), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "BULK_MEMORY",
    "SCHEMA_VERSION",
    "WARD_ENCOUNTER_STATUSES",
    "WINDOW_MEMORY",
    "ApplyResult",
    "AuditRecord",
    "BedsideTurn",
    "Checkpoint",
    "Conflict",
    "ConflictCandidate",
    "ConflictId",
    "ConflictNotFoundError",
    "CoreRecord",
    "CorruptDatabaseError",
    "DataKey",
    "DatabaseNotFoundError",
    "DatabaseOpenError",
    "FinishedTasks",
    "InvalidResourceError",
    "Json",
    "KeyFileCorruptError",
    "KeyManager",
    "KeyMaterialMissingError",
    "KeyPolicy",
    "KeyringUnavailableError",
    "MedicationList",
    "MemoryBudget",
    "OnlineSignInRequiredError",
    "Operation",
    "OsKeyring",
    "OutboxEntry",
    "OutboxEntryNotFoundError",
    "OutboxState",
    "OutboxStatus",
    "PatientId",
    "PinRateLimitedError",
    "PinStatus",
    "PlaintextDatabaseError",
    "Prescriptions",
    "PurgeResult",
    "RecoveryKeyError",
    "RecoveryPublicKey",
    "Resolution",
    "ResourceDeletedError",
    "ResourceExistsError",
    "ResourceId",
    "ResourceNotFoundError",
    "ResourceType",
    "RouteVisit",
    "SecurityEntry",
    "SecurityLog",
    "SentResult",
    "Seq",
    "Store",
    "StoreError",
    "StoreFileHealth",
    "StoreKeyError",
    "StorePaths",
    "StoreReader",
    "StoreStateError",
    "UnknownSchemaVersionError",
    "UnreadableRecord",
    "UnsentRecordsError",
    "UserId",
    "WrongDatabaseKeyError",
    "WrongPinError",
    "choose_memory_budget",
    "ensure_private_dir",
    "finish_move",
    "legacy_store_paths",
    "load_recovery_private_key",
    "memory_budget",
    "memory_path_report",
    "new_recovery_key",
    "person_store_paths",
    "person_vault_key",
    "store_health",
    "store_paths",
]
