"""Starting the small Node programs behind the tests (journal platform, identity provider).

Both install their npm packages from their own lockfile on first use and announce readiness with
one ``<PREFIX> <url>`` line on stdout; the launchers share these two steps.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path


def ensure_node_modules(directory: Path, *, error: type[Exception]) -> None:
    """Run ``npm ci`` from the lockfile when node_modules is missing or older than the lockfile."""
    marker = directory / "node_modules" / ".package-lock.json"
    lock = directory / "package-lock.json"
    if marker.exists() and marker.stat().st_mtime >= lock.stat().st_mtime:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise error("npm not found: install Node.js 20 or later")
    result = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund"],
        cwd=directory,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise error(f"npm ci failed in {directory}: {result.stderr[-2000:]}")


def read_ready_line(
    proc: subprocess.Popen[str], *, prefix: str, timeout: float, what: str, error: type[Exception]
) -> str:
    """Wait for the ``prefix`` line on the process's stdout; return what follows it."""
    found: list[str] = []

    def reader() -> None:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if line.startswith(prefix):
            found.append(line[len(prefix) :].strip())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    thread.join(timeout)
    if not found:
        raise error(f"{what} not ready within {timeout:.0f} s (exit code {proc.poll()})")
    return found[0]
