"""The window over a real encrypted store: the store fixtures of the application's tests."""

from tests.app.conftest import (
    generated,
    loaded_store,
    org_number,
    organisation,
    own_store,
    records,
)

__all__ = ["generated", "loaded_store", "org_number", "organisation", "own_store", "records"]
