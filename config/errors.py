"""The one exception tree of the configuration layer.

    SettingsError
    ├── InvalidSettingsError   one or more layers hold bad entries (``problems`` lists them)
    ├── UnknownSettingError    a name that is not declared
    ├── ManagedSettingError    set_user on a value that a policy or the machine sets
    ├── InvalidValueError      a value the setting does not accept (the message says which)
    └── SettingsWriteError     the user settings file cannot be written

Messages name layers, files, registry keys and settings, never values, so they are safe to log.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from config.values import Problem


class SettingsError(Exception):
    """Base of every error raised by the configuration layer."""


class UnknownSettingError(SettingsError):
    """The name is not a declared setting."""


class ManagedSettingError(SettingsError):
    """The setting is set by the organisation's policy and cannot be changed in the app."""


class InvalidValueError(SettingsError):
    """The value is not acceptable for the setting; the message says what is."""


class SettingsWriteError(SettingsError):
    """The user settings file could not be written."""


class InvalidSettingsError(SettingsError):
    """One or more configuration layers hold bad entries; ``problems`` lists each one."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"the configuration has {len(problems)} problem(s):\n{lines}")
        self.problems = tuple(problems)
