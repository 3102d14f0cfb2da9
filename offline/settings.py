"""Typed settings read from layers: policy > machine configuration > user settings > defaults.

Every setting is declared once below (name, type, default, description, whether a policy may
lock it), like Electrum's ``ConfigVar``. The layers:

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

A value set by policy is *managed*: the app shows it as managed by the organisation and
:meth:`Settings.set_user` refuses to change it. A value in the machine configuration also
outranks the user's (IT's pre-configuration is binding without being a policy), so
:meth:`Settings.set_user` refuses it too, naming the layer; :meth:`Settings.is_user_settable`
tells the settings dialog which fields to offer. Bad entries (wrong type, out of range, unknown
key, unreadable file) never raise while loading: they are collected in :attr:`Settings.problems`,
each naming its layer, file or registry key and setting, and the entry is skipped. The app
calls :meth:`Settings.raise_for_problems` before it starts, so it never runs half-configured;
``pleiepunkt doctor`` lists them instead.

Settings hold no secrets and no patient data: they are plain files and registry values that
backups and roaming profiles copy. Unknown keys are refused, so a secret or an identifier put
into a settings file by mistake is reported rather than silently carried. URLs may not carry
user names or passwords.

Exceptions (one tree):

    SettingsError
    ├── InvalidSettingsError   one or more layers hold bad entries (``problems`` lists them)
    ├── UnknownSettingError    a name that is not declared
    ├── ManagedSettingError    set_user on a value that a policy sets
    ├── InvalidValueError      set_user with a value the setting does not accept
    └── SettingsWriteError     the user settings file cannot be written
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Generic, Protocol, TypeVar
from urllib.parse import urlsplit

from clinical.clock import DEFAULT_ZONE_NAME, clinical_zone
from clinical.identifiers import is_valid_organisation_number
from clinical.service_types import SERVICE_TYPES

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

CONFIG_ROOT_ENV = "PLEIEPUNKT_CONFIG_ROOT"
POLICY_REGISTRY_KEY = r"Software\Policies\Pleiepunkt"
MACHINE_REGISTRY_KEY = r"Software\Pleiepunkt"


class SettingsError(Exception):
    """Base of every error raised by the settings module."""


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


class Layer(StrEnum):
    """Where an effective value came from, highest precedence first."""

    POLICY = "policy"
    MACHINE = "machine"
    USER = "user"
    DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class Setting(Generic[T_co]):
    """One declared setting: its TOML key, registry value name, parser, default and meaning."""

    name: str
    registry_name: str
    parse: Callable[[object], T_co]
    default: T_co
    description: str
    lockable: bool
    accepts: str
    """What values are accepted, in words, for error messages and the ADMX explain text."""
    user_settable: bool = True
    """False for what only IT may set (addresses, trust, security and clinical lists): a value
    for it in a user's settings file is ignored and reported, and the app never offers it."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A bad entry in one layer; safe to log (names files and keys, never values)."""

    layer: Layer
    source: str
    setting: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}: {self.setting}" if self.setting else self.source
        return f"{self.layer.value} layer, {where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class EffectiveValue:
    """A setting's value in force and the layer and file or registry key it came from."""

    name: str
    value: object
    layer: Layer
    source: str


def _fail(message: str) -> InvalidValueError:
    return InvalidValueError(message)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _text(raw: object, *, max_length: int) -> str:
    if not isinstance(raw, str):
        raise _fail(f"expected text, got {type(raw).__name__}")
    value = raw.strip()
    if not value:
        raise _fail("must not be empty")
    if len(value) > max_length:
        raise _fail(f"longer than {max_length} characters")
    if _CONTROL.search(value):
        raise _fail("contains control characters")
    return value


def _url(raw: object) -> str:
    value = _text(raw, max_length=2000)
    parts = urlsplit(value)
    local = parts.hostname in {"localhost", "127.0.0.1", "::1"}
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise _fail("must be an https:// URL (http:// only for localhost)")
    if not parts.hostname:
        raise _fail("has no host name")
    if parts.username is not None or parts.password is not None:
        raise _fail("must not contain a user name or password")
    if parts.query or parts.fragment:
        raise _fail("must not have a query (?…) or fragment (#…)")
    return value.rstrip("/")


def _optional(parse: Callable[[object], T]) -> Callable[[object], T | None]:
    def parse_optional(raw: object) -> T | None:
        if isinstance(raw, str) and not raw.strip():
            return None
        return parse(raw)

    return parse_optional


def _client_id(raw: object) -> str:
    value = _text(raw, max_length=200)
    if any(ch.isspace() for ch in value):
        raise _fail("must not contain spaces")
    return value


def _organisation_number(raw: object) -> str:
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    value = _text(raw, max_length=20).replace(" ", "")
    if not is_valid_organisation_number(value):
        raise _fail("is not a valid organisation number (nine digits, mod-11 check digit)")
    return value


def _absolute_path(raw: object) -> str:
    value = _text(raw, max_length=1000)
    if not (Path(value).is_absolute() or re.match(r"^[A-Za-z]:[\\/]", value)):
        raise _fail("must be an absolute path")
    return value


def _integer(low: int, high: int) -> Callable[[object], int]:
    def parse_integer(raw: object) -> int:
        if isinstance(raw, str) and raw.strip().isdigit():
            raw = int(raw.strip())  # registry REG_SZ values written by msiexec are text
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise _fail(f"expected a whole number, got {type(raw).__name__}")
        if not low <= raw <= high:
            raise _fail(f"must be between {low} and {high}")
        return raw

    return parse_integer


def _choice(*choices: str) -> Callable[[object], str]:
    def parse_choice(raw: object) -> str:
        value = _text(raw, max_length=50)
        for choice in choices:
            if value.casefold() == choice.casefold():
                return choice
        raise _fail(f"must be one of {', '.join(choices)}")

    return parse_choice


def _text_list(item: Callable[[object], str]) -> Callable[[object], tuple[str, ...]]:
    def parse_list(raw: object) -> tuple[str, ...]:
        if isinstance(raw, str):
            raw = [part for part in raw.splitlines() if part.strip()]
        if not isinstance(raw, list | tuple):
            raise _fail(f"expected a list of text, got {type(raw).__name__}")
        values: list[str] = []
        for index, entry in enumerate(raw):
            try:
                value = item(entry)
            except InvalidValueError as error:
                raise _fail(f"item {index + 1} {error}") from None
            if value not in values:
                values.append(value)
        return tuple(values)

    return parse_list


_ATC = re.compile(r"[A-Z](\d{2}([A-Z]([A-Z](\d{2})?)?)?)?")


def _atc_code(raw: object) -> str:
    value = _text(raw, max_length=7).upper()
    if not _ATC.fullmatch(value):
        raise _fail("is not an ATC code or code prefix (e.g. N02A or N02AA01)")
    return value


def _place(raw: object) -> str:
    return _text(raw, max_length=100)


def _service_type(raw: object) -> str:
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)  # TOML ``15`` and a REG_DWORD are as good as "15"
    value = _text(raw, max_length=10)
    if value not in SERVICE_TYPES:
        raise _fail("is not a service type code from Volven 9151 (e.g. 15 or 21)")
    return value


SERVER_URL: Setting[str | None] = Setting(
    name="server_url",
    registry_name="ServerUrl",
    parse=_optional(_url),
    default=None,
    description="Base URL of the FHIR R4 journal platform.",
    lockable=True,
    accepts="an https:// URL, e.g. https://fhir.kommune.no/fhir",
    user_settable=False,
)
IDENTITY_PROVIDER_URL: Setting[str | None] = Setting(
    name="identity_provider_url",
    registry_name="IdentityProviderUrl",
    parse=_optional(_url),
    default=None,
    description="Issuer URL of the OpenID Connect identity provider (HelseID or the "
    "municipality's).",
    lockable=True,
    accepts="an https:// URL, e.g. https://helseid-sts.nhn.no",
    user_settable=False,
)
CLIENT_ID: Setting[str | None] = Setting(
    name="client_id",
    registry_name="ClientId",
    parse=_optional(_client_id),
    default=None,
    description="This installation's client id at the identity provider (not a secret).",
    lockable=True,
    accepts="the client id given by the identity provider, without spaces",
    user_settable=False,
)
ORGANISATION_NUMBER: Setting[str | None] = Setting(
    name="organisation_number",
    registry_name="OrganisationNumber",
    parse=_optional(_organisation_number),
    default=None,
    description="The municipality's organisation number (Enhetsregisteret), used in audit events.",
    lockable=True,
    accepts="nine digits with a valid mod-11 check digit",
    user_settable=False,
)
CA_BUNDLE: Setting[str | None] = Setting(
    name="ca_bundle",
    registry_name="CaBundle",
    parse=_optional(_absolute_path),
    default=None,
    description="PEM file of extra certificate authorities to trust (for example the "
    "municipality's own); unset means the operating system's trust store.",
    lockable=True,
    accepts="an absolute path to a PEM file",
    user_settable=False,
)
AUTO_LOCK_MINUTES: Setting[int] = Setting(
    name="auto_lock_minutes",
    registry_name="AutoLockMinutes",
    parse=_integer(1, 60),
    default=5,
    description="Minutes without input before the app locks itself.",
    lockable=True,
    accepts="a whole number of minutes from 1 to 60",
    user_settable=False,
)
PIN_ATTEMPTS: Setting[int] = Setting(
    name="pin_attempts",
    registry_name="PinAttempts",
    parse=_integer(1, 10),
    default=5,
    description="Wrong PINs allowed before only an online sign-in unlocks the app.",
    lockable=True,
    accepts="a whole number from 1 to 10",
    user_settable=False,
)
OFFLINE_SIGN_IN_HOURS: Setting[int] = Setting(
    name="offline_sign_in_hours",
    registry_name="OfflineSignInHours",
    parse=_integer(1, 168),
    default=12,
    description="Hours a PIN keeps working offline before an online sign-in is required.",
    lockable=True,
    accepts="a whole number of hours from 1 to 168",
    user_settable=False,
)
SYNC_INTERVAL_SECONDS: Setting[int] = Setting(
    name="sync_interval_seconds",
    registry_name="SyncIntervalSeconds",
    parse=_integer(15, 3600),
    default=60,
    description="Seconds between background synchronisations while online.",
    lockable=True,
    accepts="a whole number of seconds from 15 to 3600",
)
LANGUAGE: Setting[str] = Setting(
    name="language",
    registry_name="Language",
    parse=_choice("nb", "en"),
    default="nb",
    description="Interface language: nb (Norwegian Bokmål) or en (English).",
    lockable=True,
    accepts="nb or en",
)
PLACES_OF_WORK: Setting[tuple[str, ...]] = Setting(
    name="places_of_work",
    registry_name="PlacesOfWork",
    parse=_text_list(_place),
    default=(),
    description="Wards and home-care routes offered on this machine; empty offers all.",
    lockable=True,
    accepts="a list of place names or ids",
    user_settable=False,
)
DEFAULT_PLACE_OF_WORK: Setting[str | None] = Setting(
    name="default_place_of_work",
    registry_name="DefaultPlaceOfWork",
    parse=_optional(_place),
    default=None,
    description="The place of work selected at start; each user may choose their own.",
    lockable=False,
    accepts="a place name or id",
)
CONTROLLED_DRUGS: Setting[tuple[str, ...]] = Setting(
    name="controlled_drugs",
    registry_name="ControlledDrugs",
    parse=_text_list(_atc_code),
    default=(),
    description="Extra ATC codes or prefixes treated as controlled drugs (A/B preparations) "
    "that need a witness, in addition to the built-in list.",
    lockable=True,
    accepts="a list of ATC codes or prefixes, e.g. N02A",
    user_settable=False,
)
PURPOSE_OF_USE_DETAIL: Setting[str | None] = Setting(
    name="purpose_of_use_detail",
    registry_name="PurposeOfUseDetail",
    parse=_optional(_service_type),
    default=None,
    description="The service this computer is used for (Volven 9151, e.g. 15 home health care "
    "or 21 long-term stay), named as purpose of use in every record-access log entry.",
    # Per computer (a ward's workstations, the home-care laptops), so it lives in the machine
    # layer IT writes per installation; no policy template offers it.
    lockable=False,
    accepts="a Volven 9151 service type code, e.g. 15 (Helsetjenester i hjemmet)",
    user_settable=False,
)


def _time_zone(raw: object) -> str:
    value = _text(raw, max_length=64)
    try:
        clinical_zone(value)
    except ValueError:
        raise _fail("is not a time zone of the tz database (e.g. Europe/Oslo)") from None
    return value


CLINICAL_TIME_ZONE: Setting[str] = Setting(
    name="clinical_time_zone",
    registry_name="ClinicalTimeZone",
    parse=_time_zone,
    default=DEFAULT_ZONE_NAME,
    description="The time zone of every clinical time shown and recorded (given, measured, "
    "due, saved), whatever zone the computer itself is set to.",
    # One zone per installation (Svalbard keeps Europe/Oslo too); IT sets it per machine.
    lockable=False,
    accepts="a tz database zone name, e.g. Europe/Oslo",
    user_settable=False,
)
LOG_LEVEL: Setting[str] = Setting(
    name="log_level",
    registry_name="LogLevel",
    parse=_choice("DEBUG", "INFO", "WARNING", "ERROR"),
    default="INFO",
    description="Least severe log messages written (logs never hold patient data).",
    lockable=True,
    accepts="DEBUG, INFO, WARNING or ERROR",
    user_settable=False,
)

SETTINGS: tuple[Setting[object], ...] = (
    SERVER_URL,
    IDENTITY_PROVIDER_URL,
    CLIENT_ID,
    ORGANISATION_NUMBER,
    CA_BUNDLE,
    AUTO_LOCK_MINUTES,
    PIN_ATTEMPTS,
    OFFLINE_SIGN_IN_HOURS,
    SYNC_INTERVAL_SECONDS,
    LANGUAGE,
    PLACES_OF_WORK,
    DEFAULT_PLACE_OF_WORK,
    CONTROLLED_DRUGS,
    PURPOSE_OF_USE_DETAIL,
    CLINICAL_TIME_ZONE,
    LOG_LEVEL,
)
_BY_NAME: dict[str, Setting[object]] = {s.name: s for s in SETTINGS}
_BY_REGISTRY_NAME: dict[str, Setting[object]] = {s.registry_name.casefold(): s for s in SETTINGS}


def setting(name: str) -> Setting[object]:
    """The declaration called ``name``; UnknownSettingError if there is none."""
    try:
        return _BY_NAME[name]
    except KeyError:
        known = ", ".join(sorted(_BY_NAME))
        raise UnknownSettingError(f"no setting called {name!r}; known: {known}") from None


class RegistrySource(Protocol):
    """Reads the values of one key under HKEY_LOCAL_MACHINE (a seam so tests run anywhere)."""

    def read_values(self, key: str) -> Mapping[str, object] | None:
        """The key's values by name, or None if the key does not exist."""
        ...


class WindowsRegistry:
    """HKEY_LOCAL_MACHINE through ``winreg``, in the 64-bit view the MSI writes to."""

    def read_values(self, key: str) -> Mapping[str, object] | None:
        """The key's values by name, or None if the key does not exist."""
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg  # noqa: PLC0415  # only on Windows

        access = winreg.KEY_READ | winreg.KEY_WOW64_64KEY
        try:
            handle = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key, 0, access)
        except FileNotFoundError:
            return None
        values: dict[str, object] = {}
        with handle:
            index = 0
            while True:
                try:
                    name, data, _kind = winreg.EnumValue(handle, index)
                except OSError:
                    break
                values[name] = data
                index += 1
        return values


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
        if sys.platform == "win32":
            appdata = env.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
            return cls(
                user=Path(appdata) / "Pleiepunkt" / "settings.toml", registry=WindowsRegistry()
            )
        config_home = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        return cls(
            policy=Path("/etc/pleiepunkt/policy.toml"),
            machine=Path("/etc/pleiepunkt/config.toml"),
            user=Path(config_home) / "pleiepunkt" / "settings.toml",
        )


_ABOVE_USER = frozenset({Layer.POLICY, Layer.MACHINE})

_Entries = dict[str, tuple[object, str]]
"""Setting name -> (raw value, where it was found) for one layer."""


def _read_toml(path: Path, layer: Layer, problems: list[Problem]) -> _Entries:
    try:
        with path.open("rb") as handle:
            if layer is not Layer.USER and os.name == "posix":
                mode = os.fstat(handle.fileno()).st_mode
                if mode & stat.S_IWOTH:
                    problems.append(
                        Problem(layer, str(path), None, "is writable by every user; ignored")
                    )
                    return {}
            document = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as error:
        problems.append(Problem(layer, str(path), None, f"is not valid TOML ({error})"))
        return {}
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "is not UTF-8"
        problems.append(Problem(layer, str(path), None, f"cannot be read ({reason})"))
        return {}
    entries: _Entries = {}
    for key, raw in document.items():
        if key not in _BY_NAME:
            problems.append(Problem(layer, str(path), key, "unknown setting"))
            continue
        entries[key] = (raw, str(path))
    return entries


def _read_registry(
    registry: RegistrySource, key: str, layer: Layer, problems: list[Problem]
) -> _Entries:
    where = f"HKLM\\{key}"
    try:
        values = registry.read_values(key)
    except OSError as error:
        problems.append(Problem(layer, where, None, f"cannot be read ({error})"))
        return {}
    entries: _Entries = {}
    for name, raw in (values or {}).items():
        if not name:
            continue  # a key's unnamed default value is not a setting
        declared = _BY_REGISTRY_NAME.get(name.casefold())
        if declared is None:
            problems.append(Problem(layer, where, name, "unknown setting"))
            continue
        entries[declared.name] = (raw, f"{where}\\{declared.registry_name}")
    return entries


class Settings:
    """The effective settings of one machine and user, and the user's own layer to change."""

    def __init__(self, paths: SettingsPaths) -> None:
        self._paths = paths
        self._values: dict[str, EffectiveValue] = {}
        self._managed: set[str] = set()
        self._user_raw: dict[str, object] = {}
        self._problems: list[Problem] = []
        self.reload()

    @classmethod
    def load(cls, paths: SettingsPaths | None = None) -> Settings:
        """Read every layer for this OS (or ``paths``); bad entries land in ``problems``."""
        return cls(paths or SettingsPaths.for_platform())

    @property
    def paths(self) -> SettingsPaths:
        return self._paths

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Bad entries found while loading, in layer order; empty when all is well."""
        return tuple(self._problems)

    def raise_for_problems(self) -> None:
        """Raise InvalidSettingsError listing every problem, if there is any."""
        if self._problems:
            raise InvalidSettingsError(self._problems)

    def reload(self) -> None:
        """Read all layers again (after a policy refresh or an edit by IT)."""
        problems: list[Problem] = []
        layers: list[tuple[Layer, _Entries]] = []
        paths = self._paths
        if paths.registry is not None:
            layers.append(
                (
                    Layer.POLICY,
                    _read_registry(paths.registry, POLICY_REGISTRY_KEY, Layer.POLICY, problems),
                )
            )
            layers.append(
                (
                    Layer.MACHINE,
                    _read_registry(paths.registry, MACHINE_REGISTRY_KEY, Layer.MACHINE, problems),
                )
            )
        if paths.policy is not None:
            layers.append((Layer.POLICY, _read_toml(paths.policy, Layer.POLICY, problems)))
        if paths.machine is not None:
            layers.append((Layer.MACHINE, _read_toml(paths.machine, Layer.MACHINE, problems)))
        user_entries = _read_toml(paths.user, Layer.USER, problems)
        layers.append((Layer.USER, user_entries))

        values: dict[str, EffectiveValue] = {}
        managed: set[str] = set()
        for layer, entries in layers:
            for name, (raw, source) in entries.items():
                declared = _BY_NAME[name]
                if layer is Layer.POLICY:
                    if not declared.lockable:
                        problems.append(
                            Problem(layer, source, name, "cannot be set by policy; ignored")
                        )
                        continue
                    # Even a bad policy entry keeps the setting out of the user's hands.
                    managed.add(name)
                if layer is Layer.USER and not declared.user_settable:
                    problems.append(Problem(layer, source, name, "can only be set by IT; ignored"))
                    continue
                try:
                    value = declared.parse(raw)
                except InvalidValueError as error:
                    problems.append(
                        Problem(layer, source, name, f"{error} (accepted: {declared.accepts})")
                    )
                    continue
                if value is None and layer is not Layer.POLICY:
                    continue  # an empty value in the machine or user layer means "not set"
                if name not in values:
                    values[name] = EffectiveValue(name, value, layer, source)
        for declared in SETTINGS:
            values.setdefault(
                declared.name,
                EffectiveValue(declared.name, declared.default, Layer.DEFAULT, "built-in default"),
            )
        self._values = values
        self._managed = managed
        self._user_raw = {name: raw for name, (raw, _source) in user_entries.items()}
        self._problems = problems

    def get(self, declared: Setting[T]) -> T:
        """The effective value of a declared setting, typed."""
        value: T = self._values[declared.name].value  # type: ignore[assignment]
        return value

    def value(self, name: str) -> object:
        """The effective value of the setting called ``name``."""
        setting(name)
        return self._values[name].value

    def effective(self) -> tuple[EffectiveValue, ...]:
        """Every setting's value in force with the layer and source it came from."""
        return tuple(self._values[declared.name] for declared in SETTINGS)

    def is_managed(self, name: str) -> bool:
        """Whether a policy sets ``name``, so the app must show it locked."""
        setting(name)
        return name in self._managed

    def is_user_settable(self, name: str) -> bool:
        """Whether a user value for ``name`` would take effect (no policy or machine value)."""
        declared = setting(name)
        return (
            declared.user_settable
            and name not in self._managed
            and self._values[name].layer not in _ABOVE_USER
        )

    def _refuse_if_fixed(self, name: str) -> None:
        if name in self._managed:
            raise ManagedSettingError(
                f"{name} is managed by your organisation (policy) and cannot be changed here"
            )
        source = self._values[name]
        if source.layer is Layer.MACHINE:
            raise ManagedSettingError(
                f"{name} is set by this machine's configuration ({source.source}); "
                "ask your IT department to change it"
            )
        if not setting(name).user_settable:
            raise ManagedSettingError(
                f"{name} can only be set by your IT department (machine configuration or policy)"
            )

    def set_user(self, name: str, value: object) -> None:
        """Store ``value`` in the user's settings file; refused where policy or machine set it."""
        declared = setting(name)
        self._refuse_if_fixed(name)
        try:
            parsed = declared.parse(value)
        except InvalidValueError as error:
            raise InvalidValueError(f"{name} {error} (accepted: {declared.accepts})") from None
        user = dict(self._user_raw)
        if parsed is None:
            user.pop(name, None)
        else:
            user[name] = list(parsed) if isinstance(parsed, tuple) else parsed
        self._write_user(user)
        self.reload()

    def reset_user(self, name: str) -> None:
        """Remove the user's own value for ``name`` so the lower layers apply again."""
        setting(name)
        self._refuse_if_fixed(name)
        user = dict(self._user_raw)
        if user.pop(name, None) is not None:
            self._write_user(user)
        self.reload()

    def _write_user(self, values: Mapping[str, object]) -> None:
        path = self._paths.user
        text = to_toml(values)
        temporary = path.with_name(path.name + ".tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, path)
        except OSError as error:
            raise SettingsWriteError(f"cannot write {path}: {error.strerror}") from None


def _toml_scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        # JSON string escapes are valid TOML basic-string escapes; parsers reject control
        # characters, which json.dumps escapes as \\uXXXX.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_scalar(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def to_toml(values: Mapping[str, object]) -> str:
    """Flat ``key = value`` TOML for text, whole numbers, booleans and lists of them."""
    header = "# Pleiepunkt user settings; written by the app. No secrets, no patient data.\n"
    body = "".join(f"{key} = {_toml_scalar(values[key])}\n" for key in sorted(values))
    return header + body
