"""FHIR identifier systems, code systems and extension URLs used in Norwegian municipal care.

Sources are norway.md §1-3 (HL7 Norway no-basis, Kjernejournal, SFM, FEST, Volven). Where the
national projects disagree (FEST URIs are not harmonised, norway.md §2.5) the constant names the
choice made here. ``PLEIEPUNKT_*`` URLs are this product's own, used only where no national
definition was found.
"""

from __future__ import annotations

from typing import Final

_VOLVEN: Final = "urn:oid:2.16.578.1.12.4.1.1."

# Person identifiers (no-basis Patient/Practitioner/RelatedPerson slices).
FODSELSNUMMER: Final = "urn:oid:2.16.578.1.12.4.1.4.1"  # fødselsnummer, Folkeregisteret
D_NUMMER: Final = "urn:oid:2.16.578.1.12.4.1.4.2"  # D-nummer, Skatteetaten, non-residents
FELLES_HJELPENUMMER: Final = "urn:oid:2.16.578.1.12.4.1.4.3"  # FHN, NHN: first digit 8 or 9
LOCAL_H_NUMMER: Final = "HNR"  # organisation-local H-nummer; needs type 8327#HNR and an assigner
HPR_NUMMER: Final = "urn:oid:2.16.578.1.12.4.1.4.4"  # Helsepersonellregisteret number

# Organisation and place identifiers.
ORGANISASJONSNUMMER: Final = "urn:oid:2.16.578.1.12.4.1.4.101"  # Enhetsregisteret (ENH)
RESH_ID: Final = "urn:oid:2.16.578.1.12.4.1.4.102"  # specialist-care unit register
HER_ID: Final = "urn:oid:2.16.578.1.12.4.1.2"  # Adresseregisteret, for messaging
KOMMUNENUMMER: Final = (  # preferred municipality-number system in no-basis
    "https://register.geonorge.no/subregister/sosi-kodelister/kartverket/kommunenummer-alle"
)
KOMMUNENUMMER_VOLVEN: Final = _VOLVEN + "3402"  # Volven municipality code list, older form
BYDELSNUMMER: Final = _VOLVEN + "3403"  # urban district (bydel)

# Volven code systems (urn:oid:2.16.578.1.12.4.1.1.<n>).
KATEGORI_HELSEPERSONELL: Final = _VOLVEN + "9060"  # LE lege, SP sykepleier, HF helsefagarbeider…
HPR_GODKJENNINGSTYPE: Final = _VOLVEN + "7704"  # HPR authorisation type
HPR_SPESIALITET: Final = _VOLVEN + "7426"  # HPR specialty
ORGANISATORISK_NIVA: Final = _VOLVEN + "8628"  # Organization.type: organisational level
ORGANISATORISK_BETEGNELSE: Final = _VOLVEN + "8624"  # Organization.type: organisational name
TJENESTETYPER_KOMMUNAL: Final = _VOLVEN + "8663"  # municipal service types, e.g. KP02
FELLES_TJENESTETYPER: Final = _VOLVEN + "8666"  # common service types (KJ reference client)
TJENESTETYPE_HELSE_OMSORG: Final = _VOLVEN + "9151"  # IPLOS-based, e.g. 15 hjemmetjenester
LEGEMIDDELFORM: Final = _VOLVEN + "7448"  # drug form
RESEPTGRUPPE: Final = _VOLVEN + "7421"  # prescription group (A, B, C…)
VAREGRUPPE: Final = _VOLVEN + "7402"  # item group, L = legemiddel
RF_STATUS: Final = _VOLVEN + "7408"  # Reseptformidleren status, E ekspederbar…
RESEPTTYPE: Final = _VOLVEN + "7491"  # E = e-resept
BRUK: Final = _VOLVEN + "9101"  # 1 fast, 2 kur, 3 ved behov
TIDSPUNKT: Final = _VOLVEN + "8325"  # time of day for a dose, 1 = morgen
DOSERINGSKODE: Final = _VOLVEN + "7478"  # dosing code, e.g. 216 = 1+1+1
ROLLE_LEGEMIDDEL: Final = _VOLVEN + "7490"  # M multidoseansvarlig lege, A ansvarlig farmasøyt
SEPONERINGSARSAK: Final = _VOLVEN + "7494"  # A avsluttet behandling, X annen årsak (inferred)
ENHET: Final = _VOLVEN + "7452"  # unit of measure in SFM
REAKSJON: Final = _VOLVEN + "7497"  # allergic reaction (manifestation)
ICPC2: Final = _VOLVEN + "7170"  # primary-care diagnoses
ICD10: Final = _VOLVEN + "7110"  # ICD-10, Norwegian edition
H_NUMMER_TYPE: Final = _VOLVEN + "8327"  # identifier type list holding HNR

# International terminologies.
ATC: Final = "http://www.whocc.no/atc"  # WHO ATC classification of drugs
LOINC: Final = "http://loinc.org"  # observations (vital signs, panels)
SNOMED_CT: Final = "http://snomed.info/sct"  # clinical findings, substances, procedures
UCUM: Final = "http://unitsofmeasure.org"  # units of measure
PURPOSE_OF_USE: Final = "urn:oid:2.16.840.1.113883.1.11.20448"  # HL7 TREAT, ETREAT, COC, BTG

# Drug catalogue (FEST) identifier systems; the projects disagree (norway.md §2.5).
FEST: Final = "http://ehelse.no/fhir/CodeSystem/FEST"  # SFM/no-basis: FEST id or varenummer
FEST_SUBSTANCE: Final = "http://ehelse.no/FESTSubstance"  # no-basis AllergyIntolerance substance
FEST_MEDICATION: Final = "http://ehelse.no/FESTMedication"  # no-basis AllergyIntolerance drug
FEST_VIRKESTOFF: Final = "http://dmp.no/fhir/NamingSystem/festLegemiddelVirkestoff"  # LMDI
FEST_MERKEVARE: Final = "http://dmp.no/fhir/NamingSystem/festLegemiddelMerkevare"  # LMDI
FEST_PAKNING: Final = "http://dmp.no/fhir/NamingSystem/festLegemiddelPakning"  # LMDI
# FEST Byttegruppe (generic-substitution group, ``PakningByttegruppe/RefByttegruppe``): LMDI
# defines NamingSystems for pakning, merkevare, virkestoff and dose only, none for byttegrupper.
FEST_BYTTEGRUPPE: Final = "http://pleiepunkt.no/fhir/NamingSystem/fest-byttegruppe"
GTIN: Final = "https://www.gs1.org/gtin"  # GS1 GTIN-14 of a pack (the EAN printed on it)
KJ_DRUG_TRADE_NAME: Final = "http://nhn.no/kj/fhir/CodeSystem/DrugTradeName"  # KJ, ID_<GUID>
KJ_HEALTH_PROFESSIONAL_CATEGORY: Final = (  # KJ recorder role codes
    "http://nhn.no/kj/fhir/CodeSystem/CategoriesOfHealthProfessionals"
)

# HL7 terminology (terminology.hl7.org) used by the base resources.
ALLERGY_CLINICAL_STATUS: Final = (  # active | inactive | resolved
    "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
)
ALLERGY_VERIFICATION_STATUS: Final = (  # confirmed | unconfirmed | refuted | entered-in-error
    "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"
)
CONDITION_CLINICAL_STATUS: Final = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION_STATUS: Final = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONDITION_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/condition-category"
OBSERVATION_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/observation-category"
FLAG_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/flag-category"  # safety, drug…
CONSENT_SCOPE: Final = "http://terminology.hl7.org/CodeSystem/consentscope"  # treatment…
CONSENT_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/consentcategorycodes"  # dnr…
ACT_CODE: Final = "http://terminology.hl7.org/CodeSystem/v3-ActCode"  # Encounter.class, DF…
ROLE_CODE: Final = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"  # relatives: DAU, SON…
CONTACT_ROLE: Final = "http://terminology.hl7.org/CodeSystem/v2-0131"  # N next of kin, C contact
PRACTITIONER_ROLE: Final = "http://terminology.hl7.org/CodeSystem/practitioner-role"  # nurse…
ORGANIZATION_TYPE: Final = "http://terminology.hl7.org/CodeSystem/organization-type"  # prov…
LOCATION_PHYSICAL_TYPE: Final = "http://terminology.hl7.org/CodeSystem/location-physical-type"
ORDERABLE_DRUG_FORM: Final = "http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm"
SUBSTANCE_ADMIN_SUBSTITUTION: Final = (  # EC equivalent composition, N none… (v3 5.1070)
    "http://terminology.hl7.org/CodeSystem/v3-substanceAdminSubstitution"
)
IETF_URI: Final = "urn:ietf:rfc:3986"  # identifier values that are themselves URIs (urn:uuid:…)

# HL7 Norway no-basis profiles and extensions.
NO_BASIS_PROFILE_BASE: Final = "http://hl7.no/fhir/StructureDefinition/no-basis-"  # + Resource
NO_BASIS_MIDDLE_NAME: Final = "http://hl7.no/fhir/StructureDefinition/no-basis-middlename"
NO_BASIS_MUNICIPALITY_CODE: Final = (  # on Address.district: kommunenummer as valueCoding
    "http://hl7.no/fhir/StructureDefinition/no-basis-municipalitycode"
)
NO_BASIS_ADDRESS_OFFICIAL: Final = (  # boolean: the Folkeregister/Enhetsregister address
    "http://hl7.no/fhir/StructureDefinition/no-basis-address-official"
)
NO_BASIS_URBAN_DISTRICT: Final = "http://hl7.no/fhir/StructureDefinition/no-basis-urban-district"

# This product's own definitions, where no national one was found.
PLEIEPUNKT_MULTIDOSE: Final = (  # boolean on MedicationStatement/Request: delivered as multidose
    "http://pleiepunkt.no/fhir/StructureDefinition/multidose"
)
PLEIEPUNKT_ACVPU: Final = (  # consciousness level for NEWS2: A, C, V, P, U
    "http://pleiepunkt.no/fhir/CodeSystem/acvpu"
)

# LOINC codes of the vital signs NEWS2 reads (Observation.code).
LOINC_VITAL_SIGNS_PANEL: Final = "85353-1"  # vital signs panel
LOINC_RESPIRATORY_RATE: Final = "9279-1"  # breaths per minute
LOINC_OXYGEN_SATURATION: Final = "59408-5"  # SpO2 by pulse oximetry
LOINC_OXYGEN_SATURATION_ARTERIAL: Final = "2708-6"  # oxygen saturation in arterial blood
LOINC_BLOOD_PRESSURE_PANEL: Final = "85354-9"  # blood pressure panel
LOINC_SYSTOLIC: Final = "8480-6"  # systolic blood pressure (panel component)
LOINC_DIASTOLIC: Final = "8462-4"  # diastolic blood pressure (panel component)
LOINC_HEART_RATE: Final = "8867-4"  # heart rate / pulse
LOINC_BODY_TEMPERATURE: Final = "8310-5"  # body temperature
LOINC_CONSCIOUSNESS: Final = "67775-7"  # level of responsiveness (ACVPU)
LOINC_INHALED_OXYGEN_FLOW: Final = "3151-8"  # supplemental oxygen flow rate

# LOINC codes of what a care-plan activity measures, and of clinical notes.
LOINC_BODY_WEIGHT: Final = "29463-7"  # body weight (R4 vital-signs profile), kg
LOINC_BLOOD_GLUCOSE_MOLAR: Final = "15074-8"  # glucose [moles/volume] in blood, mmol/L
LOINC_NURSE_NOTE: Final = "34746-8"  # Nurse note (document ontology)

# Volven 9602 "Dokumenttype" (no-basis DocumentReference/Composition type, required binding).
DOKUMENTTYPE: Final = _VOLVEN + "9602"

# ATC groups the allergy checks and demo data refer to.
ATC_PENICILLINS_NARROW: Final = "J01CE"  # beta-lactamase-sensitive penicillins
