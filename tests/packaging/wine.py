"""A throw-away Wine prefix that stands in for a Windows 10 PC, and the app installed in it.

Every command is bounded in time; output is captured as text. The prefix gets what a Windows 10
1903+ machine has and Wine 8 does not (``tests/packaging/wine_shims.py``), and TrueType fonts
in ``C:\\windows\\Fonts`` (Debian's DejaVu, standing in for Segoe UI), so the app's offscreen
screenshot has text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.wine_shims import install_shims

WINE_PATHS = ("/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/bin/wine")
INSTALLED = Path("drive_c") / "Program Files" / "Pleiepunkt"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
COMMAND_TIMEOUT = 300


def windows_path(path: Path) -> str:
    """``path`` on the Linux side as Wine's Z: drive sees it."""
    return "Z:" + str(path).replace("/", "\\")


class Wine:
    """One throw-away Wine prefix; every command it runs is bounded in time."""

    def __init__(self, prefix: Path) -> None:
        binary = next((p for p in WINE_PATHS if Path(p).exists()), None)
        if binary is None:
            pytest.fail("wine64 is not installed (bash packaging/install-build-tools.sh)")
        self.binary = binary
        self.prefix = prefix
        self.env = {
            **os.environ,
            "WINEPREFIX": str(prefix),
            "HOME": str(prefix.parent),
            "WINEDEBUG": os.environ.get("PLEIEPUNKT_WINEDEBUG", "-all"),
            # No Mono/Gecko download prompts, no menu entries in the host's home directory.
            "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d",
            "QT_QPA_PLATFORM": "offscreen",
        }

    @classmethod
    def windows10(cls, prefix: Path) -> Wine:
        """A new prefix, booted, with the Windows 10 DLL shims and fonts in place."""
        wine = cls(prefix)
        boot = wine.run("wineboot", "--init")
        assert boot.returncode == 0, boot.stderr[-2000:]
        install_shims(prefix / "drive_c" / "windows" / "system32")
        fonts = prefix / "drive_c" / "windows" / "Fonts"
        fonts.mkdir(parents=True, exist_ok=True)
        for font in sorted(FONTS.glob("*.ttf")):
            shutil.copy2(font, fonts / font.name)
        return wine

    @property
    def installed(self) -> Path:
        """``C:\\Program Files\\Pleiepunkt`` on the Linux side."""
        return self.prefix / INSTALLED

    @property
    def local_app_data(self) -> Path:
        """``%LOCALAPPDATA%`` of the prefix's user, on the Linux side."""
        user = os.environ.get("USER") or "root"
        return self.prefix / "drive_c" / "users" / user / "AppData" / "Local"

    def run(
        self, *arguments: str, cwd: Path | None = None, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.binary, *arguments], env=self.env, cwd=cwd,
            input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True, text=True, timeout=COMMAND_TIMEOUT, check=False,
        )  # fmt: skip

    def python(self, *arguments: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """The installed embeddable interpreter (``python\\python.exe``) with ``arguments``."""
        return self.run("python\\python.exe", *arguments, cwd=self.installed, stdin=stdin)

    def pleiepunkt(
        self, *arguments: str, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        """The installed command line, as IT runs it: ``pleiepunkt.cmd …`` through cmd.exe."""
        return self.run("cmd", "/c", "pleiepunkt.cmd", *arguments, cwd=self.installed, stdin=stdin)

    def registry_values(self, key: str) -> dict[str, str]:
        result = self.run("reg", "query", key)
        values = {}
        for line in result.stdout.splitlines():
            parts = line.split(None, 2)
            if len(parts) == 3 and parts[1].startswith("REG_"):
                values[parts[0]] = parts[2].strip()
        return values

    def installed_versions(self) -> list[str]:
        uninstall = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall"
        result = self.run("reg", "query", uninstall, "/s")
        blocks = result.stdout.split("\n\n")
        return [
            line.split()[-1]
            for block in blocks
            if "Pleiepunkt" in block
            for line in block.splitlines()
            if "DisplayVersion" in line
        ]

    def close(self) -> None:
        server = shutil.which("wineserver") or "/usr/lib/wine/wineserver"
        subprocess.run([server, "-k"], env=self.env, capture_output=True, timeout=60, check=False)
