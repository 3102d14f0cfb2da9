"""The content codings this client accepts in answers: br where it can decode it, and gzip.

br (RFC 7932) makes a first sync's JSON about half the size gzip does (measured on a home-care
route's records: 157 KB against 349 KB at the levels servers use on the fly,
``tests/bench/bench_mobile_link.py``), which on a 10 Mbit/s mobile link is a sixth of a second.
httpx decodes br only with the ``brotli`` (or ``brotlicffi``) package installed, so br is
offered only then: an answer the client cannot decode must never be asked for.
"""

from __future__ import annotations

import importlib.util


def accept_encoding() -> str:
    """The ``Accept-Encoding`` header value: br first where it can be decoded."""
    if any(importlib.util.find_spec(name) for name in ("brotli", "brotlicffi")):
        return "br, gzip, deflate"
    return "gzip, deflate"
