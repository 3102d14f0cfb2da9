<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>AccessBasisDialog</name>
    <message>
        <location filename="../../ui/dialogs/access_basis_dialog.py" line="30"/>
        <source>Access basis</source>
        <translation>Tilgangsgrunnlag</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/access_basis_dialog.py" line="33"/>
        <source>On what basis do you open the record of %1?</source>
        <translation>På hvilket grunnlag åpner du journalen til %1?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/access_basis_dialog.py" line="37"/>
        <source>Your choice is logged, and the patient can see who opened the record.</source>
        <translation>Valget ditt logges, og pasienten kan se hvem som har åpnet journalen.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/access_basis_dialog.py" line="56"/>
        <source>&amp;Reason (required in an emergency):</source>
        <translation>&amp;Begrunnelse (påkrevd ved akutt behov):</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/access_basis_dialog.py" line="60"/>
        <source>Reason</source>
        <translation>Begrunnelse</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/access_basis_dialog.py" line="70"/>
        <source>&amp;Open record</source>
        <translation>&amp;Åpne journal</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/access_basis_dialog.py" line="71"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/access_basis_dialog.py" line="116"/>
        <source>⚠ Write the reason for emergency access.</source>
        <translation>⚠ Skriv begrunnelsen for akuttilgang.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/access_basis_dialog.py" line="125"/>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Begrunnelse (påkrevd):</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/access_basis_dialog.py" line="125"/>
        <source>&amp;Reason (optional):</source>
        <translation>&amp;Begrunnelse (valgfri):</translation>
    </message>
</context>
<context>
    <name>AllergyMark</name>
    <message>
        <location filename="../../ui/views/allergy_mark.py" line="22"/>
        <source>⚠ Allergy</source>
        <translation>⚠ Allergi</translation>
    </message>
    <message>
        <location filename="../../ui/views/allergy_mark.py" line="23"/>
        <source>⚠ Allergy (low criticality)</source>
        <translation>⚠ Allergi (lav alvorlighet)</translation>
    </message>
    <message>
        <location filename="../../ui/views/allergy_mark.py" line="32"/>
        <source>Recorded reaction: %1</source>
        <translation>Registrert reaksjon: %1</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="66"/>
        <source>Sync conflicts</source>
        <translation>Synkroniseringskonflikter</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="74"/>
        <source>Conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="79"/>
        <source>Someone changed the same record on the server while you worked offline. Compare the two versions, then keep one, or choose a value per field and merge.</source>
        <translation>Noen endret den samme journalopplysningen på serveren mens du arbeidet frakoblet. Sammenlign de to versjonene, og behold den ene, eller velg verdi per felt og flett.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="89"/>
        <source>Keep &amp;my version (this computer)</source>
        <translation>Behold &amp;min versjon (denne maskinen)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="190"/>
        <source>Mine (this computer)</source>
        <translation>Min (denne maskinen)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="221"/>
        <source>⚠ The record was deleted on the server. Keep yours to restore it, or keep the server&apos;s version to accept the deletion.</source>
        <translation>⚠ Opplysningen ble slettet på serveren. Behold din for å gjenopprette den, eller behold serverens versjon for å godta slettingen.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="225"/>
        <source>⚠ Your version was deleted on this computer.</source>
        <translation>⚠ Din versjon ble slettet på denne maskinen.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="227"/>
        <source>The versions differ only in technical details.</source>
        <translation>Versjonene er bare ulike i tekniske detaljer.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="237"/>
        <source>≠ Differs</source>
        <translation>≠ Ulik</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="237"/>
        <source>= Same</source>
        <translation>= Lik</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="253"/>
        <source>Use this value</source>
        <translation>Bruk denne verdien</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="255"/>
        <source>Use my %1</source>
        <translation>Bruk min %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="264"/>
        <source>%1, mine</source>
        <translation>%1, min</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="264"/>
        <source>%1, on the server</source>
        <translation>%1, på serveren</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="267"/>
        <source>Differs: %1</source>
        <translation>Ulik: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="267"/>
        <source>Same: %1</source>
        <translation>Lik: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="278"/>
        <source>Mine (this computer):</source>
        <translation>Min (denne maskinen):</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="281"/>
        <source>On the server:</source>
        <translation>På serveren:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="90"/>
        <source>Keep the &amp;server&apos;s version</source>
        <translation>Behold &amp;serverens versjon</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="91"/>
        <source>Mer&amp;ge: use the chosen value per field</source>
        <translation>&amp;Flett: bruk valgt verdi per felt</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="92"/>
        <source>&amp;Close</source>
        <translation>&amp;Lukk</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="118"/>
        <source>Technical details</source>
        <translation>Tekniske detaljer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="122"/>
        <source>Show technical details (FHIR)</source>
        <translation>Vis tekniske detaljer (FHIR)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="127"/>
        <source>Technical details: both versions as FHIR</source>
        <translation>Tekniske detaljer: begge versjonene som FHIR</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="190"/>
        <source>Field</source>
        <translation>Felt</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="190"/>
        <source>On the server</source>
        <translation>På serveren</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/conflict_dialog.py" line="255"/>
        <source>Use the server&apos;s %1</source>
        <translation>Bruk serverens %1</translation>
    </message>
</context>
<context>
    <name>ConflictLabels</name>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="16"/>
        <source>Time</source>
        <translation>Tidspunkt</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="18"/>
        <source>Dose</source>
        <translation>Dose</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="20"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="22"/>
        <source>Reason for status</source>
        <translation>Årsak</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="24"/>
        <source>Note</source>
        <translation>Merknad</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="26"/>
        <source>Medicine</source>
        <translation>Legemiddel</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="28"/>
        <source>Performed by</source>
        <translation>Utført av</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="30"/>
        <source>Reason</source>
        <translation>Begrunnelse</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="32"/>
        <source>Value</source>
        <translation>Verdi</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="34"/>
        <source>Measurements</source>
        <translation>Målinger</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="36"/>
        <source>What</source>
        <translation>Hva</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="38"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="40"/>
        <source>Patient</source>
        <translation>Pasient</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="42"/>
        <location filename="../../ui/presenters/conflict_labels.py" line="91"/>
        <source>Prescription</source>
        <translation>Resept</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="44"/>
        <location filename="../../ui/presenters/conflict_labels.py" line="89"/>
        <source>Medication list item</source>
        <translation>Legemiddel i legemiddellisten</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="46"/>
        <location filename="../../ui/presenters/conflict_labels.py" line="131"/>
        <source>Registered</source>
        <translation>Registrert</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="48"/>
        <source>Created</source>
        <translation>Opprettet</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="50"/>
        <source>Last changed</source>
        <translation>Sist endret</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="52"/>
        <source>Description</source>
        <translation>Beskrivelse</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="54"/>
        <source>Priority</source>
        <translation>Prioritet</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="56"/>
        <source>Responsible</source>
        <translation>Ansvarlig</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="58"/>
        <source>Requested by</source>
        <translation>Bestilt av</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="60"/>
        <source>To be done by</source>
        <translation>Skal gjøres innen</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="62"/>
        <source>Carried out</source>
        <translation>Utført</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="64"/>
        <source>Concerns</source>
        <translation>Gjelder</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="66"/>
        <source>Calculated from</source>
        <translation>Beregnet fra</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="68"/>
        <source>Identifier</source>
        <translation>Identifikator</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="70"/>
        <source>Device</source>
        <translation>Utstyr</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="72"/>
        <source>Additional information</source>
        <translation>Tilleggsopplysninger</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="74"/>
        <source>Interpretation</source>
        <translation>Tolkning</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="76"/>
        <source>Kind of request</source>
        <translation>Type forespørsel</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="77"/>
        <source>%1 (technical name)</source>
        <translation>%1 (teknisk navn)</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="83"/>
        <source>Medicine given or not given</source>
        <translation>Legemiddel gitt eller ikke gitt</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="85"/>
        <source>Measurement</source>
        <translation>Måling</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="87"/>
        <source>Task</source>
        <translation>Oppgave</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="93"/>
        <source>Record opening</source>
        <translation>Journaloppslag</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="95"/>
        <source>Allergy or drug reaction</source>
        <translation>Allergi eller legemiddelreaksjon</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="97"/>
        <source>Condition</source>
        <translation>Tilstand</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="99"/>
        <source>Warning</source>
        <translation>Varsel</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="101"/>
        <source>Patient details</source>
        <translation>Pasientopplysninger</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="109"/>
        <source>Given</source>
        <translation>Gitt</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="111"/>
        <source>Not given</source>
        <translation>Ikke gitt</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="113"/>
        <source>Completed</source>
        <translation>Fullført</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="115"/>
        <source>In progress</source>
        <translation>Pågår</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="117"/>
        <source>On hold</source>
        <translation>Satt på vent</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="119"/>
        <source>Stopped</source>
        <translation>Stoppet</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="121"/>
        <source>Entered in error</source>
        <translation>Registrert ved feil</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="123"/>
        <source>Cancelled</source>
        <translation>Avlyst</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="125"/>
        <source>Final</source>
        <translation>Endelig</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="127"/>
        <source>Preliminary</source>
        <translation>Foreløpig</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="129"/>
        <source>Corrected</source>
        <translation>Korrigert</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="133"/>
        <source>Requested</source>
        <translation>Bestilt</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="135"/>
        <source>Accepted</source>
        <translation>Akseptert</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="137"/>
        <source>Rejected</source>
        <translation>Avvist</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="139"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="141"/>
        <source>Draft</source>
        <translation>Utkast</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="143"/>
        <source>Unknown</source>
        <translation>Ukjent</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="150"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="152"/>
        <source>No</source>
        <translation>Nei</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/conflict_labels.py" line="158"/>
        <source>(not filled in)</source>
        <translation>(ikke fylt ut)</translation>
    </message>
</context>
<context>
    <name>CoreRecordWidget</name>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="63"/>
        <source>Core record</source>
        <translation>Kjernejournal</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="88"/>
        <source>⚠ Critical conditions</source>
        <translation>⚠ Kritiske tilstander</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="92"/>
        <source>⚠ Ongoing treatments and implants</source>
        <translation>⚠ Pågående behandlinger og implantater</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="98"/>
        <source>⚠ Anaesthesia complications</source>
        <translation>⚠ Komplikasjoner ved anestesi</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="103"/>
        <source>⚠ Other procedure changes</source>
        <translation>⚠ Annen prosedyreendring</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="107"/>
        <source>⚠ Treatment limitations (e.g. HLR-minus)</source>
        <translation>⚠ Behandlingsavklaringer (f.eks. HLR-minus)</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="124"/>
        <source>⚠ Drug reactions and critical allergies</source>
        <translation>⚠ Legemiddelreaksjoner og kritiske allergier</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="126"/>
        <location filename="../../ui/views/core_record_view.py" line="162"/>
        <location filename="../../ui/views/core_record_view.py" line="180"/>
        <location filename="../../ui/views/core_record_view.py" line="191"/>
        <location filename="../../ui/views/core_record_view.py" line="207"/>
        <source>None registered</source>
        <translation>Ingen registrert</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="129"/>
        <source>Drug reaction</source>
        <translation>Legemiddelreaksjon</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="129"/>
        <source>Allergy</source>
        <translation>Allergi</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="140"/>
        <source>Reaction: %1</source>
        <translation>Reaksjon: %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="144"/>
        <source>Registered %1</source>
        <translation>Registrert %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="167"/>
        <source>from %1</source>
        <translation>fra %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="169"/>
        <source>valid until %1</source>
        <translation>gyldig til %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="178"/>
        <source>Vaccinations</source>
        <translation>Vaksiner</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="184"/>
        <source>dose %1</source>
        <translation>dose %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="189"/>
        <source>Hospital contacts</source>
        <translation>Sykehuskontakter</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="205"/>
        <source>Relatives and contact persons</source>
        <translation>Pårørende og kontaktpersoner</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="211"/>
        <source>contact person</source>
        <translation>kontaktperson</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="213"/>
        <location filename="../../ui/views/core_record_view.py" line="225"/>
        <source>phone %1</source>
        <translation>telefon %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="218"/>
        <source>Regular GP (fastlege)</source>
        <translation>Fastlege</translation>
    </message>
    <message>
        <location filename="../../ui/views/core_record_view.py" line="221"/>
        <source>No regular GP registered</source>
        <translation>Ingen fastlege registrert</translation>
    </message>
</context>
<context>
    <name>CriticalBanner</name>
    <message>
        <location filename="../../ui/widgets/critical_banner.py" line="76"/>
        <source>… Reading critical information</source>
        <translation>… Leser kritisk informasjon</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/critical_banner.py" line="81"/>
        <source>ℹ No allergies or critical information registered</source>
        <translation>ℹ Ingen allergier eller kritisk informasjon registrert</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/critical_banner.py" line="87"/>
        <source>⚠ ALLERGIES AND DRUG REACTIONS: %1</source>
        <translation>⚠ ALLERGIER OG LEGEMIDDELREAKSJONER: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/critical_banner.py" line="90"/>
        <source>⚠ TREATMENT LIMITATION: %1</source>
        <translation>⚠ BEHANDLINGSAVKLARING: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/critical_banner.py" line="99"/>
        <source>⚠ CRITICAL INFORMATION: %1</source>
        <translation>⚠ KRITISK INFORMASJON: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/critical_banner.py" line="128"/>
        <source>▾ Show all</source>
        <translation>▾ Vis alt</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/critical_banner.py" line="129"/>
        <source>Show all critical information</source>
        <translation>Vis all kritisk informasjon</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/critical_banner.py" line="132"/>
        <source>▴ One line</source>
        <translation>▴ Én linje</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/critical_banner.py" line="133"/>
        <source>Show critical information on one line</source>
        <translation>Vis kritisk informasjon på én linje</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/critical_banner.py" line="139"/>
        <source> (+%1 more)</source>
        <translation> (+%1 til)</translation>
    </message>
</context>
<context>
    <name>CriticalWording</name>
    <message>
        <location filename="../../ui/presenters/wording.py" line="20"/>
        <source>HLR-minus: no cardiopulmonary resuscitation</source>
        <translation>HLR-minus: ikke hjerte-lunge-redning</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/wording.py" line="27"/>
        <source>Not: %1</source>
        <translation>Ikke: %1</translation>
    </message>
    <message>
        <location filename="../../ui/presenters/wording.py" line="32"/>
        <source>Unclear whether allowed or refused: %1 (check the decision)</source>
        <translation>Uklart om tillatt eller ikke: %1 (sjekk beslutningen)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="49"/>
        <source>Not saved</source>
        <translation>Ikke lagret</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="51"/>
        <source>Sign-in was cancelled.</source>
        <translation>Innloggingen ble avbrutt.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="53"/>
        <source>Sign-in was not completed in the browser. Try again. If you do not come back to Pleiepunkt after signing in, contact IT.</source>
        <translation>Innloggingen ble ikke fullført i nettleseren. Prøv igjen. Kommer du ikke tilbake til Pleiepunkt etter at du har logget inn, kontakt IT.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="60"/>
        <source>Cannot reach the sign-in service. You can unlock with your PIN and work offline.</source>
        <translation>Får ikke kontakt med innloggingstjenesten. Du kan låse opp med PIN-koden din og arbeide uten nett.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="65"/>
        <source>Your sign-in has expired. Sign in again.</source>
        <translation>Innloggingen er utløpt. Logg inn på nytt.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="67"/>
        <source>The answer from the sign-in service could not be accepted. Contact IT.</source>
        <translation>Svaret fra innloggingstjenesten kunne ikke godkjennes. Kontakt IT.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="72"/>
        <source>The sign-in key on this computer cannot be read. Contact the IT department.</source>
        <translation>Innloggingsnøkkelen på denne maskinen kan ikke leses. Kontakt IT-avdelingen.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="76"/>
        <source>You are not signed in.</source>
        <translation>Du er ikke logget inn.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="78"/>
        <source>Sign in online before you can unlock with a PIN.</source>
        <translation>Du må logge inn med nett før du kan låse opp med PIN-kode.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="83"/>
        <source>Sign-in failed. Try again, or contact IT if it keeps happening.</source>
        <translation>Innloggingen mislyktes. Prøv igjen, eller kontakt IT hvis det gjentar seg.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="87"/>
        <source>Sign in with HelseID: the PIN has expired after a time without network.</source>
        <translation>Logg inn med HelseID (påkrevd etter en tid uten nett).</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="91"/>
        <source>Sign in with HelseID to unlock.</source>
        <translation>Logg inn med HelseID for å låse opp.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="93"/>
        <source>Too many wrong PINs. Sign in with HelseID.</source>
        <translation>For mange feil PIN-koder. Logg inn med HelseID.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="97"/>
        <source>Wait a moment before trying again.</source>
        <translation>Vent litt før du prøver igjen.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="102"/>
        <source>The PIN could not be checked. Sign in with HelseID.</source>
        <translation>PIN-koden kunne ikke kontrolleres. Logg inn med HelseID.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="107"/>
        <source>This patient is not on this computer</source>
        <translation>Pasienten finnes ikke på denne maskinen</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="109"/>
        <source>The patient may have moved to another unit. Sync and try again.</source>
        <translation>Pasienten kan ha flyttet til en annen avdeling. Synkroniser og prøv igjen.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="115"/>
        <source>Could not read the local record</source>
        <translation>Kunne ikke lese den lokale journalen</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="117"/>
        <source>The local store could not be read. Try again; if it keeps failing, sign in again.</source>
        <translation>Kunne ikke lese fra lokal lagring. Prøv igjen; hvis det fortsatt feiler, logg inn på nytt.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="125"/>
        <source>Saving on this computer failed. Nothing was changed.</source>
        <translation>Lagring på denne maskinen feilet. Ingenting er endret.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="129"/>
        <source>This prescription is not on this computer.</source>
        <translation>Resepten finnes ikke på denne maskinen.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="132"/>
        <source>Not confirmed</source>
        <translation>Ikke bekreftet</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="133"/>
        <source>Unknown user or wrong PIN.</source>
        <translation>Ukjent bruker eller feil PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="136"/>
        <source>Pleiepunkt is locked</source>
        <translation>Pleiepunkt er låst</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="137"/>
        <source>Unlock with your PIN.</source>
        <translation>Lås opp med PIN-koden din.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="140"/>
        <source>The record was not opened</source>
        <translation>Journalen ble ikke åpnet</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="142"/>
        <source>The opening could not be written to the access log, so the record is not shown. Try again; if it keeps failing, contact IT.</source>
        <translation>Åpningen kunne ikke skrives i tilgangsloggen, så journalen vises ikke. Prøv igjen; kontakt IT hvis det fortsetter.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="150"/>
        <source>No new store</source>
        <translation>Ikke noe nytt lager</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="152"/>
        <source>Records on this computer may not have been sent yet, so the store cannot be replaced. IT can recover it with the organisation&apos;s key.</source>
        <translation>Registreringer på denne maskinen er kanskje ikke sendt ennå, så lageret kan ikke erstattes. IT kan gjenopprette det med organisasjonens nøkkel.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="172"/>
        <source>Wrong PIN. %1 attempts left.</source>
        <translation>Feil PIN-kode. %1 forsøk igjen.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="180"/>
        <source>The recovery key or its passphrase is wrong. Nothing was changed.</source>
        <translation>Gjenopprettingsnøkkelen eller passordfrasen er feil. Ingenting ble endret.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="184"/>
        <source>This store was made before a recovery key was set up. Nothing was changed.</source>
        <translation>Dette lageret ble laget før en gjenopprettingsnøkkel var satt opp. Ingenting ble endret.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="188"/>
        <source>The new PIN is too short.</source>
        <translation>Den nye PIN-koden er for kort.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="189"/>
        <source>There is no store for this person here.</source>
        <translation>Det finnes ikke noe lager for denne personen her.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="196"/>
        <source>%1 was not saved: use %2.</source>
        <translation>%1 ble ikke lagret: bruk %2.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="201"/>
        <source>%1 was not saved: it is decided by your organisation or by IT for this computer.</source>
        <translation>%1 ble ikke lagret: den er bestemt av organisasjonen din eller av IT for denne datamaskinen.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="206"/>
        <source>Your settings could not be saved on this computer (%1).</source>
        <translation>Innstillingene dine kunne ikke lagres på denne datamaskinen (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="209"/>
        <source>%1 was not saved.</source>
        <translation>%1 ble ikke lagret.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="217"/>
        <source>Not unlocked</source>
        <translation>Ikke låst opp</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="219"/>
        <source>Not signed in</source>
        <translation>Ikke logget inn</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="224"/>
        <source>Pleiepunkt is not set up on this computer</source>
        <translation>Pleiepunkt er ikke satt opp på denne maskinen</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="225"/>
        <source>Ask IT to set %1 in this computer&apos;s configuration.</source>
        <translation>Be IT om å sette %1 i maskinens konfigurasjon.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="233"/>
        <source>Refused by your organisation&apos;s policy</source>
        <translation>Avvist av organisasjonens policy</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="234"/>
        <source>%1 is decided by policy on this computer (https only).</source>
        <translation>%1 er bestemt av policy på denne maskinen (bare https).</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="239"/>
        <source>Not recovered</source>
        <translation>Ikke gjenopprettet</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="240"/>
        <location filename="../../ui/errors.py" line="258"/>
        <source>Something went wrong</source>
        <translation>Noe gikk galt</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="240"/>
        <source>Try again.</source>
        <translation>Prøv igjen.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="259"/>
        <source>The error was logged. Nothing you recorded has been lost.</source>
        <translation>Feilen er logget. Ingenting du har registrert, har gått tapt.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="278"/>
        <source>Pleiepunkt cannot start:</source>
        <translation>Pleiepunkt kan ikke starte:</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>high criticality</source>
        <translation>høy kritikalitet</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>low criticality</source>
        <translation>lav kritikalitet</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>criticality not assessable</source>
        <translation>kritikalitet kan ikke vurderes</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>criticality unknown</source>
        <translation>ukjent kritikalitet</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <source>verified</source>
        <translation>verifisert</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>presumed</source>
        <translation>antatt</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34"/>
        <source>verification unknown</source>
        <translation>ukjent om verifisert</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40"/>
        <source>Regular use</source>
        <translation>Fast</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42"/>
        <source>Course</source>
        <translation>Kur</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43"/>
        <source>As needed</source>
        <translation>Ved behov</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49"/>
        <source>● New</source>
        <translation>● Ny</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="51"/>
        <source>● Changed</source>
        <translation>● Endret</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="53"/>
        <source>● Stopped</source>
        <translation>● Seponert</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60"/>
        <source>Active</source>
        <translation>Aktive</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="62"/>
        <source>Expired</source>
        <translation>Utløpte</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63"/>
        <source>Stopped or finished</source>
        <translation>Seponert eller avsluttet</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="69"/>
        <source>The patient consents</source>
        <translation>Pasienten samtykker</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="71"/>
        <source>Emergency (necessity)</source>
        <translation>Akutt behov (nødrett)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72"/>
        <source>Exception: consent cannot be obtained</source>
        <translation>Unntak: samtykke kan ikke innhentes</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="78"/>
        <source>Unit</source>
        <translation>Avdeling</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79"/>
        <source>Home-care route</source>
        <translation>Hjemmetjenesterute</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="85"/>
        <source>Admission</source>
        <translation>Innleggelse</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="87"/>
        <source>Emergency</source>
        <translation>Øyeblikkelig hjelp</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="89"/>
        <source>Outpatient</source>
        <translation>Poliklinikk</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="90"/>
        <source>Hospital contact</source>
        <translation>Sykehuskontakt</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="99"/>
        <source>1 year</source>
        <translation>1 år</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="100"/>
        <source>%1 years</source>
        <translation>%1 år</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="106"/>
        <source>physician</source>
        <translation>lege</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="108"/>
        <source>nurse</source>
        <translation>sykepleier</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="110"/>
        <source>health worker</source>
        <translation>helsefagarbeider</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="111"/>
        <source>staff</source>
        <translation>ansatt</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="80"/>
        <source>Pleiepunkt</source>
        <translation>Pleiepunkt</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106"/>
        <source>Settings…</source>
        <translation>Innstillinger…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108"/>
        <source>Settings</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="109"/>
        <source>Settings (Ctrl+,)</source>
        <translation>Innstillinger (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="131"/>
        <source>My record openings…</source>
        <translation>Journaler jeg har åpnet…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="133"/>
        <source>My record openings</source>
        <translation>Journaler jeg har åpnet</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="134"/>
        <source>My recent record openings (Ctrl+Shift+A)</source>
        <translation>Journaler jeg har åpnet nylig (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150"/>
        <location filename="../../ui/main_window.py" line="286"/>
        <source>← &amp;Patient list</source>
        <translation>← &amp;Pasientliste</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152"/>
        <location filename="../../ui/main_window.py" line="288"/>
        <source>Back to the patient list</source>
        <translation>Tilbake til pasientlisten</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="153"/>
        <location filename="../../ui/main_window.py" line="289"/>
        <source>Back to the patient list (Esc)</source>
        <translation>Tilbake til pasientlisten (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166"/>
        <source>Medication round for the unit…</source>
        <translation>Legemiddelrunde for hele avdelingen…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168"/>
        <source>Medication round for the unit or route</source>
        <translation>Legemiddelrunde for avdelingen eller ruten</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169"/>
        <source>Due doses for everyone here (Ctrl+R)</source>
        <translation>Doser som skal gis til alle her (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="197"/>
        <source>Remote follow-up (Ctrl+Shift+F)</source>
        <translation>Fjernoppfølging (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="199"/>
        <source>Remote follow-up for the route, unit or district</source>
        <translation>Fjernoppfølging for ruten, avdelingen eller distriktet</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="240"/>
        <source>Tasks for the unit or route…</source>
        <translation>Oppgaver for avdelingen eller ruten…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="241"/>
        <source>Tasks for the unit or route</source>
        <translation>Oppgaver for avdelingen eller ruten</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="242"/>
        <source>Everything due this shift, overdue first (Ctrl+T)</source>
        <translation>Alt som skal gjøres denne vakten, forsinkede først (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="249"/>
        <source>ISBAR report for the unit or route…</source>
        <translation>ISBAR-rapport for avdelingen eller ruten…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="250"/>
        <source>ISBAR report for the unit or route</source>
        <translation>ISBAR-rapport for avdelingen eller ruten</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="251"/>
        <source>Write and sign the report for the next shift (Ctrl+H)</source>
        <translation>Skriv og signer rapporten til neste vakt (Ctrl+H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="436"/>
        <source>Pleiepunkt – %1</source>
        <translation>Pleiepunkt – %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="440"/>
        <source>Renewal request for %1 saved; it is sent with the next sync.</source>
        <translation>Forespørsel om fornyelse av %1 er lagret og sendes ved neste synkronisering.</translation>
    </message>
</context>
<context>
    <name>MedicationListWidget</name>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="35"/>
        <source>Medication list</source>
        <translation>Legemiddelliste</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="38"/>
        <source>Show &amp;stopped medicines</source>
        <translation>Vis &amp;seponerte legemidler</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="39"/>
        <source>Show stopped medicines</source>
        <translation>Vis seponerte legemidler</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="45"/>
        <source>Dose: morning – midday – evening – night</source>
        <translation>Dosering: morgen – middag – kveld – natt</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="53"/>
        <source>Medicines</source>
        <translation>Legemidler</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="56"/>
        <source>Selected medicine</source>
        <translation>Valgt legemiddel</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="77"/>
        <source>Change</source>
        <translation>Endring</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="78"/>
        <source>Medicine</source>
        <translation>Legemiddel</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="79"/>
        <source>Dose</source>
        <translation>Dosering</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="80"/>
        <source>Indication</source>
        <translation>Indikasjon</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="81"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="82"/>
        <source>End</source>
        <translation>Slutt</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="83"/>
        <source>Prescriber</source>
        <translation>Forskriver</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="84"/>
        <source>Multidose</source>
        <translation>Multidose</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="92"/>
        <source>ℹ First time you open this list: changes are marked from your next visit.</source>
        <translation>ℹ Første gang du åpner listen: endringer markeres fra neste gang.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/medication_list_view.py" line="97"/>
        <source>● %n change(s) since you last looked</source>
        <translation>
            <numerusform>● %n endring siden du sist så listen</numerusform>
            <numerusform>● %n endringer siden du sist så listen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="103"/>
        <source>No changes since you last looked</source>
        <translation>Ingen endringer siden du sist så listen</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="120"/>
        <source>Stopped and ended</source>
        <translation>Seponerte og avsluttede</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="132"/>
        <location filename="../../ui/views/medication_list_view.py" line="182"/>
        <source>Select a medicine to see everything about it.</source>
        <translation>Velg et legemiddel for å se alle detaljer.</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="140"/>
        <source>morning %1, midday %2, evening %3, night %4</source>
        <translation>morgen %1, middag %2, kveld %3, natt %4</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="159"/>
        <source>unchanged</source>
        <translation>uendret</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="167"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="167"/>
        <source>No</source>
        <translation>Nei</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="168"/>
        <source>multidose</source>
        <translation>multidose</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="168"/>
        <source>not multidose</source>
        <translation>ikke multidose</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="188"/>
        <source>Dose: %1</source>
        <translation>Dosering: %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="192"/>
        <source>Indication: %1</source>
        <translation>Indikasjon: %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="195"/>
        <source>Period: %1</source>
        <translation>Periode: %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="197"/>
        <source>Prescriber: %1</source>
        <translation>Forskriver: %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/medication_list_view.py" line="202"/>
        <source>Stopped: %1</source>
        <translation>Seponert: %1</translation>
    </message>
</context>
<context>
    <name>PatientHeader</name>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="97"/>
        <source>allergies</source>
        <translation>allergier</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="98"/>
        <source>critical information</source>
        <translation>kritisk informasjon</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="99"/>
        <source>medication</source>
        <translation>legemidler</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="100"/>
        <source>a record of unknown kind</source>
        <translation>en oppføring av ukjent type</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="103"/>
        <source>⚠ Information may be incomplete: %1 from the journal system could not be read. Check the journal system before relying on what is shown here.</source>
        <translation>⚠ Opplysningene kan være ufullstendige: %1 fra journalsystemet kunne ikke leses. Sjekk journalsystemet før du stoler på det som vises her.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="33"/>
        <source>← &amp;Patient list</source>
        <translation>← &amp;Pasientliste</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="35"/>
        <source>Back to the patient list</source>
        <translation>Tilbake til pasientlisten</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="36"/>
        <source>Back to the patient list (Esc)</source>
        <translation>Tilbake til pasientlisten (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="117"/>
        <source>⚠ Emergency access used at %1 – reason: %2</source>
        <translation>⚠ Akuttilgang brukt %1 – begrunnelse: %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="128"/>
        <source>Open patient: %1</source>
        <translation>Åpen pasient: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="158"/>
        <source>National ID %1</source>
        <translation>Fødselsnr. %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="139"/>
        <source>Visit %1</source>
        <translation>Besøk %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="143"/>
        <source>✝ Deceased</source>
        <translation>✝ Død</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="169"/>
        <source>⚠ Never synced: data entered on this computer only</source>
        <translation>⚠ Aldri synkronisert: bare data registrert på denne maskinen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="171"/>
        <source>Data synced %1</source>
        <translation>Data synkronisert %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="134"/>
        <source>age unknown</source>
        <translation>alder ukjent</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="155"/>
        <source>Felles hjelpenummer %1</source>
        <translation>Felles hjelpenummer %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/patient_header.py" line="157"/>
        <source>Local H-number %1 (this organisation only)</source>
        <translation>Lokalt H-nummer %1 (gjelder bare i denne virksomheten)</translation>
    </message>
</context>
<context>
    <name>PatientListModel</name>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="130"/>
        <source>Medication doses still to document this shift (as on the round page)</source>
        <translation>Legemiddeldoser som gjenstår å dokumentere denne vakten (som på runde-siden)</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="139"/>
        <source>Room</source>
        <translation>Rom</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="139"/>
        <source>Visit</source>
        <translation>Besøk</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="141"/>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="142"/>
        <source>Age</source>
        <translation>Alder</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="143"/>
        <source>National ID</source>
        <translation>Fødselsnr.</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="144"/>
        <source>Critical information</source>
        <translation>Kritisk informasjon</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="224"/>
        <source>not counted</source>
        <translation>ikke telt</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="226"/>
        <source>No doses left this shift</source>
        <translation>Ingen doser igjen denne vakten</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="226"/>
        <source>None</source>
        <translation>Ingen</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="220"/>
        <source>⚠ %1 overdue</source>
        <translation>⚠ %1 forsinket</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="133"/>
        <source>The newest vital signs: NEWS2, and every parameter scoring 3 even in an incomplete set</source>
        <translation>De nyeste vitale tegnene: NEWS2, og hver parameter som gir 3 poeng, også i et ufullstendig sett</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="145"/>
        <source>Due doses</source>
        <translation>Vaktens doser</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="146"/>
        <source>Vital signs</source>
        <translation>Vitale tegn</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="199"/>
        <source>No recent vital signs</source>
        <translation>Ingen nye målinger av vitale tegn</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="203"/>
        <source>NEWS2 %1</source>
        <translation>NEWS2 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/models/patient_list_model.py" line="205"/>
        <source>%n red (incomplete set)</source>
        <translation>
            <numerusform>%n rød (ufullstendig sett)</numerusform>
            <numerusform>%n røde (ufullstendig sett)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="207"/>
        <source>≥ 5 (incomplete set)</source>
        <translation>≥ 5 (ufullstendig sett)</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="208"/>
        <source>incomplete set</source>
        <translation>ufullstendig sett</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="212"/>
        <source>No vital signs in the last days.</source>
        <translation>Ingen vitale tegn målt de siste dagene.</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="213"/>
        <source>Measured %1</source>
        <translation>Målt %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="231"/>
        <source>%1 to check</source>
        <translation>%1 må sjekkes</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="233"/>
        <source>%1 now</source>
        <translation>%1 nå</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="235"/>
        <source>%1 later</source>
        <translation>%1 senere</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="237"/>
        <source>%1 effect to assess</source>
        <translation>%1 effekt å vurdere</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="243"/>
        <source>Open the record to read the critical information.</source>
        <translation>Åpne journalen for å lese den kritiske informasjonen.</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="254"/>
        <source>Due doses have not been counted. The round page (Ctrl+R) shows them.</source>
        <translation>Dosene er ikke telt. Runde-siden (Ctrl+R) viser dem.</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="256"/>
        <source>Overdue: %1</source>
        <translation>Forsinket: %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="257"/>
        <source>Due now: %1</source>
        <translation>Nå: %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="258"/>
        <source>Later this shift: %1</source>
        <translation>Senere denne vakten: %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="262"/>
        <source>Dosage to check (cannot be scheduled): %1</source>
        <translation>Dosering må sjekkes (kan ikke tidsplanlegges): %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="265"/>
        <source>Effect to assess: %1</source>
        <translation>Effekt å vurdere: %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="182"/>
        <source>hidden until selected</source>
        <translation>skjult til pasienten er valgt</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="186"/>
        <source>None registered</source>
        <translation>Ingen registrert</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="188"/>
        <source>⚠ CRITICAL: allergy</source>
        <translation>⚠ KRITISK: allergi</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="189"/>
        <source>⚠ Critical information</source>
        <translation>⚠ Kritisk informasjon</translation>
    </message>
    <message>
        <location filename="../../ui/models/patient_list_model.py" line="179"/>
        <source>unknown</source>
        <translation>ukjent</translation>
    </message>
</context>
<context>
    <name>PatientListView</name>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="176"/>
        <source>Place of work</source>
        <translation>Arbeidssted</translation>
    </message>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="178"/>
        <source>Place of &amp;work:</source>
        <translation>&amp;Arbeidssted:</translation>
    </message>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="183"/>
        <source>Name, room or full national ID</source>
        <translation>Navn, rom eller hele fødselsnummeret</translation>
    </message>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="184"/>
        <source>Search patients</source>
        <translation>Søk etter pasient</translation>
    </message>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="185"/>
        <source>&amp;Search:</source>
        <translation>&amp;Søk:</translation>
    </message>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="234"/>
        <source>Patients</source>
        <translation>Pasienter</translation>
    </message>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="278"/>
        <source>Reading places of work from this computer…</source>
        <translation>Leser arbeidssteder fra denne maskinen …</translation>
    </message>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="304"/>
        <source>No places of work on this computer yet</source>
        <translation>Ingen arbeidssteder på denne maskinen ennå</translation>
    </message>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="305"/>
        <source>Units and routes appear here after the first sync.</source>
        <translation>Avdelinger og ruter vises her etter første synkronisering.</translation>
    </message>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="320"/>
        <source>Reading the patient list from this computer…</source>
        <translation>Leser pasientlisten fra denne maskinen …</translation>
    </message>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="416"/>
        <source>No patients here today</source>
        <translation>Ingen pasienter her i dag</translation>
    </message>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="417"/>
        <source>Choose another place of work, or sync to get today&apos;s list.</source>
        <translation>Velg et annet arbeidssted, eller synkroniser for å hente dagens liste.</translation>
    </message>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="421"/>
        <source>No patient matches the search</source>
        <translation>Ingen pasient passer med søket</translation>
    </message>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="422"/>
        <source>A national ID must be typed in full (11 digits).</source>
        <translation>Fødselsnummer må skrives helt (11 sifre).</translation>
    </message>
    <message>
        <location filename="../../ui/views/patient_list_view.py" line="426"/>
        <source>%1 of %2</source>
        <translation>%1 av %2</translation>
    </message>
</context>
<context>
    <name>PatientWorkspace</name>
    <message>
        <location filename="../../ui/patient_workspace.py" line="96"/>
        <source>Patient record</source>
        <translation>Pasientjournal</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="97"/>
        <source>Parts of the record</source>
        <translation>Deler av journalen</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="98"/>
        <source>&amp;Core record</source>
        <translation>&amp;Kjernejournal</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="99"/>
        <source>&amp;Medication list</source>
        <translation>&amp;Legemiddelliste</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="100"/>
        <source>Pr&amp;escriptions</source>
        <translation>Res&amp;epter</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="102"/>
        <source>Core record</source>
        <translation>Kjernejournal</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="102"/>
        <source>Medication list</source>
        <translation>Legemiddelliste</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="102"/>
        <source>Prescriptions</source>
        <translation>Resepter</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="123"/>
        <source>Medication &amp;round</source>
        <translation>Legemiddel&amp;runde</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="123"/>
        <source>Medication round</source>
        <translation>Legemiddelrunde</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="124"/>
        <source>&amp;Vital signs</source>
        <translation>&amp;Vitale tegn</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="124"/>
        <source>Vital signs</source>
        <translation>Vitale tegn</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="125"/>
        <source>&amp;Trend</source>
        <translation>&amp;Utvikling</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="125"/>
        <source>Vital signs trend</source>
        <translation>Utvikling i vitale tegn</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="168"/>
        <location filename="../../ui/patient_workspace.py" line="170"/>
        <source>Remote follow-up</source>
        <translation>Fjernoppfølging</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="142"/>
        <source>Tasks</source>
        <translation>Oppgaver</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="143"/>
        <source>Notes</source>
        <translation>Notater</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="142"/>
        <source>Tasks this shift</source>
        <translation>Oppgaver denne vakten</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="143"/>
        <source>Nursing notes</source>
        <translation>Sykepleienotater</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="144"/>
        <source>ISBAR report</source>
        <translation>ISBAR-rapport</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="144"/>
        <source>ISBAR</source>
        <translation>ISBAR</translation>
    </message>
    <message>
        <location filename="../../ui/patient_workspace.py" line="190"/>
        <location filename="../../ui/patient_workspace.py" line="255"/>
        <source>Reading from this computer…</source>
        <translation>Leser fra denne maskinen …</translation>
    </message>
</context>
<context>
    <name>PrescriptionsWidget</name>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="38"/>
        <location filename="../../ui/views/prescriptions_view.py" line="43"/>
        <source>Prescriptions</source>
        <translation>Resepter</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="45"/>
        <source>Ask the prescriber for re&amp;newal…</source>
        <translation>Be forskriver om &amp;fornyelse …</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="47"/>
        <source>Ask the prescriber for renewal</source>
        <translation>Be forskriver om fornyelse</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="51"/>
        <source>Prescribing is done by a physician. You can ask for a renewal.</source>
        <translation>Forskrivning gjøres av lege. Du kan be om fornyelse.</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="55"/>
        <source>Selected prescription</source>
        <translation>Valgt resept</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="72"/>
        <source>Medicine</source>
        <translation>Legemiddel</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="73"/>
        <source>Dosage</source>
        <translation>Dosering</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="74"/>
        <source>Valid until</source>
        <translation>Gyldig til</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="75"/>
        <source>Dispensings left</source>
        <translation>Uttak igjen</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="76"/>
        <source>Last dispensed</source>
        <translation>Sist utlevert</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="77"/>
        <source>Prescriber</source>
        <translation>Forskriver</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="78"/>
        <source>Renewal</source>
        <translation>Fornyelse</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="96"/>
        <source>⚠ %1 (expires soon)</source>
        <translation>⚠ %1 (utløper snart)</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="103"/>
        <source>✓ Renewal requested %1</source>
        <translation>✓ Fornyelse bedt om %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/prescriptions_view.py" line="106"/>
        <source>%n earlier</source>
        <translation>
            <numerusform>%n tidligere</numerusform>
            <numerusform>%n tidligere</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="115"/>
        <location filename="../../ui/views/prescriptions_view.py" line="158"/>
        <source>%1 of %2 dispensings left</source>
        <translation>%1 av %2 uttak igjen</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="141"/>
        <source>Select a prescription to see its details.</source>
        <translation>Velg en resept for å se detaljene.</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="150"/>
        <source>Dosage: %1</source>
        <translation>Dosering: %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="155"/>
        <source>Valid: %1</source>
        <translation>Gyldig: %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="164"/>
        <source>Renewal of earlier prescriptions: %1</source>
        <translation>Fornyelse av tidligere resepter: %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="166"/>
        <source>Stopped: %1</source>
        <translation>Seponert: %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="168"/>
        <source>Finished: course completed</source>
        <translation>Avsluttet: kuren er fullført</translation>
    </message>
    <message>
        <location filename="../../ui/views/prescriptions_view.py" line="171"/>
        <source>Renewal requested %1</source>
        <translation>Fornyelse bedt om %1</translation>
    </message>
</context>
<context>
    <name>RenewalDialog</name>
    <message>
        <location filename="../../ui/dialogs/renewal_dialog.py" line="27"/>
        <source>Ask for renewal</source>
        <translation>Be om fornyelse</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/renewal_dialog.py" line="28"/>
        <source>the responsible physician</source>
        <translation>ansvarlig lege</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/renewal_dialog.py" line="30"/>
        <source>Ask %1 to renew this prescription for %2:</source>
        <translation>Be %1 om å fornye denne resepten for %2:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/renewal_dialog.py" line="37"/>
        <source>Valid until %1</source>
        <translation>Gyldig til %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/renewal_dialog.py" line="43"/>
        <source>Note to the prescriber</source>
        <translation>Merknad til forskriver</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/renewal_dialog.py" line="45"/>
        <source>&amp;Note to the prescriber (optional):</source>
        <translation>&amp;Merknad til forskriver (valgfri):</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/renewal_dialog.py" line="48"/>
        <source>The request is saved on this computer and sent with the next sync.</source>
        <translation>Forespørselen lagres på denne maskinen og sendes ved neste synkronisering.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/renewal_dialog.py" line="52"/>
        <source>&amp;Send request</source>
        <translation>&amp;Send forespørsel</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/renewal_dialog.py" line="53"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="89"/>
        <source>Settings</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="97"/>
        <source>Settings with a lock are decided by your organisation or by IT for this computer and cannot be changed here.</source>
        <translation>Innstillinger med lås er bestemt av organisasjonen din eller av IT for denne datamaskinen og kan ikke endres her.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="106"/>
        <source>Result of saving</source>
        <translation>Resultat av lagring</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="109"/>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="111"/>
        <source>Save your settings</source>
        <translation>Lagre innstillingene dine</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="113"/>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="114"/>
        <source>Close settings</source>
        <translation>Lukk innstillinger</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="128"/>
        <source>Journal server address</source>
        <translation>Adresse til journalserveren</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="129"/>
        <source>Sign-in service address</source>
        <translation>Adresse til innloggingstjenesten</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="130"/>
        <source>Client id at the sign-in service</source>
        <translation>Klient-ID hos innloggingstjenesten</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="131"/>
        <source>Organisation number</source>
        <translation>Organisasjonsnummer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="132"/>
        <source>Extra trusted certificates</source>
        <translation>Ekstra klarerte sertifikater</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="133"/>
        <source>Lock after inactivity (minutes)</source>
        <translation>Lås etter inaktivitet (minutter)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="134"/>
        <source>Wrong PIN attempts allowed</source>
        <translation>Tillatte feil PIN-forsøk</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="135"/>
        <source>PIN works offline for (hours)</source>
        <translation>PIN virker frakoblet i (timer)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="136"/>
        <source>Time between syncs (seconds)</source>
        <translation>Tid mellom synkroniseringer (sekunder)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="137"/>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="138"/>
        <source>Places of work offered</source>
        <translation>Arbeidssteder som tilbys</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="139"/>
        <source>Default place of work</source>
        <translation>Standard arbeidssted</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="140"/>
        <source>Extra controlled drugs (ATC codes)</source>
        <translation>Ekstra A- og B-preparater (ATC-koder)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="141"/>
        <source>Service named in access logs</source>
        <translation>Tjeneste oppgitt i tilgangsloggen</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="142"/>
        <source>Time zone of clinical times</source>
        <translation>Tidssone for kliniske tidspunkter</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="143"/>
        <source>Log detail</source>
        <translation>Loggnivå</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="144"/>
        <source>Shared computer (PIN for every unlock)</source>
        <translation>Delt maskin (PIN ved hver opplåsing)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="145"/>
        <source>Recovery public key</source>
        <translation>Offentlig gjenopprettingsnøkkel</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="146"/>
        <source>Who may witness (Volven 9060)</source>
        <translation>Hvem kan være vitne (Volven 9060)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="147"/>
        <source>Emergency access ends at lock</source>
        <translation>Akuttilgang avsluttes ved låsing</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="152"/>
        <source>All places</source>
        <translation>Alle arbeidssteder</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="154"/>
        <source>Only the built-in list</source>
        <translation>Bare den innebygde listen</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="155"/>
        <source>Not set</source>
        <translation>Ikke angitt</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="161"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="161"/>
        <source>No</source>
        <translation>Nei</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="173"/>
        <source>Managed by your organisation</source>
        <translation>Styrt av organisasjonen din</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="174"/>
        <source>Managed by your organisation. It cannot be changed in the app.</source>
        <translation>Styrt av organisasjonen din. Den kan ikke endres i appen.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="178"/>
        <source>Default (only IT can change it)</source>
        <translation>Standard (bare IT kan endre den)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="179"/>
        <source>Only your IT department can change this setting.</source>
        <translation>Bare IT-avdelingen kan endre denne innstillingen.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="183"/>
        <source>Set for this computer by IT</source>
        <translation>Satt for denne datamaskinen av IT</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="184"/>
        <source>Set for this computer by IT. Ask your IT department to change it.</source>
        <translation>Satt for denne datamaskinen av IT. Be IT-avdelingen om å endre den.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="187"/>
        <source>Your choice</source>
        <translation>Ditt valg</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="188"/>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="197"/>
        <source>Setting</source>
        <translation>Innstilling</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="197"/>
        <source>Value</source>
        <translation>Verdi</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="197"/>
        <source>Comes from</source>
        <translation>Kommer fra</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="228"/>
        <source>%1 comes from</source>
        <translation>Hvor %1 kommer fra</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="230"/>
        <source>From %1</source>
        <translation>Fra %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="233"/>
        <source>Use default</source>
        <translation>Bruk standard</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="235"/>
        <source>Use the default for %1</source>
        <translation>Bruk standardverdien for %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="245"/>
        <source>A new language takes effect the next time Pleiepunkt starts.</source>
        <translation>Nytt språk tas i bruk neste gang Pleiepunkt starter.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="261"/>
        <source>Locked</source>
        <translation>Låst</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="296"/>
        <source>One per line. Empty: %1</source>
        <translation>Én per linje. Tom: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="375"/>
        <source>Nothing to save: no setting was changed.</source>
        <translation>Ingenting å lagre: ingen innstilling ble endret.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="382"/>
        <location filename="../../ui/dialogs/settings_dialog.py" line="391"/>
        <source>Nothing was saved.</source>
        <translation>Ingenting ble lagret.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="393"/>
        <source>Saved before this: %1.</source>
        <translation>Lagret før dette: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="402"/>
        <source>Saved.</source>
        <translation>Lagret.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="404"/>
        <source>The new language takes effect the next time Pleiepunkt starts.</source>
        <translation>Det nye språket tas i bruk neste gang Pleiepunkt starter.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="419"/>
        <source>%1 now uses the default.</source>
        <translation>%1 bruker nå standardverdien.</translation>
    </message>
</context>
<context>
    <name>StatePanel</name>
    <message>
        <location filename="../../ui/widgets/state_panel.py" line="37"/>
        <source>&amp;Try again</source>
        <translation>&amp;Prøv igjen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/state_panel.py" line="38"/>
        <source>Try again</source>
        <translation>Prøv igjen</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/sync_status.py" line="87"/>
        <source>⚠ %n record(s) from the journal system could not be read</source>
        <translation>
            <numerusform>⚠ %n oppføring fra journalsystemet kunne ikke leses</numerusform>
            <numerusform>⚠ %n oppføringer fra journalsystemet kunne ikke leses</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_status.py" line="93"/>
        <source>Kept on this computer and tried again at every sync. Tell IT if this does not go away.</source>
        <translation>Lagret på denne maskinen og prøvd på nytt ved hver synkronisering. Si fra til IT hvis det ikke går over.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_status.py" line="62"/>
        <source>… Sync not started</source>
        <translation>… Synkronisering ikke startet</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/sync_status.py" line="74"/>
        <source>↑ %n change(s) waiting</source>
        <translation>
            <numerusform>↑ %n endring venter</numerusform>
            <numerusform>↑ %n endringer venter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/sync_status.py" line="80"/>
        <source>⚠ %n item(s) rejected by the server</source>
        <translation>
            <numerusform>⚠ %n element avvist av serveren</numerusform>
            <numerusform>⚠ %n elementer avvist av serveren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/sync_status.py" line="98"/>
        <source>⚠ %n conflict(s): resolve…</source>
        <translation>
            <numerusform>⚠ %n konflikt må løses…</numerusform>
            <numerusform>⚠ %n konflikter må løses…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_status.py" line="105"/>
        <source>● Online</source>
        <translation>● Tilkoblet</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_status.py" line="107"/>
        <source>⟳ Syncing</source>
        <translation>⟳ Synkroniserer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_status.py" line="109"/>
        <source>⚠ Sign in again to sync</source>
        <translation>⚠ Logg inn på nytt for å synkronisere</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_status.py" line="110"/>
        <source>○ Offline: working from this computer</source>
        <translation>○ Frakoblet: arbeider fra denne maskinen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_status.py" line="114"/>
        <source>Never synced</source>
        <translation>Aldri synkronisert</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_status.py" line="115"/>
        <source>Last sync %1</source>
        <translation>Sist synkronisert %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sync_status.py" line="125"/>
        <source>Sync status</source>
        <translation>Synkroniseringsstatus</translation>
    </message>
</context>
</TS>
