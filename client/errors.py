"""Every error the FHIR client raises, as one tree rooted at `FhirError`.

Callers catch the narrowest class they can act on and let the rest reach the one place that shows
errors. Each exception carries:

- ``str(exc)``: an English technical message for logs and IT administrators, saying what failed
  and what to check. It names the operation and resource type, never a resource body, a token, a
  query value or a patient identifier.
- ``exc.code``: a stable code for the kind of failure (``fhir.unreachable``, ...). The client
  has no words for people: ``ui.errors`` turns the code into Bokmål or English.

The tree::

    FhirError
    ├── TransportError               the request did not complete over the network
    │   ├── ConnectionFailed         refused, reset, DNS failure, broken HTTP (``sent`` says
    │   │   │                        whether the request may have reached the server)
    │   │   └── CertificateError     TLS certificate not trusted (check the CA bundle)
    │   └── Timeout                  connect/read/write/pool timeout (``phase``)
    ├── ResponseError                the server answered with an error status (``status``)
    │   ├── AuthError                401/403; carries ``www_authenticate``
    │   │   ├── Unauthorized         401: sign in again
    │   │   └── Forbidden            403: no access to this record or action
    │   ├── NotFound                 404: no such resource (or an expired paging link)
    │   │   └── Gone                 410: the resource was deleted
    │   ├── VersionConflict          412 on an ``If-Match`` write (also 409): someone else
    │   │                            changed the resource first
    │   ├── MultipleMatches          412 from a conditional create whose query matched several
    │   │                            resources; NOT a version conflict
    │   ├── InvalidInput             400/422; carries the OperationOutcome ``diagnostics`` text
    │   ├── RateLimited              429; carries ``retry_after`` seconds when the server said
    │   ├── ServerError              5xx
    │   └── UnexpectedResponse       any other status, or a body that is not what FHIR promises
    │       └── IncompleteAnswer     a transaction/batch answer without one readable status per
    │                                entry: what the server did is unknown, so nothing may be
    │                                taken as done (the caller retries the whole bundle)
    └── ResourceValidationError      a resource failed validation; carries ``report``
        ├── OutgoingResourceInvalid  our own resource, checked before sending; nothing was sent
        └── MalformedServerResource  a single read returned a resource that fails validation

``InvalidInput.diagnostics`` holds the server's OperationOutcome text. Servers sometimes echo
submitted values in it, so it is kept out of ``str(exc)``: show it to the user who made the
change, never log it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class Problem:
    """One validation failure: where in the resource and what kind, never the offending value."""

    path: str
    kind: str


@dataclass(frozen=True)
class MalformedResource:
    """A resource that failed validation, described without any of its values."""

    resource_type: str | None
    resource_id: str | None
    problems: tuple[Problem, ...]

    def describe(self) -> str:
        """Return a log-safe one-line description: type, id and failing paths."""
        paths = ", ".join(f"{p.path} ({p.kind})" for p in self.problems[:10])
        more = f" and {len(self.problems) - 10} more" if len(self.problems) > 10 else ""
        return f"{self.resource_type or '?'}/{self.resource_id or '?'}: {paths}{more}"


class FhirError(Exception):
    """Base of every error raised by the FHIR client."""

    code: ClassVar[str] = "fhir.failed"

    def __init__(self, message: str) -> None:
        super().__init__(message)


class TransportError(FhirError):
    """The request did not complete over the network."""

    code = "fhir.unreachable"

    def __init__(self, message: str, *, sent: bool) -> None:
        super().__init__(message)
        self.sent = sent


class ConnectionFailed(TransportError):
    """Connection refused, reset or closed mid-request, or the HTTP exchange broke."""


class CertificateError(ConnectionFailed):
    """The server's TLS certificate is not trusted by the configured CA bundle."""

    code = "fhir.certificate"


class Timeout(TransportError):
    """The server did not answer in time (``phase`` is connect, read, write or pool)."""

    code = "fhir.timeout"

    def __init__(self, message: str, *, phase: str, sent: bool) -> None:
        super().__init__(message, sent=sent)
        self.phase = phase


class ResponseError(FhirError):
    """The server answered with an error status."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        resource_type: str | None = None,
        issue_codes: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.resource_type = resource_type
        self.issue_codes = issue_codes


class AuthError(ResponseError):
    """401 or 403: the sign-in is missing, expired or not allowed to do this."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        resource_type: str | None = None,
        issue_codes: tuple[str, ...] = (),
        www_authenticate: str | None = None,
    ) -> None:
        super().__init__(
            message, status=status, resource_type=resource_type, issue_codes=issue_codes
        )
        self.www_authenticate = www_authenticate


class Unauthorized(AuthError):
    """401: the server did not accept the sign-in; sign in again."""

    code = "fhir.unauthorized"


class Forbidden(AuthError):
    """403: signed in, but not allowed to see or change this."""

    code = "fhir.forbidden"


class NotFound(ResponseError):
    """404: the resource (or the paging link) does not exist on the server."""

    code = "fhir.not_found"


class Gone(NotFound):
    """410: the resource existed but has been deleted."""

    code = "fhir.gone"


class VersionConflict(ResponseError):
    """412 on an ``If-Match`` write (or 409): the server holds a newer version than ours."""

    code = "fhir.version_conflict"


class MultipleMatches(ResponseError):
    """412 from a conditional create: the query matched several resources, nothing was written."""

    code = "fhir.multiple_matches"


class InvalidInput(ResponseError):
    """400 or 422: the server rejected the request; ``diagnostics`` says why (do not log it)."""

    code = "fhir.invalid_input"

    def __init__(
        self,
        message: str,
        *,
        status: int,
        resource_type: str | None = None,
        issue_codes: tuple[str, ...] = (),
        diagnostics: str = "",
        expressions: tuple[str, ...] = (),
    ) -> None:
        super().__init__(
            message, status=status, resource_type=resource_type, issue_codes=issue_codes
        )
        self.diagnostics = diagnostics
        self.expressions = expressions


class RateLimited(ResponseError):
    """429: the server asks us to slow down; ``retry_after`` is in seconds when known."""

    code = "fhir.rate_limited"

    def __init__(
        self,
        message: str,
        *,
        status: int,
        resource_type: str | None = None,
        issue_codes: tuple[str, ...] = (),
        retry_after: float | None = None,
    ) -> None:
        super().__init__(
            message, status=status, resource_type=resource_type, issue_codes=issue_codes
        )
        self.retry_after = retry_after


class ServerError(ResponseError):
    """5xx: the server failed; the request may be retried later."""

    code = "fhir.server_error"


class UnexpectedResponse(ResponseError):
    """A status or body the FHIR API does not promise (for example HTML from a proxy)."""

    code = "fhir.unexpected_response"


class IncompleteAnswer(UnexpectedResponse):
    """A transaction or batch answer lacks entries or per-entry statuses, or has too many.

    The server may or may not have written anything; no entry of the bundle may be treated as
    done. Resending is safe for the requests the sync engine sends (see client.retry). It keeps
    its parent's code: a person acts on it as on any unexpected answer (words in ``ui.errors``).
    """


class ResourceValidationError(FhirError):
    """A resource failed validation; ``report`` says where, without its values."""

    def __init__(self, message: str, *, report: MalformedResource) -> None:
        super().__init__(message)
        self.report = report


class OutgoingResourceInvalid(ResourceValidationError):
    """A resource we were about to send is not valid FHIR R4; nothing was sent."""

    code = "fhir.outgoing_invalid"


class MalformedServerResource(ResourceValidationError):
    """A single read returned a resource that fails validation."""

    code = "fhir.malformed_resource"
