"""Sends one FHIR HTTP call: retries what is safe to repeat, maps failures to client.errors.

Request bodies are gzip-compressed once the server has said it decodes gzip: RFC 7694 section 3
lets a server list the content codings it accepts in requests in an ``Accept-Encoding``
response header. A 415 to a compressed request (the server, or a proxy in front of it, does
not decode it after all) turns compression off and sends the same request again uncompressed.

Logging here is the only request logging the client does: method, a scrubbed path (resource
types kept, ids masked, query parameter names only), status, time and attempt. Never bodies,
headers, tokens or query values.
"""

from __future__ import annotations

import gzip
import json
import logging
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx

from client.errors import (
    CertificateError,
    ConnectionFailed,
    FhirError,
    RateLimited,
    Timeout,
    TransportError,
    UnexpectedResponse,
)
from client.outcomes import error_for_status, summarize_outcome
from client.redaction import scrub_url
from client.retry import (
    Repeatable,
    RetryPolicy,
    never_sent,
    parse_retry_after,
    retries_exception,
    retries_status,
)

logger = logging.getLogger(__name__)

QueryPairs = tuple[tuple[str, str], ...]
COMPRESS_FROM_BYTES = 1024
"""Smaller bodies go as they are: gzip's header and the CPU would cost more than they save."""
UNSUPPORTED_MEDIA_TYPE = 415


@dataclass(frozen=True)
class Call:
    """One request to make: what, where, and how safe it is to repeat."""

    method: str
    url: str
    repeatable: Repeatable
    resource_type: str | None = None
    params: QueryPairs | None = None
    body: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    conditional_create: bool = False


class Sender:
    """Runs Calls on one ``httpx.Client`` with the retry policy; safe to share between threads."""

    def __init__(
        self,
        http: httpx.Client,
        *,
        policy: RetryPolicy,
        sleep: Callable[[float], None],
        random: Callable[[], float],
        clock: Callable[[], datetime],
    ) -> None:
        self._http = http
        self._policy = policy
        self._sleep = sleep
        self._random = random
        self._clock = clock
        self._base_path = http.base_url.path
        self._gzip_requests = False

    @property
    def compresses_requests(self) -> bool:
        """True once the server announced that it decodes gzip request bodies (RFC 7694)."""
        return self._gzip_requests

    def label(self, call: Call) -> str:
        """Return the log-safe description of ``call``, e.g. ``GET Patient/{id}``."""
        url = self._http.base_url.join(call.url) if "://" not in call.url else httpx.URL(call.url)
        if call.params:
            url = url.copy_merge_params(call.params)
        return f"{call.method} {scrub_url(url, base_path=self._base_path)}"

    def send(self, call: Call) -> httpx.Response:
        """Return the 2xx response to ``call``, retrying as the policy allows; raise FhirError."""
        attempts = max(1, self._policy.max_attempts)
        for attempt in range(1, attempts + 1):
            started = time.perf_counter()
            try:
                response = self._request(call)
                if response.status_code == UNSUPPORTED_MEDIA_TYPE and self._compressed(call):
                    self._gzip_requests = False  # not decoded after all: send it as it is
                    logger.info(
                        "%s: the server refused a gzip body; sent uncompressed", self.label(call)
                    )
                    response = self._request(call)
            except httpx.TransportError as exc:
                failure = self._transport_error(call, exc)
                if (
                    attempt < attempts
                    and retries_exception(call.repeatable, exc)
                    and not isinstance(failure, CertificateError)
                ):
                    self._pause(call, attempt, self._policy.backoff(attempt, self._random()), exc)
                    continue
                raise failure from exc
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug(
                    "%s -> %d in %.0f ms (attempt %d)",
                    self.label(call),
                    response.status_code,
                    (time.perf_counter() - started) * 1000,
                    attempt,
                )
            if response.is_success:
                return response
            error = self._status_error(call, response)
            if attempt < attempts and retries_status(call.repeatable, response.status_code):
                delay = self._delay(attempt, response)
                if delay is not None:
                    self._pause(call, attempt, delay, response.status_code)
                    continue
            raise error
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _compressed(self, call: Call) -> bool:
        return (
            self._gzip_requests
            and call.body is not None
            and len(call.body) >= COMPRESS_FROM_BYTES
            and "Content-Encoding" not in call.headers
        )

    def _request(self, call: Call) -> httpx.Response:
        body, headers = call.body, call.headers
        if body is not None and self._compressed(call):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            headers = {**headers, "Content-Encoding": "gzip"}
        response = self._http.request(
            call.method, call.url, params=call.params, content=body, headers=headers
        )
        announced = response.headers.get("accept-encoding")
        if announced is not None and response.status_code != UNSUPPORTED_MEDIA_TYPE:
            codings = {c.split(";")[0].strip().lower() for c in announced.split(",")}
            self._gzip_requests = "gzip" in codings
        return response

    def json(self, call: Call, response: httpx.Response) -> Any:
        """Return the parsed JSON body of ``response``; UnexpectedResponse when it is not JSON."""
        try:
            return json.loads(response.content)
        except ValueError:
            raise UnexpectedResponse(
                f"{self.label(call)}: the response is not JSON (HTTP {response.status_code}). "
                "Check the server address and any proxy in between.",
                status=response.status_code,
                resource_type=call.resource_type,
            ) from None

    def _delay(self, attempt: int, response: httpx.Response) -> float | None:
        retry_after = parse_retry_after(response.headers.get("retry-after"), now=self._clock())
        if retry_after is None:
            return self._policy.backoff(attempt, self._random())
        if retry_after > self._policy.max_retry_after:
            return None
        return retry_after

    def _pause(self, call: Call, attempt: int, delay: float, reason: object) -> None:
        cause = reason if isinstance(reason, int) else type(reason).__name__
        logger.info(
            "%s failed (%s); retrying in %.2f s (attempt %d of %d)",
            self.label(call),
            cause,
            delay,
            attempt + 1,
            self._policy.max_attempts,
        )
        self._sleep(delay)

    def _status_error(self, call: Call, response: httpx.Response) -> FhirError:
        body: object = None
        if response.content:
            try:
                body = json.loads(response.content)
            except ValueError:
                body = None
        error = error_for_status(
            response.status_code,
            operation=self.label(call),
            resource_type=call.resource_type,
            outcome=summarize_outcome(body),
            headers=response.headers,
            conditional_create=call.conditional_create,
            now=self._clock(),
        )
        if isinstance(error, RateLimited):
            logger.warning("%s: rate limited by the server (HTTP 429)", self.label(call))
        return error

    def _transport_error(self, call: Call, exc: httpx.TransportError) -> TransportError:
        label = self.label(call)
        host = self._http.base_url.host
        sent = not never_sent(exc)
        if isinstance(exc, httpx.TimeoutException):
            phase = {
                httpx.ConnectTimeout: "connect",
                httpx.ReadTimeout: "read",
                httpx.WriteTimeout: "write",
                httpx.PoolTimeout: "pool",
            }.get(type(exc), "read")
            return Timeout(
                f"{label}: timed out in the {phase} phase talking to {host}. Check the network; "
                "if the server is slow, raise the client's timeouts.",
                phase=phase,
                sent=sent,
            )
        if isinstance(exc, httpx.ConnectError) and _is_certificate_failure(exc):
            return CertificateError(
                f"{label}: the TLS certificate of {host} is not trusted. Install the "
                "municipality's CA bundle and set its path in the configuration.",
                sent=False,
            )
        if not sent:
            return ConnectionFailed(
                f"{label}: could not connect to {host} ({type(exc).__name__}). Check the "
                "network, the server address in the configuration, and that the platform runs.",
                sent=False,
            )
        return ConnectionFailed(
            f"{label}: the connection to {host} broke during the request "
            f"({type(exc).__name__}); the server may or may not have processed it.",
            sent=True,
        )


def _is_certificate_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        if "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
