"""The encrypted local store, its keys and the machine's configuration layers. No Qt, no HTTP.

Store (one SQLCipher 4 file per user, see ``offline.store``):
  ``offline.paths.store_paths(user, directory=None)`` -> the user's files (platform data dir).
  ``offline.unlock.KeyManager(paths, policy=KeyPolicy(...))`` -> ``create(pin)`` at the first
  online sign-in, ``unlock_with_pin(pin)``, ``unlock_after_online_sign_in()``,
  ``change_pin(old, new)``, ``status()``; all return / use an ``offline.datakey.DataKey``.
  ``offline.store.Store.open(paths, key, user=..., create=False)`` -> local writes
  (``create/update/delete``: resource + outbox in one transaction), the read API for the views
  (``patients_on_ward``, ``patients_on_route``, ``core_record``, ``medication_list``,
  ``prescriptions``, ``vital_signs``, ``get``, ``find_by_identifier``), ``record_access`` for
  the audit log, and the sync engine's API (``claim_batch``, ``consolidate``, ``release``,
  ``quarantine``, ``requeue``, ``apply_server_resources``, ``apply_server_deletes``,
  ``checkpoint``, ``record_conflict``, ``open_conflicts``, ``resolve_conflict``,
  ``purge_patient``, ``outbox_status``), described in ``offline.sync_api``.
Errors: one tree rooted at ``offline.errors.StoreError`` (documented there).
Value types: ``offline.types``.
"""
