"""The sync engine: outbox to platform, platform to store, conflicts. Plain Python, no Qt."""

from sync.status import Connectivity, SyncStatus

__all__ = ["Connectivity", "SyncStatus"]
