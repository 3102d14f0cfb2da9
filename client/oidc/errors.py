"""Every error of sign-in and token handling, as one subtree of the client's ``FhirError``.

Sign-in belongs to the client layer, so its errors share the layer's root: ``str(exc)`` is
English for logs (never a token, code, PIN, key or claim value) and ``exc.code`` names the kind
of failure (``sign_in.cancelled``, ...) for ``ui.errors`` to put into words.

The tree::

    FhirError (client.errors)
    └── SignInError                   sign-in or token handling failed
        ├── SignInCancelled           the user cancelled the sign-in (in the window or at the
        │                             identity provider)
        ├── SignInNotCompleted        the browser never came back to the app in time (blocked,
        │                             closed, or the person walked away)
        ├── IdentityProviderUnreachable   no answer from the identity provider (offline)
        ├── IdentityProviderError     the identity provider refused a request (``error``)
        │   └── ReauthenticationRequired  the refresh token is expired, revoked or unknown:
        │                             only a new interactive sign-in helps
        ├── InvalidIdentityToken      the ID token (or the callback) failed validation
        ├── SecretStorageError        the client key or refresh token cannot be read or saved
        │                             (keyring missing or reset, sealed file damaged)
        ├── NotSignedIn               there is no session (signed out, or never signed in)
        └── OnlineSignInRequired      offline unlock is not allowed: nobody signed in online
                                      on this machine, or it is too long ago
"""

from __future__ import annotations

from client.errors import FhirError


class SignInError(FhirError):
    """Sign-in or token handling failed."""

    code = "sign_in.failed"


class SignInCancelled(SignInError):
    """The person cancelled the sign-in, in the window or at the identity provider."""

    code = "sign_in.cancelled"


class SignInNotCompleted(SignInError):
    """No answer reached the app from the browser within the time allowed.

    Not a cancel: nobody said stop. The browser may have refused the last redirect, been closed,
    or left on the login page, so the words say where it went wrong.
    """

    code = "sign_in.not_completed"


class IdentityProviderUnreachable(SignInError):
    """The identity provider did not answer (no network, DNS, timeout)."""

    code = "sign_in.unreachable"


class IdentityProviderError(SignInError):
    """The identity provider refused a request; ``error`` is the OAuth error code."""

    def __init__(self, message: str, *, error: str, status: int | None = None) -> None:
        super().__init__(message)
        self.error = error
        self.status = status


class ReauthenticationRequired(IdentityProviderError):
    """The refresh token no longer works (expired, revoked, rotated away): sign in again."""

    code = "sign_in.expired"


class InvalidIdentityToken(SignInError):
    """The ID token or the authorization response failed validation."""

    code = "sign_in.invalid_token"


class SecretStorageError(SignInError):
    """The client key or the refresh token cannot be read or saved."""

    code = "sign_in.secret_storage"


class NotSignedIn(SignInError):
    """There is no signed-in session."""

    code = "sign_in.not_signed_in"


class OnlineSignInRequired(SignInError):
    """Offline unlock is refused: no recent online sign-in by this person on this machine."""

    code = "sign_in.online_required"
