"""The one exception tree of the offline layer; every error the store raises is a StoreError.

Messages name files, resource types, ids and sequence numbers only: never resource bodies,
patient names or identifiers, so they are safe to log.

    StoreError
    ├── StoreKeyError                  (keys: keyring, PIN, passphrase, key file)
    │   ├── KeyringUnavailableError    no OS keyring; the message says what to install
    │   ├── KeyMaterialMissingError    no key file / keyring entry for this user (sign in online)
    │   ├── KeyFileCorruptError        the key file cannot be read or fails authentication
    │   ├── WrongPinError              wrong PIN or passphrase; carries attempts left
    │   ├── PinRateLimitedError        too soon after a wrong PIN; carries seconds to wait
    │   ├── OnlineSignInRequiredError  too many wrong PINs (or an edited or restored lockout
    │   │                              state): only an online sign-in lifts the lock
    │   └── RecoveryKeyError           the organisation's recovery key is wrong or missing
    ├── DatabaseOpenError              (the database file)
    │   ├── DatabaseNotFoundError      no database for this user and creation was not asked for
    │   ├── WrongDatabaseKeyError      the key does not decrypt this file
    │   ├── CorruptDatabaseError       truncated, damaged, or failing the integrity check
    │   ├── PlaintextDatabaseError     an unencrypted SQLite file where an encrypted one belongs
    │   └── UnknownSchemaVersionError  written by a newer version of the app
    ├── InvalidResourceError           not JSON / not an object / bad resourceType or id
    └── StoreStateError                (a request that contradicts what is stored)
        ├── ResourceNotFoundError      update or delete of a resource the store does not have
        ├── ResourceExistsError        create of a resource the store already has
        ├── ResourceDeletedError       any write after a local delete
        ├── OutboxEntryNotFoundError   a sequence number that is not (or no longer) in the outbox
        ├── ConflictNotFoundError      a conflict id that is not open
        └── UnsentRecordsError         a fresh store was asked for while records may be unsent

Nothing in this tree is ever answered by deleting or re-creating the database.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error raised by the offline store."""


class StoreKeyError(StoreError):
    """Something is wrong with the keys that protect the store."""


class KeyringUnavailableError(StoreKeyError):
    """No usable OS keyring; the message says what to install or how to configure around it."""


class KeyMaterialMissingError(StoreKeyError):
    """This user has no wrapped key on this machine (or its keyring secret is gone)."""


class KeyFileCorruptError(StoreKeyError):
    """The key file is unreadable or its wrapped key fails authentication with a correct secret."""


class WrongPinError(StoreKeyError):
    """The PIN or passphrase did not unwrap the data key."""

    def __init__(self, message: str, *, attempts_left: int) -> None:
        super().__init__(message)
        self.attempts_left = attempts_left


class PinRateLimitedError(StoreKeyError):
    """A PIN attempt came too soon after a wrong one; nothing was tried."""

    def __init__(self, message: str, *, retry_after_seconds: float) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class OnlineSignInRequiredError(StoreKeyError):
    """Too many wrong PINs: the store stays locked until the user signs in online.

    ``tampered`` is True when the lockout state was edited or restored from an old copy.
    """

    def __init__(self, message: str, *, tampered: bool = False) -> None:
        super().__init__(message)
        self.tampered = tampered


class RecoveryKeyError(StoreKeyError):
    """The organisation's recovery key is malformed, wrong for this store, or not there."""


class DatabaseOpenError(StoreError):
    """The database file cannot be opened as this user's store."""


class DatabaseNotFoundError(DatabaseOpenError):
    """There is no database file and the caller did not ask to create one."""


class WrongDatabaseKeyError(DatabaseOpenError):
    """The key does not decrypt this database file (no page authenticates)."""


class CorruptDatabaseError(DatabaseOpenError):
    """The file is truncated or damaged, or fails SQLite's or SQLCipher's integrity check."""


class PlaintextDatabaseError(DatabaseOpenError):
    """The file is an unencrypted SQLite database; the store refuses to use or convert it."""


class UnknownSchemaVersionError(DatabaseOpenError):
    """The file's schema version is newer than this app knows; it is left untouched."""

    def __init__(self, message: str, *, found: int, supported: int) -> None:
        super().__init__(message)
        self.found = found
        self.supported = supported


class InvalidResourceError(StoreError):
    """The input is not a FHIR resource the store can keep; nothing was written."""


class StoreStateError(StoreError):
    """The request contradicts what the store holds; nothing was written."""


class ResourceNotFoundError(StoreStateError):
    """The store has no such resource."""


class ResourceExistsError(StoreStateError):
    """A create for a resource that already exists."""


class ResourceDeletedError(StoreStateError):
    """A write to a resource that was deleted locally; deletes are final."""


class OutboxEntryNotFoundError(StoreStateError):
    """The outbox has no entry with this sequence number."""


class ConflictNotFoundError(StoreStateError):
    """There is no open conflict with this id."""


class UnsentRecordsError(StoreStateError):
    """A fresh store was asked for, but the old one may hold unsent records; nothing changed."""
