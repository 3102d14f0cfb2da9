"""Log-safe renderings of request URLs, and filters that keep httpx/httpcore logs log-safe.

A URL can identify a patient twice over: a logical id in the path, and search values in the
query (``identifier=urn:oid:2.16.578.1.12.4.1.4.1|<fødselsnummer>``). Logs therefore show only
resource types, ``_history``-style keywords and operation names from the path (other segments
become ``{id}``) and only the parameter names of the query.
"""

from __future__ import annotations

import logging
import re
import threading

import httpx

from clinical.fhir_types import KNOWN_TYPES

_KEPT_SEGMENTS = frozenset({"metadata"})
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z_\-:.]*\Z")
_installed = False
_base_paths: set[str] = set()
_install_lock = threading.Lock()


def scrub_url(url: httpx.URL | str, *, base_path: str = "") -> str:
    """Return ``url`` as a log-safe string: known path words kept, ids masked, query values gone.

    ``base_path`` (the server base's path) is dropped from the front, so the result reads like
    ``GET Patient/{id}/_history/{id}`` or ``Observation?patient&_count``.
    """
    parsed = httpx.URL(url) if isinstance(url, str) else url
    path = parsed.path
    if base_path and path.startswith(base_path):
        path = path[len(base_path) :]
    segments = [_scrub_segment(s) for s in path.split("/") if s]
    names: list[str] = []
    for name, _value in parsed.params.multi_items():
        if name not in names:
            names.append(name)
    query = "?" + "&".join(_scrub_segment(n, name=True) for n in names) if names else ""
    return "/".join(segments) + query


def _scrub_segment(segment: str, *, name: bool = False) -> str:
    if segment in KNOWN_TYPES or segment in _KEPT_SEGMENTS:
        return segment
    if segment[:1] in {"_", "$"} and segment[1:].replace("-", "").isalnum():
        return segment
    if name and _PARAM_NAME.match(segment):
        # Search parameter names (with modifiers and chains) are vocabulary, not data; digits
        # are refused so that nothing number-like (a fødselsnummer) passes as a name.
        return segment
    return "{id}"


class _HttpxRequestFilter(logging.Filter):
    """Rewrites httpx's ``HTTP Request: GET <url> ...`` INFO line to carry a scrubbed URL."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if (
            isinstance(record.msg, str)
            and record.msg.startswith("HTTP Request:")
            and isinstance(args, tuple)
            and len(args) >= 2
        ):
            record.args = (args[0], _scrub_absolute(httpx.URL(str(args[1]))), *args[2:])
        return True


def _scrub_absolute(url: httpx.URL) -> str:
    """Return origin, the configured base path, then the scrubbed rest of ``url``."""
    base = max((b for b in _base_paths if url.path.startswith(b)), key=len, default="/")
    origin = f"{url.scheme}://{url.host}" + (f":{url.port}" if url.port else "")
    return origin + base + scrub_url(url, base_path=base)


class _HttpcoreTraceFilter(logging.Filter):
    """Cuts httpcore DEBUG traces to their event name: the details hold response headers."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = message.split(" ", 1)[0]
        record.args = ()
        return True


def install_log_redaction(base_path: str = "/") -> None:
    """Attach the scrubbing filters to the httpx and httpcore loggers (idempotent).

    ``base_path`` (a FHIR base such as ``/fhir/R4/``) is shown in httpx's request lines as is;
    it is configuration, not data.
    """
    global _installed  # noqa: PLW0603 - a once-per-process switch for a process-wide resource
    with _install_lock:
        _base_paths.add(base_path if base_path.endswith("/") else base_path + "/")
        if _installed:
            return
        logging.getLogger("httpx").addFilter(_HttpxRequestFilter())
        for name in (
            "httpcore.connection",
            "httpcore.http11",
            "httpcore.http2",
            "httpcore.proxy",
            "httpcore.socks",
        ):
            logging.getLogger(name).addFilter(_HttpcoreTraceFilter())
        _installed = True
