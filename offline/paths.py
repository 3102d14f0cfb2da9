"""Where each user's store lives: one database file and one key file per user, in a 0700 dir.

The directory is the caller's to choose (``config.user_data_dir()`` in the app, a temporary
directory in tests): the store does not know about the machine's configuration.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

from offline.types import UserId


@dataclass(frozen=True, slots=True)
class StorePaths:
    """The files that belong to one user's store."""

    directory: Path
    stem: str

    @property
    def database(self) -> Path:
        return self.directory / f"{self.stem}.db"

    @property
    def key_file(self) -> Path:
        return self.directory / f"{self.stem}.keys.json"

    @property
    def state_file(self) -> Path:
        """The authenticated PIN state (``offline.key_state``)."""
        return self.directory / f"{self.stem}.state.json"

    @property
    def state_lock(self) -> Path:
        """The lock file held while the PIN state changes (holds no data)."""
        return self.directory / f"{self.stem}.state.lock"

    def own_files(self) -> tuple[Path, ...]:
        """Database, key file and state file (what moves when the store is renamed)."""
        return (self.database, self.key_file, self.state_file)

    def sidecars(self) -> tuple[Path, ...]:
        """SQLite's companion files: present while the database is open in WAL mode."""
        return (
            self.directory / f"{self.stem}.db-wal",
            self.directory / f"{self.stem}.db-shm",
            self.directory / f"{self.stem}.db-journal",
        )


def store_paths(user: UserId, *, directory: Path) -> StorePaths:
    """The store files for ``user`` in ``directory``; the name is a hash, so any user id is a
    safe file name."""
    if not user:
        raise ValueError("user id must not be empty")
    digest = hashlib.sha256(user.encode("utf-8")).hexdigest()[:24]
    return StorePaths(directory=directory, stem=f"store-{digest}")


def person_store_paths(*, issuer: str, subject: str, directory: Path) -> StorePaths:
    """The store of the person ``subject`` *at* ``issuer``: a store's identity is both, so an
    identity provider that asserts someone's ``sub`` never finds their store."""
    if not issuer or not subject:
        raise ValueError("issuer and subject must not be empty")
    return store_paths(UserId(f"{issuer}\n{subject}"), directory=directory)


def legacy_store_paths(subject: str, *, directory: Path) -> StorePaths:
    """Where format-1 installations kept a person's store (by ``sub`` alone); migrated to
    ``person_store_paths`` at the person's next PIN unlock."""
    return store_paths(UserId(subject), directory=directory)


def ensure_private_dir(directory: Path) -> None:
    """Create ``directory`` private to this user if needed (mode 0700 on POSIX, where an existing
    one keeps its mode). On Windows its ACL is made the user's and SYSTEM's alone, with what is
    already in it, whenever it lets anyone else in (``offline.windows_acl``; OSError if not)."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    if sys.platform == "win32":
        from offline.windows_acl import make_folder_private  # noqa: PLC0415  (Windows only)

        make_folder_private(directory)


def make_private_file(path: Path) -> None:
    """Limit a store file just created to this user: on POSIX ``os.open(..., 0o600)`` already
    did; on Windows it gets the user-and-SYSTEM ACL explicitly (which it would also inherit
    from its private folder, except where a file system does not apply inheritance)."""
    if sys.platform == "win32":
        from offline.windows_acl import restrict_to_user  # noqa: PLC0415  (Windows only)

        restrict_to_user(path)
