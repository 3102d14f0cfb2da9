"""Sign-in tests run against the real local identity provider and journal platform."""

from tests.idp.fixtures import idp, installation, secure_platform, users

__all__ = ["idp", "installation", "secure_platform", "users"]
