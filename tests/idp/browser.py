"""The browser step of a sign-in, driven over HTTP: follow the authorization URL, post the
login form of the test identity provider, and follow redirects to the app's loopback receiver.

This stands in for the person at the system browser; everything it talks to is real (the
identity provider's pages and the app's loopback server). Never logs what it sends.
"""

from __future__ import annotations

import re
import threading
from urllib.parse import urljoin

import httpx

_FORM_ACTION = re.compile(r'<form id="(?P<id>[a-z]+)" method="post" action="(?P<action>[^"]+)"')


class BrowserStepError(AssertionError):
    """The identity provider's pages did not look as expected."""


class HttpBrowser:
    """Signs in as ``username`` when given the authorization URL (use as ``open_browser``)."""

    def __init__(self, username: str, password: str, *, abort: bool = False) -> None:
        self._username = username
        self._password = password
        self._abort = abort
        self.error: BaseException | None = None
        self.visited_callback = threading.Event()

    def __call__(self, url: str) -> None:
        """Run the browser step on a thread, as a real browser runs beside the app."""
        threading.Thread(target=self._run_safely, args=(url,), daemon=True).start()

    def _run_safely(self, url: str) -> None:
        try:
            self.run(url)
        except BaseException as exc:  # reported to the test through .error
            self.error = exc

    def run(self, url: str) -> httpx.Response:
        """Do the whole browser step synchronously; return the loopback receiver's answer."""
        with httpx.Client(follow_redirects=True, timeout=15.0) as http:
            page = http.get(url)
            forms = {m["id"]: m["action"] for m in _FORM_ACTION.finditer(page.text)}
            if "login" not in forms:
                raise BrowserStepError(f"no login form (HTTP {page.status_code})")
            if self._abort:
                final = http.post(urljoin(str(page.url), forms["abort"]))
            else:
                final = http.post(
                    urljoin(str(page.url), forms["login"]),
                    data={"username": self._username, "password": self._password},
                )
            if 'id="login"' in final.text:
                raise BrowserStepError("the identity provider refused the test credentials")
        self.visited_callback.set()
        return final
