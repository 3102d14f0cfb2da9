"""Turns an error status and its OperationOutcome into the right exception from client.errors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from client.errors import (
    Forbidden,
    Gone,
    InvalidInput,
    MultipleMatches,
    NotFound,
    RateLimited,
    ResponseError,
    ServerError,
    Unauthorized,
    UnexpectedResponse,
    VersionConflict,
)
from client.retry import parse_retry_after


@dataclass(frozen=True)
class OutcomeSummary:
    """What an OperationOutcome says: issue codes, locations, and the (unsafe to log) text."""

    codes: tuple[str, ...] = ()
    expressions: tuple[str, ...] = ()
    diagnostics: str = ""


def summarize_outcome(body: object) -> OutcomeSummary:
    """Return the codes, expressions and diagnostics of an OperationOutcome (empty otherwise)."""
    if not isinstance(body, Mapping) or body.get("resourceType") != "OperationOutcome":
        return OutcomeSummary()
    codes: list[str] = []
    expressions: list[str] = []
    texts: list[str] = []
    issues = body.get("issue")
    for issue in issues if isinstance(issues, list) else []:
        if not isinstance(issue, Mapping):
            continue
        if isinstance(issue.get("code"), str):
            codes.append(issue["code"])
        for key in ("expression", "location"):
            for expression in issue.get(key) or []:
                if isinstance(expression, str) and expression not in expressions:
                    expressions.append(expression)
        details = issue.get("details")
        for text in (
            issue.get("diagnostics"),
            details.get("text") if isinstance(details, Mapping) else None,
        ):
            if isinstance(text, str) and text and text not in texts:
                texts.append(text)
    return OutcomeSummary(tuple(codes), tuple(expressions), "; ".join(texts))


def error_for_status(  # noqa: PLR0911 - one return per status family reads best
    status: int,
    *,
    operation: str,
    resource_type: str | None,
    outcome: OutcomeSummary,
    headers: Mapping[str, str],
    conditional_create: bool,
    now: datetime,
) -> ResponseError:
    """Return the exception for an error ``status`` answering ``operation`` (a scrubbed label).

    A 412 is a MultipleMatches when the outcome says ``multiple-matches`` or the request was a
    conditional create without ``If-Match``; otherwise it is a VersionConflict.
    """
    codes = outcome.codes
    common: dict[str, Any] = {
        "status": status,
        "resource_type": resource_type,
        "issue_codes": codes,
    }
    code_note = f"; issue codes: {', '.join(codes)}" if codes else ""
    where = f"; at: {', '.join(outcome.expressions[:3])}" if outcome.expressions else ""
    if status == 401:
        return Unauthorized(
            f"{operation}: the server did not accept the sign-in (HTTP 401). Sign in again; if "
            "it keeps happening, check the identity provider settings and the machine's clock.",
            www_authenticate=headers.get("www-authenticate"),
            **common,
        )
    if status == 403:
        return Forbidden(
            f"{operation}: access denied (HTTP 403{code_note}). Check the user's role and "
            "access basis in the identity provider.",
            www_authenticate=headers.get("www-authenticate"),
            **common,
        )
    if status == 404:
        return NotFound(
            f"{operation}: not found (HTTP 404). The resource does not exist on this server, "
            "or a paging link has expired.",
            **common,
        )
    if status == 410:
        return Gone(
            f"{operation}: the resource has been deleted on the server (HTTP 410).", **common
        )
    if status == 412 and ("multiple-matches" in codes or conditional_create):
        return MultipleMatches(
            f"{operation}: the conditional create matched more than one resource (HTTP 412); "
            "nothing was written. The server holds duplicates for the identifying query; ask "
            "the platform administrator to merge them.",
            **common,
        )
    if status in {409, 412}:
        return VersionConflict(
            f"{operation}: version conflict (HTTP {status}{code_note}); the resource changed on "
            "the server after our copy was read. Read the current version and merge.",
            **common,
        )
    if status in {400, 422}:
        return InvalidInput(
            f"{operation}: the server rejected the request as invalid (HTTP {status}"
            f"{code_note}{where}). The server's explanation is in the error's diagnostics.",
            diagnostics=outcome.diagnostics,
            expressions=outcome.expressions,
            **common,
        )
    if status == 429:
        retry_after = parse_retry_after(headers.get("retry-after"), now=now)
        after = f"; retry after {retry_after:.0f} s" if retry_after is not None else ""
        return RateLimited(
            f"{operation}: the server is limiting how fast this client may send (HTTP 429"
            f"{after}). Wait and try again; if it persists, ask the platform administrator "
            "about this client's rate limit.",
            retry_after=retry_after,
            **common,
        )
    if 500 <= status <= 599:
        return ServerError(
            f"{operation}: the server failed (HTTP {status}{code_note}). Try again later; if "
            "it persists, check the journal platform's health and logs.",
            **common,
        )
    return UnexpectedResponse(
        f"{operation}: unexpected HTTP status {status}{code_note}. Check the server address "
        "and any proxy between this machine and the journal platform.",
        **common,
    )
