"""``UserSettings``: this computer's settings as the settings dialog shows and edits them.

The dialog sees every effective value with the layer it came from, which ones a policy or IT
fixes, what each accepts; the user's own changes go to their layer. A refusal is an
``app.errors.SettingRefused`` (``ui.errors`` words it), never a ``config`` error.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.errors import SettingProblem, SettingRefused
from app.values import EffectiveValue, SettingInfo
from config import (
    InvalidValueError,
    ManagedSettingError,
    Settings,
    SettingsError,
    SettingsWriteError,
    UnknownSettingError,
    setting,
)


def _refusal(name: str, error: SettingsError) -> SettingRefused:
    if isinstance(error, InvalidValueError):
        return SettingRefused(name, SettingProblem.INVALID, accepts=setting(name).accepts)
    if isinstance(error, ManagedSettingError):
        return SettingRefused(name, SettingProblem.MANAGED)
    if isinstance(error, SettingsWriteError):
        return SettingRefused(name, SettingProblem.NOT_WRITTEN, detail=str(error))
    return SettingRefused(name, SettingProblem.OTHER)


class UserSettings:
    """The layered settings, edited in the user's own layer only."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def effective(self) -> Sequence[EffectiveValue]:
        """Every setting's value in force, with its layer and source."""
        return self._settings.effective()

    def info(self, name: str) -> SettingInfo | None:
        """What ``name`` means and accepts; None for a name this version does not declare."""
        try:
            declared = setting(name)
        except UnknownSettingError:
            return None
        return SettingInfo(description=declared.description, accepts=declared.accepts)

    def is_managed(self, name: str) -> bool:
        """Whether a policy sets ``name``."""
        return self._settings.is_managed(name)

    def is_user_settable(self, name: str) -> bool:
        """Whether a user value for ``name`` would take effect."""
        return self._settings.is_user_settable(name)

    def check(self, name: str, value: object) -> None:
        """Refuse (``SettingRefused``) a value ``name`` does not accept; nothing is saved."""
        try:
            setting(name).parse(value)
        except SettingsError as error:
            raise _refusal(name, error) from error

    def set_user(self, name: str, value: object) -> None:
        """Store the user's value; ``SettingRefused`` when policy, IT or the value forbid it."""
        try:
            self._settings.set_user(name, value)
        except SettingsError as error:
            raise _refusal(name, error) from error

    def reset_user(self, name: str) -> None:
        """Remove the user's value so the lower layers apply again."""
        try:
            self._settings.reset_user(name)
        except SettingsError as error:
            raise _refusal(name, error) from error
