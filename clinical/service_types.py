"""Volven 9151, the IPLOS service types of municipal health and care (code -> display).

As HL7 Norway publishes the code system (``IplosCs`` 0.2.0, 25 codes); its URI is
``clinical.codes.TJENESTETYPE_HELSE_OMSORG``. A workstation names its service in the access log
(AuditEvent purpose-of-use detail) with one of these codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["SERVICE_TYPES"]

SERVICE_TYPES: Final[Mapping[str, str]] = {
    "1": "Praktisk bistand - daglige gjøremål",
    "2": "Praktisk bistand - opplæring - daglige gjøremål",
    "3": "Praktisk bistand - brukerstyrt - personlig assistanse",
    "4": "Dagaktivitetstilbud",
    "5": "Matombringing",
    "6": "Trygghetsalarm",
    "7": "Avlastning utenfor institusjon",
    "8": "Avlastning i institusjon",
    "9": "Støttekontakt",
    "11": "Omsorgsstønad",
    "14": "Bruk av tvang psykisk utviklingshemning – planlagte tiltak",
    "15": "Helsetjenester i hjemmet",
    "17": "Dagopphold i institusjon",
    "18": "Tidsbegrenset opphold - utredning/behandling",
    "19": "Tidsbegrenset opphold - habilitering/rehabilitering",
    "20": "Tidsbegrenset opphold - annet",
    "21": "Langtidsopphold i institusjon",
    "22": "Nattopphold i institusjon",
    "23": "Bruk av tvang psykisk utviklingshemning – nødsituasjoner",
    "24": "Helsehjelp med tvang",
    "25": "Kommunal øyeblikkelig hjelp - døgnopphold",
    "26": "Lokaliseringsteknologi (GPS)",
    "27": "Elektronisk medisineringsstøtte",
    "28": "Digitalt tilsyn",
    "29": "Bolig som kommunen disponerer for helse- og omsorgsformål",
}
