"""Adapters from the encrypted offline store (``offline``) to the UI's data protocols.

``StoreRecordSource`` (``ui.record_source.RecordSource``) serves the patient list and the record
tabs; ``StoreBedsideSource`` (``ui.bedside.source.BedsideSource``) serves bedside documentation.
``main.py`` builds both over the signed-in user's open ``offline.store.Store``. Errors: each
adapter raises its protocol's error type (``RecordSourceError``, ``BedsideSourceError``) with a
message safe to show; store errors never leak through.
"""

from ui.sources.store_bedside import StoreBedsideSource
from ui.sources.store_records import StoreRecordSource

__all__ = ["StoreBedsideSource", "StoreRecordSource"]
