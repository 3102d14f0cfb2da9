"""The VKP R4 code systems and profiles Pleiepunkt reads (HL7 Norway, VKP-R4 v0.9.0).

Sources: ``HL7Norway/Velferdsteknologi`` folder ``VKP-R4`` (commit 9d28b9e, 2025-11-18):
``CodeSystem/vkp-alert-code-v090.codesystem.xml``, ``vkp-medicationdispense-events-v090``,
``vkp-severity-level-v090``, ``vkp-triage-v090``; the profiles ``vkp-DetectedIssue-v090`` (alarms:
``code`` 1..1 bound to the alert codes, ``patient`` 1..1) and ``vkp-MedicationDispense-v090``
(since commit 94ea229 only *successful* dispenses; a failure is a DetectedIssue). Usage: the
Simplifier guide "Velferdsteknologisk knutepunkt VKP R4" (DetectedIssue, MedicationDispense).

The tables are the code systems as published (code -> Bokmål display, which VKP sends as is).
Groups of alert codes follow the definitions' own prefixes: "Medisin ikke utlevert" (1.1-1.4),
"Utmating stanset" (1.5-1.9), "Medisin og medisinplan" (1.10-1.16), "Teknisk varsel" (1.17-1.23).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum, StrEnum
from typing import Any, Final

from clinical.fhir_read import codings, extensions

VKP: Final = "http://ehelse.no/fhir"
DETECTED_ISSUE_PROFILE: Final = f"{VKP}/StructureDefinition/vkp-DetectedIssue-v090"
MEDICATION_DISPENSE_PROFILE: Final = f"{VKP}/StructureDefinition/vkp-MedicationDispense-v090"
ALERT_CODE_SYSTEM: Final = f"{VKP}/CodeSystem/vkp-alert-code-v090"
DISPENSE_EVENT_SYSTEM: Final = f"{VKP}/CodeSystem/vkp-medicationdispense-events-v090"
SEVERITY_LEVEL_SYSTEM: Final = f"{VKP}/CodeSystem/vkp-severity-level-v090"
SEVERITY_LEVEL_EXTENSION: Final = f"{VKP}/StructureDefinition/vkp-severity-level-v090"
# The retired vkp-Flag's extension fixed the coding system to the ValueSet URL by mistake; read it.
SEVERITY_LEVEL_VALUESET: Final = f"{VKP}/ValueSet/vkp-severity-level-v090"
TRIAGE_SYSTEM: Final = f"{VKP}/CodeSystem/vkp-triage-v090"

ALERT_CODES: Final[Mapping[str, str]] = {
    "1": "Elektronisk medisineringsstøtte",
    "1.1": "Ikke utlevert",
    "1.2": "Utlevering forhindret av medisinmangel",
    "1.3": "Mangler utleveringsbekreftelse",
    "1.4": "Melding ikke lest",
    "1.5": "Teknisk feil",
    "1.6": "Pose ikke lest",
    "1.7": "Feil ved rull",
    "1.8": "Rull sitter fast",
    "1.9": "Full skuff",
    "1.10": "Medisin venter",
    "1.11": "Mangler tilstrekkelig mengde medisin",
    "1.12": "Snart tomt for medisin",
    "1.13": "Tomt for medisin",
    "1.14": "Mangler tidsplan",
    "1.15": "Endringskontroll av medisinplan",
    "1.16": "Rull behandlet",
    "1.17": "Batteri lavt",
    "1.18": "Batteri tomt",
    "1.19": "Ikke tilkoblet strøm",
    "1.20": "Ingen kontakt",
    "1.21": "Dispenser åpen",
    "1.22": "Innbrudd",
    "1.23": "Dosett feilplassert",
    "2": "Lokaliseringsteknologi",
    "3": "Trygghetsalarm",
    "4": "Digitalt tilsyn",
    "4.1": "Fall",
    "4.2": "Forlatt sengen",
    "4.3": "Satt seg opp seng",
    "4.4": "Reist seg fra stol",
    "4.5": "Kommet inn rom",
    "4.6": "Forlatt rom",
    "4.7": "Uventet langt opphold",
    "4.8": "Aktivitet rom",
    "4.9": "Inaktivitet",
    "4.10": "Høyt lydnivå",
    "4.11": "Brannalarm",
    "4.12": "Fravær",
    "4.13": "Knappetrykk",
    "4.14": "Snortrekk",
    "4.15": "Dør åpnet",
    "4.16": "Dør lukket",
    "4.17": "Vannalarm",
    "4.18": "Bevegelse",
    "4.19": "Manglende bevegelse",
    "4.20": "Lagt seg seng",
    "4.21": "Forlatt bolig",
    "4.22": "Mislykket brukeranrop",
    "4.23": "Inaktivitet bad",
    "4.24": "Epilepsi",
    "4.25": "Hendelsesbasert kameratilsyn",
    "4.26": "Planlagt kameratilsyn",
    "5": "Digital hjemmeoppfølging",
    "5.1": "Oppsummerende varsel",
    "5.2": "Handling utført",
    "5.2.1": "Måledata rapportert",
    "5.2.2": "Skjemabesvarelse",
    "5.2.3": "Annen handling utført",
    "5.3": "Inaktiv pasient",
    "5.3.1": "Manglende skjemabesvarelse",
    "5.3.2": "Måling ikke rapportert",
    "6": "Elektronisk dørlås",
    "7": "Sykesignalanlegg",
    "7.1": "Inkontinens",
}
"""``vkp-alert-code-v090`` (content complete), code -> display."""

DISPENSE_EVENTS: Final[Mapping[str, str]] = {
    "1": "medisin utlevert",
    "1.1": "medisin utlevert uassistert",
    "1.2": "medisin utlevert assistert",
    "1.3": "behovsmedisin utlevert",
    "2": "medisin utlevert reise",
    "2.1": "medisin utlevert reise uassistert",
    "2.2": "medisin utlevert reise assistert",
    "3": "medisin melding til bruker",
}
"""``vkp-medicationdispense-events-v090`` (code 1.3 added 2025-11-13), code -> display."""

SEVERITY_LEVELS: Final[Mapping[str, str]] = {
    "0": "Ikke rapportert",
    "10": "Normal",
    "20": "Moderat",
    "30": "Alvorlig",
    "40": "Kritisk",
}
TRIAGE: Final[Mapping[str, str]] = {
    "R": "red",
    "O": "orange",
    "Y": "yellow",
    "G": "green",
    "B": "blue",
    "BL": "black",
    "NR": "not reported",
}


class Severity(IntEnum):
    """How urgent an alert is, for ordering a worklist (higher first)."""

    UNKNOWN = 0
    LOW = 1
    MODERATE = 2
    HIGH = 3


class DispenserAlert(StrEnum):
    """What a dispenser alert (alert codes 1.x) means for the patient's doses."""

    NOT_DISPENSED = "not-dispensed"
    """1.1-1.4: this dose was not (or not certainly) delivered: it is overdue."""
    STOPPED = "stopped"
    """1.5-1.9: dispensing has stopped: the next doses are at risk."""
    SUPPLY = "supply"
    """1.10-1.16: the medicine supply or the plan needs attention."""
    TECHNICAL = "technical"
    """1.17-1.23: battery, power, contact, the device itself."""


_NOT_DISPENSED = frozenset({"1.1", "1.2", "1.3", "1.4"})
_STOPPED = frozenset({"1.5", "1.6", "1.7", "1.8", "1.9"})
_SUPPLY = frozenset({f"1.{n}" for n in range(10, 17)})
_TECHNICAL = frozenset({f"1.{n}" for n in range(17, 24)})
# FHIR DetectedIssueSeverity (high | moderate | low), the field VKP fills when it knows.
_FHIR_SEVERITY = {"high": Severity.HIGH, "moderate": Severity.MODERATE, "low": Severity.LOW}
_LEVEL_SEVERITY = {
    "40": Severity.HIGH,
    "30": Severity.HIGH,
    "20": Severity.MODERATE,
    "10": Severity.LOW,
}
# DetectedIssue.detail is a colour in words (vkp-triage displays, or Norwegian in DHO).
_COLOUR_SEVERITY = {
    "red": Severity.HIGH,
    "rød": Severity.HIGH,
    "orange": Severity.HIGH,
    "yellow": Severity.MODERATE,
    "gul": Severity.MODERATE,
    "green": Severity.LOW,
    "grønn": Severity.LOW,
    "blue": Severity.LOW,
    "blå": Severity.LOW,
}
# Without any severity sent: a missed dose or a fall is urgent, other dispenser faults less so.
_DEFAULT_SEVERITY = {
    DispenserAlert.NOT_DISPENSED: Severity.HIGH,
    DispenserAlert.STOPPED: Severity.HIGH,
    DispenserAlert.SUPPLY: Severity.MODERATE,
    DispenserAlert.TECHNICAL: Severity.MODERATE,
}
_URGENT_ALARMS = frozenset({"3", "4.1", "4.11", "4.13", "4.14", "4.17", "4.22", "4.24"})


def alert_code(issue: Mapping[str, Any]) -> tuple[str, str] | None:
    """The VKP alert code of a DetectedIssue and its display (the table's when none was sent)."""
    for system, code, display in codings(issue.get("code")):
        if system == ALERT_CODE_SYSTEM:
            return code, display or ALERT_CODES.get(code, code)
    return None


def dispenser_alert(code: str) -> DispenserAlert | None:
    """What a dispenser alert code means for the doses; None for other alerts."""
    if code in _NOT_DISPENSED:
        return DispenserAlert.NOT_DISPENSED
    if code in _STOPPED:
        return DispenserAlert.STOPPED
    if code in _SUPPLY:
        return DispenserAlert.SUPPLY
    if code in _TECHNICAL:
        return DispenserAlert.TECHNICAL
    return None


def dispense_event(dispense: Mapping[str, Any]) -> tuple[str, str] | None:
    """The VKP event code of a MedicationDispense (``category``) and its display, or None
    when it is not a dispenser's event (a pharmacy's dispense has no such category)."""
    for system, code, display in codings(dispense.get("category")):
        if system == DISPENSE_EVENT_SYSTEM:
            return code, display or DISPENSE_EVENTS.get(code, code)
    return None


def is_scheduled_dispense(code: str) -> bool:
    """A pouch of the regular plan handed over (1, 1.1, 1.2); as-needed (1.3), travel (2.x)
    and user messages (3) are not a scheduled dose."""
    return code in ("1", "1.1", "1.2")


def _sent_severity(issue: Mapping[str, Any]) -> Severity | None:
    """The severity the sender gave: ``severity``, the vkp-severity-level extension (either
    coding system) or the ``detail`` colour, in that order; None when none was given."""
    sent = issue.get("severity")
    if isinstance(sent, str) and sent in _FHIR_SEVERITY:
        return _FHIR_SEVERITY[sent]
    levels = (SEVERITY_LEVEL_SYSTEM, SEVERITY_LEVEL_VALUESET)
    for extension in extensions(issue, "vkp-severity-level-v090"):
        for system, code, _display in codings(extension.get("valueCodeableConcept")):
            if system in levels and code in _LEVEL_SEVERITY:
                return _LEVEL_SEVERITY[code]
    detail = issue.get("detail")
    if isinstance(detail, str):
        return _COLOUR_SEVERITY.get(detail.strip().casefold())
    return None


def alert_severity(issue: Mapping[str, Any]) -> Severity:
    """How urgent a DetectedIssue is: as sent (``_sent_severity``), else by its alert code (a
    missed dose, a stopped dispenser, a fall or a safety alarm is high); UNKNOWN without one."""
    sent = _sent_severity(issue)
    if sent is not None:
        return sent
    found = alert_code(issue)
    if found is None:
        return Severity.UNKNOWN
    kind = dispenser_alert(found[0])
    if kind is not None:
        return _DEFAULT_SEVERITY[kind]
    return Severity.HIGH if found[0] in _URGENT_ALARMS else Severity.MODERATE
