"""Where configuration and data live on this machine: settings layers and the stores' directory.

==========  ===============================================  ===================================
layer       Windows                                          Linux (and any OS under a root)
==========  ===============================================  ===================================
policy      ``HKLM\\Software\\Policies\\Pleiepunkt`` (GPO,     ``/etc/pleiepunkt/policy.toml``
            the ADMX in ``packaging/windows/policy/``)
machine     ``HKLM\\Software\\Pleiepunkt`` (written by the    ``/etc/pleiepunkt/config.toml``
            MSI from SERVER_URL, IDP_URL, CLIENT_ID,         (a dpkg conffile)
            ORG_NUMBER; IT may add more values)
user        ``%APPDATA%\\Pleiepunkt\\settings.toml``          ``$XDG_CONFIG_HOME/pleiepunkt/
                                                             settings.toml``
==========  ===============================================  ===================================

``PLEIEPUNKT_CONFIG_ROOT=<dir>`` (or explicit :class:`SettingsPaths`) replaces all three with
``<dir>/policy.toml``, ``<dir>/config.toml`` and ``<dir>/user/settings.toml`` on every OS.

The per-user directories come from ``platformdirs`` (the OS's own rules: Known Folders on
Windows, the XDG base directories on Linux). The app's directory is ``Pleiepunkt`` on Windows
and macOS and ``pleiepunkt`` on Linux, where directory names are lower case by custom; existing
installations keep finding their stores there.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import platformdirs

from config.readers import RegistrySource, WindowsRegistry

CONFIG_ROOT_ENV: Final = "PLEIEPUNKT_CONFIG_ROOT"
POLICY_REGISTRY_KEY: Final = r"Software\Policies\Pleiepunkt"
MACHINE_REGISTRY_KEY: Final = r"Software\Pleiepunkt"
APP_NAME: Final = "Pleiepunkt"


def _app_dir_name() -> str:
    return APP_NAME if sys.platform in ("win32", "darwin") else APP_NAME.lower()


def user_data_dir() -> Path:
    """The platform's per-user, per-machine data directory for the app (not created here)."""
    return Path(platformdirs.user_data_dir(_app_dir_name(), appauthor=False, roaming=False))


def user_config_dir() -> Path:
    """The platform's per-user configuration directory for the app (roams on Windows)."""
    return Path(platformdirs.user_config_dir(_app_dir_name(), appauthor=False, roaming=True))


@dataclass(frozen=True, slots=True)
class SettingsPaths:
    """Where each layer lives: files, or registry keys when ``registry`` is given."""

    user: Path
    policy: Path | None = None
    machine: Path | None = None
    registry: RegistrySource | None = None

    @classmethod
    def under_root(cls, root: Path) -> SettingsPaths:
        """All three layers as files under ``root`` (tests, portable installs)."""
        return cls(
            policy=root / "policy.toml",
            machine=root / "config.toml",
            user=root / "user" / "settings.toml",
        )

    @classmethod
    def for_platform(cls, environ: Mapping[str, str] | None = None) -> SettingsPaths:
        """The locations for this OS, or under ``$PLEIEPUNKT_CONFIG_ROOT`` when it is set."""
        env = os.environ if environ is None else environ
        root = env.get(CONFIG_ROOT_ENV)
        if root:
            return cls.under_root(Path(root))
        user = user_config_dir() / "settings.toml"
        if sys.platform == "win32":
            return cls(user=user, registry=WindowsRegistry())
        return cls(
            policy=Path("/etc/pleiepunkt/policy.toml"),
            machine=Path("/etc/pleiepunkt/config.toml"),
            user=user,
        )
