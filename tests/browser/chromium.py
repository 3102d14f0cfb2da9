"""Debian's Chromium, driven headless through chromium-driver: the system browser of the tests.

The app hands the sign-in URL to the system browser (``app.session.Session``'s ``open_browser``,
by default ``webbrowser.open``). ``ChromiumOpener`` is that system browser here: the real
Chromium loads the identity provider's pages, applies their Content-Security-Policy and follows
the redirect back to the app's loopback receiver, as on a nurse's desktop. Both programs come
from Debian's packages ``chromium`` and ``chromium-driver`` (scripts/setup.sh); nothing is
downloaded at run time.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

# Root in a container needs --no-sandbox; the rest keeps a closed network quiet (no updates,
# sync, QUIC or first-run work) and the run private (a fresh profile every time).
_ARGUMENTS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def chromium_missing() -> str | None:
    """Why Chromium cannot run here, or None when both programs are installed."""
    for program in (CHROMIUM, CHROMEDRIVER):
        if not program.exists():
            return f"{program} missing: scripts/setup.sh installs chromium and chromium-driver"
    return None


@contextlib.contextmanager
def chromium() -> Iterator[webdriver.Chrome]:
    """A headless Chromium with a fresh profile; quit and removed when the block ends."""
    profile = tempfile.mkdtemp(prefix="pleiepunkt-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (*_ARGUMENTS, f"--user-data-dir={profile}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        driver.set_page_load_timeout(30)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


class ChromiumOpener:
    """``open_browser`` for the app: Chromium loads the URL, as the system browser would.

    Called on the app's sign-in worker; the person at the keyboard (the test) then uses the page.
    ``opened`` is set once the page has loaded, so the driver is only ever used by one thread
    at a time.
    """

    def __init__(self, driver: webdriver.Chrome) -> None:
        self.driver = driver
        self.opened = threading.Event()
        self.error: BaseException | None = None

    def __call__(self, url: str) -> None:
        try:
            self.driver.get(url)
        except BaseException as exc:  # reported to the test, never into the app's worker
            self.error = exc
        finally:
            self.opened.set()
