"""The machine's and the user's configuration: declarations, layers and their readers. No Qt.

Typed settings read from layers: policy > machine configuration > user settings > defaults
(``config.locations`` says where each layer lives on each OS, and where the stores live).
Every setting is declared once (``config.declarations``), read with ``Settings.get``:

    settings = Settings.load()              # or Settings.load(SettingsPaths.under_root(dir))
    settings.get(SERVER_URL)                # typed: str | None
    settings.effective()                    # every value with the layer and file it came from

Settings hold no secrets and no patient data: they are plain files and registry values that
backups and roaming profiles copy.

Modules: ``declarations`` (what may be set), ``parsers`` (raw value -> typed value),
``readers`` (TOML files, the Windows registry), ``layers`` (``Settings``: resolution, managed
values, the user's own layer), ``writer`` (the user's file), ``locations`` (per-OS paths via
``platformdirs``), ``values`` and ``errors`` (one tree rooted at ``SettingsError``).

Depends on the standard library, ``platformdirs`` and ``clinical`` (organisation number and
service type rules) only.
"""

from config.declarations import (
    AUTO_LOCK_MINUTES,
    CA_BUNDLE,
    CLIENT_ID,
    CLINICAL_TIME_ZONE,
    CONTROLLED_DRUGS,
    DEFAULT_PLACE_OF_WORK,
    EMERGENCY_ACCESS_ENDS_AT_LOCK,
    IDENTITY_PROVIDER_URL,
    LANGUAGE,
    LOG_LEVEL,
    OFFLINE_SIGN_IN_HOURS,
    ORGANISATION_NUMBER,
    PIN_ATTEMPTS,
    PLACES_OF_WORK,
    PURPOSE_OF_USE_DETAIL,
    RECOVERY_PUBLIC_KEY,
    SERVER_URL,
    SETTINGS,
    SHARED_WORKSTATION,
    SYNC_INTERVAL_SECONDS,
    WITNESS_CATEGORIES,
    Setting,
    setting,
)
from config.errors import (
    InvalidSettingsError,
    InvalidValueError,
    ManagedSettingError,
    SettingsError,
    SettingsWriteError,
    UnknownSettingError,
)
from config.layers import Settings
from config.locations import (
    CONFIG_ROOT_ENV,
    MACHINE_REGISTRY_KEY,
    POLICY_REGISTRY_KEY,
    SettingsPaths,
    machine_policy_exists,
    user_config_dir,
    user_data_dir,
)
from config.parsers import url as parse_url
from config.readers import RegistrySource, WindowsRegistry
from config.values import EffectiveValue, Layer, Problem
from config.writer import to_toml

__all__ = [
    "AUTO_LOCK_MINUTES",
    "CA_BUNDLE",
    "CLIENT_ID",
    "CLINICAL_TIME_ZONE",
    "CONFIG_ROOT_ENV",
    "CONTROLLED_DRUGS",
    "DEFAULT_PLACE_OF_WORK",
    "EMERGENCY_ACCESS_ENDS_AT_LOCK",
    "IDENTITY_PROVIDER_URL",
    "LANGUAGE",
    "LOG_LEVEL",
    "MACHINE_REGISTRY_KEY",
    "OFFLINE_SIGN_IN_HOURS",
    "ORGANISATION_NUMBER",
    "PIN_ATTEMPTS",
    "PLACES_OF_WORK",
    "POLICY_REGISTRY_KEY",
    "PURPOSE_OF_USE_DETAIL",
    "RECOVERY_PUBLIC_KEY",
    "SERVER_URL",
    "SETTINGS",
    "SHARED_WORKSTATION",
    "SYNC_INTERVAL_SECONDS",
    "WITNESS_CATEGORIES",
    "EffectiveValue",
    "InvalidSettingsError",
    "InvalidValueError",
    "Layer",
    "ManagedSettingError",
    "Problem",
    "RegistrySource",
    "Setting",
    "Settings",
    "SettingsError",
    "SettingsPaths",
    "SettingsWriteError",
    "UnknownSettingError",
    "WindowsRegistry",
    "machine_policy_exists",
    "parse_url",
    "setting",
    "to_toml",
    "user_config_dir",
    "user_data_dir",
]
