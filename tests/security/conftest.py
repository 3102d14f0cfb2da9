"""Attacker tests run against the real local identity provider and the real OS keyring."""

from tests.idp.fixtures import idp, users

__all__ = ["idp", "users"]
