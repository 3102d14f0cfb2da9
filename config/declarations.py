"""Every setting, declared once: name, registry name, parser, default, meaning, who may set it.

Like Electrum's ``ConfigVar``: code reads a value with ``Settings.get(DECLARATION)`` and gets
it typed. The ADMX policy templates and the MSI properties are checked against these
declarations (tests/packaging). Settings hold no secrets and no patient data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from clinical.clock import DEFAULT_ZONE_NAME
from config import parsers
from config.errors import UnknownSettingError

T_co = TypeVar("T_co", covariant=True)


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


SERVER_URL: Setting[str | None] = Setting(
    name="server_url",
    registry_name="ServerUrl",
    parse=parsers.optional(parsers.url),
    default=None,
    description="Base URL of the FHIR R4 journal platform.",
    lockable=True,
    accepts="an https:// URL, e.g. https://fhir.kommune.no/fhir",
    user_settable=False,
)
IDENTITY_PROVIDER_URL: Setting[str | None] = Setting(
    name="identity_provider_url",
    registry_name="IdentityProviderUrl",
    parse=parsers.optional(parsers.url),
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
    parse=parsers.optional(parsers.client_id),
    default=None,
    description="This installation's client id at the identity provider (not a secret).",
    lockable=True,
    accepts="the client id given by the identity provider, without spaces",
    user_settable=False,
)
ORGANISATION_NUMBER: Setting[str | None] = Setting(
    name="organisation_number",
    registry_name="OrganisationNumber",
    parse=parsers.optional(parsers.organisation_number),
    default=None,
    description="The municipality's organisation number (Enhetsregisteret), used in audit events.",
    lockable=True,
    accepts="nine digits with a valid mod-11 check digit",
    user_settable=False,
)
CA_BUNDLE: Setting[str | None] = Setting(
    name="ca_bundle",
    registry_name="CaBundle",
    parse=parsers.optional(parsers.absolute_path),
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
    parse=parsers.integer(1, 60),
    default=5,
    description="Minutes without input before the app locks itself.",
    lockable=True,
    accepts="a whole number of minutes from 1 to 60",
    user_settable=False,
)
PIN_ATTEMPTS: Setting[int] = Setting(
    name="pin_attempts",
    registry_name="PinAttempts",
    parse=parsers.integer(1, 10),
    default=5,
    description="Wrong PINs allowed before only an online sign-in unlocks the app.",
    lockable=True,
    accepts="a whole number from 1 to 10",
    user_settable=False,
)
OFFLINE_SIGN_IN_HOURS: Setting[int] = Setting(
    name="offline_sign_in_hours",
    registry_name="OfflineSignInHours",
    parse=parsers.integer(1, 168),
    default=12,
    description="Hours a PIN keeps working offline before an online sign-in is required.",
    lockable=True,
    accepts="a whole number of hours from 1 to 168",
    user_settable=False,
)
SYNC_INTERVAL_SECONDS: Setting[int] = Setting(
    name="sync_interval_seconds",
    registry_name="SyncIntervalSeconds",
    parse=parsers.integer(15, 3600),
    default=60,
    description="Seconds between background synchronisations while online.",
    lockable=True,
    accepts="a whole number of seconds from 15 to 3600",
)
LANGUAGE: Setting[str] = Setting(
    name="language",
    registry_name="Language",
    parse=parsers.choice("nb", "en"),
    default="nb",
    description="Interface language: nb (Norwegian Bokmål) or en (English).",
    lockable=True,
    accepts="nb or en",
)
PLACES_OF_WORK: Setting[tuple[str, ...]] = Setting(
    name="places_of_work",
    registry_name="PlacesOfWork",
    parse=parsers.text_list(parsers.place),
    default=(),
    description="Wards and home-care routes offered on this machine; empty offers all.",
    lockable=True,
    accepts="a list of place names or ids",
    user_settable=False,
)
DEFAULT_PLACE_OF_WORK: Setting[str | None] = Setting(
    name="default_place_of_work",
    registry_name="DefaultPlaceOfWork",
    parse=parsers.optional(parsers.place),
    default=None,
    description="The place of work selected at start; each user may choose their own.",
    lockable=False,
    accepts="a place name or id",
)
CONTROLLED_DRUGS: Setting[tuple[str, ...]] = Setting(
    name="controlled_drugs",
    registry_name="ControlledDrugs",
    parse=parsers.text_list(parsers.atc_code),
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
    parse=parsers.optional(parsers.service_type),
    default=None,
    description="The service this computer is used for (Volven 9151, e.g. 15 home health care "
    "or 21 long-term stay), named as purpose of use in every record-access log entry.",
    # Per computer (a ward's workstations, the home-care laptops), so it lives in the machine
    # layer IT writes per installation; no policy template offers it.
    lockable=False,
    accepts="a Volven 9151 service type code, e.g. 15 (Helsetjenester i hjemmet)",
    user_settable=False,
)
CLINICAL_TIME_ZONE: Setting[str] = Setting(
    name="clinical_time_zone",
    registry_name="ClinicalTimeZone",
    parse=parsers.time_zone,
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
    parse=parsers.choice("DEBUG", "INFO", "WARNING", "ERROR"),
    default="INFO",
    description="Least severe log messages written (logs never hold patient data).",
    lockable=True,
    accepts="DEBUG, INFO, WARNING or ERROR",
    user_settable=False,
)

SHARED_WORKSTATION: Setting[bool] = Setting(
    name="shared_workstation",
    registry_name="SharedWorkstation",
    parse=parsers.boolean,
    default=True,
    description="This computer is shared (one OS account, several staff): every unlock needs "
    "the person's PIN, and an online sign-in alone never opens a store. Set to false only on "
    "a computer whose OS account belongs to one person.",
    lockable=True,
    accepts="true or false (1 or 0)",
    user_settable=False,
)
RECOVERY_PUBLIC_KEY: Setting[str | None] = Setting(
    name="recovery_public_key",
    registry_name="RecoveryPublicKey",
    parse=parsers.optional(parsers.recovery_public_key),
    default=None,
    description="The organisation's recovery public key: each store's data key is also wrapped "
    "for it, so IT's offline private key can recover a store whose PIN is forgotten without "
    "losing unsent records (packaging/README.md, Recovery).",
    lockable=True,
    accepts="x25519: followed by 44 base64 characters (pleiepunkt recovery-key new)",
    user_settable=False,
)
WITNESS_CATEGORIES: Setting[tuple[str, ...]] = Setting(
    name="witness_categories",
    registry_name="WitnessCategories",
    parse=parsers.text_list(parsers.hpr_category),
    default=("SP", "VP", "LE"),
    description="Health-personnel categories (Volven 9060) that may witness a double "
    "signature, e.g. SP (sykepleier), VP (vernepleier), LE (lege).",
    lockable=True,
    accepts="a list of Volven 9060 category codes, e.g. SP, VP, LE",
    user_settable=False,
)
EMERGENCY_ACCESS_ENDS_AT_LOCK: Setting[bool] = Setting(
    name="emergency_access_ends_at_lock",
    registry_name="EmergencyAccessEndsAtLock",
    parse=parsers.boolean,
    default=True,
    description="Locking the screen ends every emergency-access grant (selvautorisering); "
    "the person must give a reason again after unlocking.",
    lockable=True,
    accepts="true or false (1 or 0)",
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
    SHARED_WORKSTATION,
    RECOVERY_PUBLIC_KEY,
    WITNESS_CATEGORIES,
    EMERGENCY_ACCESS_ENDS_AT_LOCK,
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


def by_registry_name(name: str) -> Setting[object] | None:
    """The declaration whose registry value is called ``name`` (any case), or None."""
    return _BY_REGISTRY_NAME.get(name.casefold())
