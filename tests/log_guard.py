"""Every log record of the whole test run, scanned for secrets and patient identifiers.

Installed from tests/conftest.py. The root logger is opened to DEBUG so libraries' debug output
(httpx, httpcore, oidc) is produced and checked too; a handler keeps what each record would
print. At the end of the session the text is searched for what must never reach a log:

- a fødselsnummer or D-nummer: 11 digits with valid check digits (clinical.identifiers);
- a JWT or DPoP proof: three base64url parts, the first starting ``eyJ`` (a JSON header);
- an ``Authorization`` value: ``Bearer``/``DPoP`` followed by a token;
- a raw 256-bit key in hex (the store's data key, as ``PRAGMA key`` takes it);
- a PIN: the word PIN (or ``pin=``) followed by digits.

A finding fails the run with the logger's name and the record, secret masked. Processes the
tests start have their own logs; the in-process ones are what this sees.
"""

from __future__ import annotations

import logging
import re

from clinical.identifiers import is_valid_person_id

_ELEVEN_DIGITS = re.compile(r"(?<!\d)(\d{6})\s?(\d{5})(?!\d)")
_PATTERNS = {
    "JWT": re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"),
    "Authorization value": re.compile(r"\b(?:Bearer|DPoP)\s+[A-Za-z0-9._~+/-]{16,}"),
    "raw key": re.compile(r"(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])"),
    "PIN": re.compile(r"\bpin\b\W{0,3}\d{4,}", re.IGNORECASE),
}


class LogGuard(logging.Handler):
    """A handler that formats and keeps every record it sees."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # a malformed record is the test's problem, not this guard's
            text = str(record.msg)
        if record.exc_info and record.exc_info[1] is not None:
            text += f" | {record.exc_info[1]!r}"
        self.lines.append((record.name, text))

    def findings(self) -> list[str]:
        """One line per record holding something that must not be logged, secret masked."""
        found: list[str] = []
        for name, text in self.lines:
            for label, hit in _hits(text):
                found.append(f"{name}: {label} in {text.replace(hit, '<' + label + '>')[:300]}")
        return found


def _hits(text: str) -> list[tuple[str, str]]:
    hits = [(label, m.group(0)) for label, rx in _PATTERNS.items() for m in rx.finditer(text)]
    for match in _ELEVEN_DIGITS.finditer(text):
        if is_valid_person_id(match.group(1) + match.group(2)):
            hits.append(("fødselsnummer", match.group(0)))
    return hits


def install() -> LogGuard:
    """Attach a guard to the root logger and open it to DEBUG; returns the guard."""
    guard = LogGuard()
    root = logging.getLogger()
    root.addHandler(guard)
    root.setLevel(logging.DEBUG)
    return guard
