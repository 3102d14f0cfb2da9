"""Small helpers shared by the sign-in tests: a settable clock, a counting transport, and a
look inside issued JWTs."""

from __future__ import annotations

import base64
import json
import time

import httpx


class Clock:
    """Wall-clock time plus an offset the test can move forward."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


class CountingTransport(httpx.HTTPTransport):
    """A real HTTP transport that records (method, path, status) of every exchange."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, str, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        self.calls.append((request.method, request.url.path, response.status_code))
        return response


def payload(token: str) -> dict[str, object]:
    """A compact JWS's payload, decoded without verification (to inspect what was issued)."""
    body = token.split(".")[1]
    result: dict[str, object] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return result


def header(token: str) -> dict[str, object]:
    """A compact JWS's protected header, decoded."""
    head = token.split(".", maxsplit=1)[0]
    result: dict[str, object] = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    return result
