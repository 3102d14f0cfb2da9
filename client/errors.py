"""Every error the FHIR client raises, as one tree rooted at `FhirError`.

Callers catch the narrowest class they can act on and let the rest reach the one place that shows
errors. Each exception has two texts:

- ``str(exc)``: an English technical message for logs and IT administrators, saying what failed
  and what to check. It names the operation and resource type, never a resource body, a token, a
  query value or a patient identifier.
- ``exc.user_message``: a short Norwegian (bokmål) summary a nurse can act on.

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

    user_message = "Noe gikk galt i kontakten med journalsystemet. Prøv igjen."

    def __init__(self, message: str, *, user_message: str | None = None) -> None:
        super().__init__(message)
        if user_message is not None:
            self.user_message = user_message


class TransportError(FhirError):
    """The request did not complete over the network."""

    user_message = (
        "Får ikke kontakt med journalsystemet. Det du registrerer lagres på maskinen og "
        "sendes når forbindelsen er tilbake."
    )

    def __init__(self, message: str, *, sent: bool, user_message: str | None = None) -> None:
        super().__init__(message, user_message=user_message)
        self.sent = sent


class ConnectionFailed(TransportError):
    """Connection refused, reset or closed mid-request, or the HTTP exchange broke."""


class CertificateError(ConnectionFailed):
    """The server's TLS certificate is not trusted by the configured CA bundle."""

    user_message = (
        "Journalsystemets sertifikat er ikke godkjent på denne maskinen. Kontakt IT-avdelingen."
    )


class Timeout(TransportError):
    """The server did not answer in time (``phase`` is connect, read, write or pool)."""

    user_message = "Journalsystemet svarer ikke. Prøv igjen om litt."

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
        user_message: str | None = None,
    ) -> None:
        super().__init__(message, user_message=user_message)
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

    user_message = "Innloggingen er utløpt eller ikke godtatt. Logg inn på nytt."


class Forbidden(AuthError):
    """403: signed in, but not allowed to see or change this."""

    user_message = "Du har ikke tilgang til dette. Kontakt leder eller IT hvis du trenger tilgang."


class NotFound(ResponseError):
    """404: the resource (or the paging link) does not exist on the server."""

    user_message = "Finner ikke opplysningen i journalsystemet."


class Gone(NotFound):
    """410: the resource existed but has been deleted."""

    user_message = "Opplysningen er slettet i journalsystemet."


class VersionConflict(ResponseError):
    """412 on an ``If-Match`` write (or 409): the server holds a newer version than ours."""

    user_message = (
        "Noen andre har endret dette samtidig. Endringen din er ikke tapt; den må sees over "
        "mot den nye versjonen."
    )


class MultipleMatches(ResponseError):
    """412 from a conditional create: the query matched several resources, nothing was written."""

    user_message = (
        "Journalsystemet fant flere like oppføringer, så ingenting ble lagret. Kontakt IT."
    )


class InvalidInput(ResponseError):
    """400 or 422: the server rejected the request; ``diagnostics`` says why (do not log it)."""

    user_message = "Journalsystemet godtok ikke opplysningene. Kontroller det du har registrert."

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

    user_message = "Journalsystemet er travelt akkurat nå. Prøver igjen om litt."

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

    user_message = (
        "Journalsystemet har en feil akkurat nå. Prøv igjen senere; varsle IT hvis det varer."
    )


class UnexpectedResponse(ResponseError):
    """A status or body the FHIR API does not promise (for example HTML from a proxy)."""

    user_message = "Journalsystemet svarte på en uventet måte. Kontakt IT hvis det gjentar seg."


class IncompleteAnswer(UnexpectedResponse):
    """A transaction or batch answer lacks entries or per-entry statuses, or has too many.

    The server may or may not have written anything; no entry of the bundle may be treated as
    done. Resending is safe for the requests the sync engine sends (see client.retry).
    """

    user_message = "Journalsystemet ga et ufullstendig svar. Endringene sendes på nytt."


class ResourceValidationError(FhirError):
    """A resource failed validation; ``report`` says where, without its values."""

    def __init__(self, message: str, *, report: MalformedResource) -> None:
        super().__init__(message)
        self.report = report


class OutgoingResourceInvalid(ResourceValidationError):
    """A resource we were about to send is not valid FHIR R4; nothing was sent."""

    user_message = "Registreringen er ufullstendig eller ugyldig og ble ikke sendt. Kontakt IT."


class MalformedServerResource(ResourceValidationError):
    """A single read returned a resource that fails validation."""

    user_message = "Journalsystemet sendte en ugyldig oppføring. Varsle IT."
