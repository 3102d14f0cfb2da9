<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../ui/followup/followup_dialog.py" line="41"/>
        <source>Follow up an alert</source>
        <translation>Følg opp et varsel</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_dialog.py" line="56"/>
        <source>Another nurse has followed this up too. Talk to each other; what you record here is added to your own follow-up, theirs stays as it is.</source>
        <translation>En annen sykepleier har også fulgt opp dette. Snakk sammen; det du registrerer her legges til din egen oppfølging, den andres blir stående som den er.</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_dialog.py" line="74"/>
        <source>Note</source>
        <translation>Notat</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_dialog.py" line="76"/>
        <source>&amp;Note (optional):</source>
        <translation>&amp;Notat (valgfritt):</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_dialog.py" line="82"/>
        <source>Saved on this computer and sent with the next sync.</source>
        <translation>Lagres på denne datamaskinen og sendes ved neste synkronisering.</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_dialog.py" line="87"/>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_dialog.py" line="88"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_dialog.py" line="92"/>
        <source>Save (Ctrl+Enter)</source>
        <translation>Lagre (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <location filename="../../ui/followup/followup_model.py" line="37"/>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_model.py" line="38"/>
        <source>Patient</source>
        <translation>Pasient</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_model.py" line="39"/>
        <source>Alert</source>
        <translation>Varsel</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_model.py" line="40"/>
        <source>Value</source>
        <translation>Verdi</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_model.py" line="41"/>
        <source>Urgency</source>
        <translation>Hast</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_model.py" line="42"/>
        <source>Follow-up</source>
        <translation>Oppfølging</translation>
    </message>
</context>
<context>
    <name>FollowUpView</name>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="79"/>
        <source>Remote follow-up</source>
        <translation>Fjernoppfølging</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="83"/>
        <source>Show &amp;handled</source>
        <translation>Vis &amp;behandlede</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="86"/>
        <source>&amp;Whole district</source>
        <translation>&amp;Hele distriktet</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="88"/>
        <source>Every patient on this computer, not only the chosen route or unit</source>
        <translation>Alle pasienter på denne datamaskinen, ikke bare valgt rute eller avdeling</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="100"/>
        <source>Follow-up status</source>
        <translation>Status for oppfølging</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="124"/>
        <source>Alerts to follow up, most urgent first</source>
        <translation>Varsler å følge opp, mest hastende først</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="131"/>
        <source>&amp;Follow up… (Enter)</source>
        <translation>&amp;Følg opp … (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="134"/>
        <source>&amp;Open patient (Ctrl+O)</source>
        <translation>&amp;Åpne pasient (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="138"/>
        <source>Re&amp;load (F5)</source>
        <translation>Last på n&amp;ytt (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="159"/>
        <source>Loading…</source>
        <translation>Henter …</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="175"/>
        <source>the whole district</source>
        <translation>hele distriktet</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="176"/>
        <source>Remote follow-up: %1</source>
        <translation>Fjernoppfølging: %1</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="191"/>
        <source>Nothing to follow up in the last three days.</source>
        <translation>Ingenting å følge opp de siste tre dagene.</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="194"/>
        <source>%1 to follow up, %2 handled (last three days).</source>
        <translation>%1 å følge opp, %2 behandlet (siste tre dager).</translation>
    </message>
    <message>
        <location filename="../../ui/followup/followup_view.py" line="269"/>
        <source>✔ Saved. It is sent when the computer is online.</source>
        <translation>✔ Lagret. Sendes når datamaskinen er på nett.</translation>
    </message>
</context>
<context>
    <name>FollowUpWords</name>
    <message>
        <location filename="../../ui/followup/words.py" line="39"/>
        <source>Home measurement outside limit</source>
        <translation>Hjemmemåling utenfor grense</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="41"/>
        <source>Measurement not received</source>
        <translation>Måling ikke mottatt</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="43"/>
        <source>Medicine dispenser</source>
        <translation>Medisindispenser</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="45"/>
        <source>Alarm</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="46"/>
        <source>Unknown person</source>
        <translation>Ukjent person</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="52"/>
        <source>▲▲▲ High</source>
        <translation>▲▲▲ Høy</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="54"/>
        <source>▲▲ Moderate</source>
        <translation>▲▲ Moderat</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="56"/>
        <source>▲ Low</source>
        <translation>▲ Lav</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="57"/>
        <source>– Not given</source>
        <translation>– Ikke oppgitt</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="63"/>
        <source>Acknowledged</source>
        <translation>Kvittert</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="65"/>
        <source>Contacted patient</source>
        <translation>Kontaktet pasient</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="67"/>
        <source>Visit scheduled</source>
        <translation>Besøk planlagt</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="69"/>
        <source>GP informed</source>
        <translation>Fastlege informert</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="70"/>
        <source>No action needed</source>
        <translation>Ingen tiltak nødvendig</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="74"/>
        <source>unknown</source>
        <translation>ukjent</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="82"/>
        <source>● New</source>
        <translation>● Ny</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="85"/>
        <source>⚠ Followed up twice, settle it: %1</source>
        <translation>⚠ Fulgt opp to ganger, avklar: %1</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="90"/>
        <source>✔ Covered by the follow-up of a later value (%1)</source>
        <translation>✔ Dekket av oppfølgingen av en senere verdi (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="94"/>
        <source>✓ Acknowledged by %1</source>
        <translation>✓ Kvittert av %1</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="126"/>
        <source>from %1</source>
        <translation>fra %1</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="130"/>
        <source>up to %1</source>
        <translation>opp til %1</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="134"/>
        <source>⚠⚠ red limit %1</source>
        <translation>⚠⚠ rød grense %1</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="135"/>
        <source>⚠ yellow limit %1</source>
        <translation>⚠ gul grense %1</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="143"/>
        <source>Expected %1, nothing received</source>
        <translation>Forventet %1, ingenting mottatt</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="147"/>
        <source>%1 record(s) name this person</source>
        <translation>%1 melding(er) gjelder denne personen</translation>
    </message>
    <message>
        <location filename="../../ui/followup/words.py" line="158"/>
        <source>⚠ Not matched: %1, sent as %2</source>
        <translation>⚠ Ikke koblet: %1, sendt som %2</translation>
    </message>
</context>
</TS>
