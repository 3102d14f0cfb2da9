"""Welfare technology and remote follow-up, read from FHIR R4 JSON (stdlib only, no I/O).

Velferdsteknologisk knutepunkt (VKP) journals medicine-dispenser events, alarms and digital
supervision; Pasientens måledata (PMD) carries home measurements. Both name the patient by
logical identifier (``subject.identifier`` = the fødselsnummer), never by ``Patient/<id>``.

- ``vkp``: the VKP R4 code systems and profiles (alert codes, dispense events, severity, triage).
- ``logical``: the logical patient reference of a resource, resolved only by exact system+value.
- ``measurements``: which Observation is a home (device or patient-measured) measurement, and
  the measures home follow-up uses, by LOINC and SNOMED CT.
- ``limits``: the patient's own alert limits (``Goal`` targets, ``Observation.referenceRange``)
  and whether a value lies outside them.
- ``monitoring``: measurements a monitoring care plan expects, and which of them were missed.
- ``dispenser``: what a dispenser did for a scheduled pouch (dispensed, not dispensed, no report).
"""
