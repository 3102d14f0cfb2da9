"""Version ids parse from ETag and Location, and If-Match is always a weak ETag."""

from __future__ import annotations

import pytest

from client.versions import if_match, resolve_version, version_from_etag, version_from_location


@pytest.mark.parametrize(
    ("etag", "version"),
    [
        ('W/"3"', "3"),
        ('w/"3"', "3"),
        ('"3"', "3"),
        ("3", "3"),
        ('W/"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"', "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
        (' W/"7" ', "7"),
        ('W/""', None),
        ('W/"has space"', None),
        ("", None),
        (None, None),
    ],
)
def test_version_from_etag(etag: str | None, version: str | None) -> None:
    assert version_from_etag(etag) == version


@pytest.mark.parametrize(
    ("location", "version"),
    [
        ("https://fhir.example.test/fhir/R4/Patient/p1/_history/9", "9"),
        ("Patient/p1/_history/9", "9"),
        ("Patient/p1/_history/9/", "9"),
        ("Patient/p1/_history/9?x=1", "9"),
        ("Patient/p1", None),
        (None, None),
    ],
)
def test_version_from_location(location: str | None, version: str | None) -> None:
    assert version_from_location(location) == version


def test_resolve_prefers_etag_then_meta_then_location() -> None:
    resource = {"resourceType": "Patient", "meta": {"versionId": "m"}}
    location = "Patient/p1/_history/l"
    assert resolve_version(etag='W/"e"', resource=resource, location=location) == "e"
    assert resolve_version(etag=None, resource=resource, location=location) == "m"
    assert resolve_version(etag=None, resource=None, location=location) == "l"
    assert resolve_version(etag=None, resource=None, location=None) is None


def test_if_match_is_a_weak_etag_and_refuses_junk() -> None:
    assert if_match("12") == 'W/"12"'
    with pytest.raises(ValueError):
        if_match('1" , W/"2')
