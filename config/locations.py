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

``PLEIEPUNKT_CONFIG_ROOT=<dir>`` or ``--config-root <dir>`` replaces all three with
``<dir>/policy.toml``, ``<dir>/config.toml`` and ``<dir>/user/settings.toml``, but only on a
machine *without* a policy (no values under the policy registry key, no
``/etc/pleiepunkt/policy.toml``): for development and tests. Where IT has set a policy, the
override is refused (``SettingsPaths.refused_override`` says so, and the app logs it as a policy
violation), so one user cannot point every colleague's app at their own servers.

The per-user directories come from ``platformdirs`` (the OS's own rules: Known Folders on
Windows, the XDG base directories on Linux). The app's directory is ``Pleiepunkt`` on Windows
and macOS and ``pleiepunkt`` on Linux, where directory names are lower case by custom; existing
installations keep finding their stores there.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
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
    refused_override: str | None = None
    """A configuration-root override that was refused because a machine policy exists."""

    @classmethod
    def under_root(cls, root: Path) -> SettingsPaths:
        """All three layers as files under ``root`` (tests, portable installs)."""
        return cls(
            policy=root / "policy.toml",
            machine=root / "config.toml",
            user=root / "user" / "settings.toml",
        )

    @classmethod
    def for_platform(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        config_root: Path | None = None,
        policy_exists: Callable[[], bool] | None = None,
    ) -> SettingsPaths:
        """The locations for this OS; under ``config_root`` or ``$PLEIEPUNKT_CONFIG_ROOT`` only
        where no machine policy exists (see the module docstring)."""
        env = os.environ if environ is None else environ
        root = str(config_root) if config_root is not None else env.get(CONFIG_ROOT_ENV)
        if root and not (policy_exists or machine_policy_exists)():
            return cls.under_root(Path(root))
        user = user_config_dir() / "settings.toml"
        if sys.platform == "win32":
            return cls(user=user, registry=WindowsRegistry(), refused_override=root or None)
        return cls(
            policy=LINUX_POLICY_FILE,
            machine=Path("/etc/pleiepunkt/config.toml"),
            user=user,
            refused_override=root or None,
        )


LINUX_POLICY_FILE: Final = Path("/etc/pleiepunkt/policy.toml")


def machine_policy_exists(
    *, registry: RegistrySource | None = None, policy_file: Path = LINUX_POLICY_FILE
) -> bool:
    """Whether IT has set any policy on this machine (registry values or the policy file)."""
    if sys.platform == "win32":
        try:
            values = (registry or WindowsRegistry()).read_values(POLICY_REGISTRY_KEY)
        except OSError:
            return True  # unreadable policy: fail closed, no overrides
        return bool(values)
    return policy_file.exists()
