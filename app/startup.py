"""What every command does first: read the settings as policy allows, and set up logging.

A configuration-root override (``--config-root`` or ``PLEIEPUNKT_CONFIG_ROOT``) counts only on a
machine without a policy; where IT has set one, the override is ignored, said on stderr and
written to the local security log as a policy violation. The log level is the ``LogLevel``
policy (or setting).
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from config import (
    AUTO_LOCK_MINUTES,
    EMERGENCY_ACCESS_ENDS_AT_LOCK,
    LANGUAGE,
    LOG_LEVEL,
    Settings,
    SettingsPaths,
)
from offline import SecurityLog


def load_settings(
    config_root: Path | None, *, data_dir: Path, err: TextIO = sys.stderr
) -> Settings:
    """The layered settings, logging set to their level; a refused override is reported and
    logged (module docstring)."""
    settings = Settings.load(SettingsPaths.for_platform(config_root=config_root))
    refused = settings.paths.refused_override
    if refused is not None:
        print(
            "Pleiepunkt: the configuration root was ignored: this machine has a policy",
            file=err,
        )
        SecurityLog(data_dir)("policy-override-refused", {"what": "config-root"})
    configure_logging(settings)
    return settings


def log_level(settings: Settings) -> int:
    """The logging level the ``LogLevel`` policy or setting asks for."""
    level: int = logging.getLevelName(settings.get(LOG_LEVEL))
    return level


def configure_logging(settings: Settings) -> None:
    """Log to stderr at the configured level (records never hold patient data)."""
    root = logging.getLogger()
    root.setLevel(log_level(settings))
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)


@dataclass(frozen=True, slots=True)
class DesktopOptions:
    """What the window's session takes from the settings."""

    language: str
    idle_minutes: int
    end_emergency_access_at_lock: bool


def desktop_options(settings: Settings, *, language: str | None = None) -> DesktopOptions:
    """``Language``, ``AutoLockMinutes`` and ``EmergencyAccessEndsAtLock`` for the window;
    ``language`` is the command line's ``--language`` (unless policy sets it)."""
    chosen = settings.get(LANGUAGE)
    if language is not None and not settings.is_managed(LANGUAGE.name):
        chosen = language
    return DesktopOptions(
        language=chosen,
        idle_minutes=settings.get(AUTO_LOCK_MINUTES),
        end_emergency_access_at_lock=settings.get(EMERGENCY_ACCESS_ENDS_AT_LOCK),
    )
