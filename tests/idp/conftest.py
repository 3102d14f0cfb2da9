"""The identity provider's own tests use the shared sign-in fixtures."""

from tests.idp.fixtures import idp, installation, users

__all__ = ["idp", "installation", "users"]
