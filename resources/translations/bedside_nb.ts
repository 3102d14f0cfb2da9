<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>AdministerDialog</name>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="75"/>
        <source>As-needed dose: %1</source>
        <translation>Behovsdose: %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="75"/>
        <source>Give: %1</source>
        <translation>Gi: %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="110"/>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="111"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="110"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="135"/>
        <source>due %1</source>
        <translation>kl. %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="144"/>
        <source>Left in the last 24 h: %1.</source>
        <translation>Igjen siste døgn: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="156"/>
        <source>&amp;Given</source>
        <translation>&amp;Gitt</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="157"/>
        <source>&amp;Partly given</source>
        <translation>&amp;Delvis gitt</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="158"/>
        <source>&amp;Not given</source>
        <translation>I&amp;kke gitt</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="177"/>
        <source>&amp;Time given:</source>
        <translation>&amp;Tidspunkt gitt:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="188"/>
        <source>&amp;Amount given:</source>
        <translation>&amp;Mengde gitt:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="190"/>
        <source>Choose a reason…</source>
        <translation>Velg årsak …</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="194"/>
        <source>Required for “Other”</source>
        <translation>Påkrevd for «Annet»</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="195"/>
        <source>R&amp;eason:</source>
        <translation>Å&amp;rsak:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="196"/>
        <source>&amp;Describe:</source>
        <translation>&amp;Beskriv:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="203"/>
        <source>&amp;Indication (why now):</source>
        <translation>&amp;Indikasjon (hvorfor nå):</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="205"/>
        <source>N&amp;ote:</source>
        <translation>&amp;Notat:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="273"/>
        <source>Next dose allowed from %1.</source>
        <translation>Neste dose tillatt fra %1.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="303"/>
        <source>The time given cannot be in the future.</source>
        <translation>Tidspunktet kan ikke være fram i tid.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="308"/>
        <source>A check stopped this dose. Give a reason to go on, or cancel.</source>
        <translation>En kontroll stoppet denne dosen. Skriv begrunnelse for å fortsette, eller avbryt.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="320"/>
        <source>This drug needs a second person&apos;s signature before it is saved.</source>
        <translation>Legemidlet krever dobbeltkontroll av en annen person før lagring.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="325"/>
        <source>Write why the as-needed dose is given.</source>
        <translation>Skriv hvorfor behovsdosen gis.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/administer_dialog.py" line="314"/>
        <source>The pack is a substitute: confirm the substitution before saving.</source>
        <translation>Pakningen er et byttepreparat: bekreft byttet før du lagrer.</translation>
    </message>
</context>
<context>
    <name>CosignBox</name>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="125"/>
        <source>Double signature required (controlled drug)</source>
        <translation>Dobbeltkontroll kreves (A-/B-preparat)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="134"/>
        <source>✍ Not yet signed by a second person.</source>
        <translation>✍ Ikke kontrollert av en annen person ennå.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="135"/>
        <source>Second signat&amp;ure…</source>
        <translation>Andre &amp;signatur …</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="136"/>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="164"/>
        <source>✔ Checked by %1 (HPR %2).</source>
        <translation>✔ Kontrollert av %1 (HPR %2).</translation>
    </message>
</context>
<context>
    <name>DoubleSignatureDialog</name>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="40"/>
        <source>Double signature</source>
        <translation>Dobbeltkontroll</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="49"/>
        <source>A second person checks %1 and confirms with their own user name and PIN.</source>
        <translation>En annen person kontrollerer %1 og bekrefter med eget brukernavn og egen PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="55"/>
        <source>Colleague&apos;s user name or HPR number</source>
        <translation>Kollegaens brukernavn eller HPR-nummer</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="58"/>
        <source>Colleague&apos;s PIN</source>
        <translation>Kollegaens PIN</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="59"/>
        <source>&amp;User name or HPR no.:</source>
        <translation>&amp;Brukernavn eller HPR-nr.:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="60"/>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="66"/>
        <source>&amp;Confirm</source>
        <translation>Be&amp;kreft</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="67"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="78"/>
        <source>Enter the colleague&apos;s user name and PIN.</source>
        <translation>Skriv kollegaens brukernavn og PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="81"/>
        <source>Checking…</source>
        <translation>Kontrollerer …</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="92"/>
        <source>The second signature must be another person than you.</source>
        <translation>Den andre signaturen må være en annen person enn deg.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/double_signature.py" line="100"/>
        <source>Wrong user name or PIN. Try again.</source>
        <translation>Feil brukernavn eller PIN. Prøv igjen.</translation>
    </message>
</context>
<context>
    <name>EffectDialog</name>
    <message>
        <location filename="../../ui/bedside/effect_dialog.py" line="39"/>
        <source>Effect of as-needed dose</source>
        <translation>Effekt av behovsmedisin</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/effect_dialog.py" line="57"/>
        <source>&amp;Time assessed:</source>
        <translation>&amp;Tidspunkt vurdert:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/effect_dialog.py" line="58"/>
        <source>N&amp;ote:</source>
        <translation>&amp;Notat:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/effect_dialog.py" line="60"/>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/effect_dialog.py" line="60"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/effect_dialog.py" line="67"/>
        <source>Choose how well the dose worked.</source>
        <translation>Velg hvor godt dosen virket.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/effect_dialog.py" line="70"/>
        <source>The follow-up does not name its dose.</source>
        <translation>Oppfølgingen mangler kobling til dosen.</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../ui/bedside/entry_dialog.py" line="69"/>
        <source>Saving…</source>
        <translation>Lagrer …</translation>
    </message>
</context>
<context>
    <name>ManualPickDialog</name>
    <message>
        <location filename="../../ui/bedside/manual_pick_dialog.py" line="45"/>
        <source>Pick the pack by hand</source>
        <translation>Velg pakning for hånd</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/manual_pick_dialog.py" line="54"/>
        <source>Choose the product written on the pack you hold. The same checks as for a scan apply.</source>
        <translation>Velg produktet som står på pakningen du holder. De samme kontrollene som ved skanning gjelder.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/manual_pick_dialog.py" line="62"/>
        <source>Matching products</source>
        <translation>Produkter som passer</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/manual_pick_dialog.py" line="63"/>
        <source>E&amp;xpiry date read on the pack</source>
        <translation>&amp;Utløpsdato lest på pakningen</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/manual_pick_dialog.py" line="70"/>
        <source>&amp;Product name:</source>
        <translation>&amp;Produktnavn:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/manual_pick_dialog.py" line="71"/>
        <source>&amp;Matches:</source>
        <translation>&amp;Treff:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/manual_pick_dialog.py" line="73"/>
        <source>&amp;Expiry:</source>
        <translation>Utløps&amp;dato:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/manual_pick_dialog.py" line="74"/>
        <source>&amp;Lot (batch):</source>
        <translation>&amp;Batch (lot):</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/manual_pick_dialog.py" line="77"/>
        <source>&amp;Use this pack</source>
        <translation>&amp;Velg denne pakningen</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/manual_pick_dialog.py" line="78"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>MedicationRoundView</name>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="116"/>
        <source>No patient chosen.</source>
        <translation>Ingen pasient valgt.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="125"/>
        <source>Scan a pack to open the dose it belongs to (or type the code + Enter)</source>
        <translation>Skann en pakning for å åpne dosen den hører til (eller skriv koden + Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="134"/>
        <source>Doses in this shift</source>
        <translation>Doser denne vakten</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="142"/>
        <source>Round status</source>
        <translation>Status for runden</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="185"/>
        <source>&amp;Give / open… (Enter)</source>
        <translation>&amp;Gi / åpne … (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="186"/>
        <source>&amp;Not given… (Ctrl+N)</source>
        <translation>&amp;Ikke gitt … (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="122"/>
        <source>Scan pac&amp;k:</source>
        <translation>Skann pakni&amp;ng:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="187"/>
        <source>Partl&amp;y given… (Ctrl+P)</source>
        <translation>&amp;Delvis gitt … (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="188"/>
        <source>Re&amp;load (F5)</source>
        <translation>Last på n&amp;ytt (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="228"/>
        <source>Loading…</source>
        <translation>Laster …</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="244"/>
        <source>Medication round: %1</source>
        <translation>Legemiddelrunde: %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="248"/>
        <source>Shift %1–%2 · %3 overdue · %4 due now · %5 later · %6 as needed · %7 to assess</source>
        <translation>Vakt %1–%2 · %3 forsinket · %4 nå · %5 senere · %6 ved behov · %7 effekt å vurdere</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="259"/>
        <source>Nothing is due for this patient in this shift.</source>
        <translation>Ingenting skal gis til denne pasienten denne vakten.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="331"/>
        <source>The dispenser hands over this pouch; there is nothing to give.</source>
        <translation>Medisindispenseren gir denne posen; det er ingenting å gi.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="353"/>
        <source>✔ Saved %1 record(s). They are sent when the computer is online.</source>
        <translation>✔ Lagret %1 registrering(er). De sendes når maskinen er på nett.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="398"/>
        <source>✖ This pack matches no dose of this patient in this shift. Choose the dose in the list and scan again to see why.</source>
        <translation>✖ Pakningen passer ikke til noen dose for denne pasienten denne vakten. Velg dosen i listen og skann på nytt for å se hvorfor.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="217"/>
        <source>Medication round: loading…</source>
        <translation>Legemiddelrunde: laster …</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_view.py" line="276"/>
        <source>✖ The round is still loading. Scan again when the doses are shown.</source>
        <translation>✖ Runden lastes fortsatt. Skann igjen når dosene vises.</translation>
    </message>
</context>
<context>
    <name>News2Panel</name>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="53"/>
        <source>No total yet</source>
        <translation>Ingen totalskår ennå</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="54"/>
        <source>Low risk (0)</source>
        <translation>Lav risiko (0)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="55"/>
        <source>Low risk</source>
        <translation>Lav risiko</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="56"/>
        <source>Low–medium risk: a single parameter scores 3</source>
        <translation>Lav–middels risiko: én parameter gir 3</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="57"/>
        <source>Medium risk</source>
        <translation>Middels risiko</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="58"/>
        <source>High risk</source>
        <translation>Høy risiko</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="63"/>
        <source>Respiration rate</source>
        <translation>Respirasjonsfrekvens</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="64"/>
        <source>SpO₂</source>
        <translation>SpO₂</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="65"/>
        <source>Air or oxygen</source>
        <translation>Luft eller oksygen</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="66"/>
        <source>Systolic BP</source>
        <translation>Systolisk BT</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="67"/>
        <source>Pulse</source>
        <translation>Puls</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="68"/>
        <source>Consciousness</source>
        <translation>Bevissthet</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="69"/>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="80"/>
        <source>not measured</source>
        <translation>ikke målt</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="82"/>
        <source>✖ value refused</source>
        <translation>✖ verdien avvist</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="85"/>
        <source>SpO₂ scale %1</source>
        <translation>SpO₂-skala %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="86"/>
        <source>Subscores</source>
        <translation>Delskårer</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="100"/>
        <source>NEWS2: %1</source>
        <translation>NEWS2: %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="103"/>
        <source>At least: %1 (incomplete set)</source>
        <translation>Minst: %1 (ufullstendig sett)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="110"/>
        <source>Scores 3 (red): %1</source>
        <translation>Gir 3 poeng (rød): %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="115"/>
        <source>Enter the measurements to see the score.</source>
        <translation>Før inn målingene for å se skåren.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="122"/>
        <source>Continuous monitoring.</source>
        <translation>Kontinuerlig overvåking.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/news2_panel.py" line="124"/>
        <source>Next full set of measurements by %1.</source>
        <translation>Neste fulle måling senest %1.</translation>
    </message>
</context>
<context>
    <name>PackCheckBox</name>
    <message>
        <location filename="../../ui/bedside/pack_check.py" line="76"/>
        <source>Pack check</source>
        <translation>Kontroll av pakning</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_check.py" line="91"/>
        <source>Scan the DataMatrix on the pack, or type it</source>
        <translation>Skann DataMatrix-koden på pakningen, eller skriv den</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_check.py" line="92"/>
        <source>Pack barcode</source>
        <translation>Strekkode på pakningen</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_check.py" line="94"/>
        <source>Pick by &amp;hand…</source>
        <translation>Velg for &amp;hånd …</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_check.py" line="99"/>
        <source>No pack checked yet.</source>
        <translation>Ingen pakning kontrollert ennå.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_check.py" line="148"/>
        <source>Checking the pack…</source>
        <translation>Kontrollerer pakningen …</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_check.py" line="211"/>
        <source>lot %1</source>
        <translation>batch %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_check.py" line="213"/>
        <source>expiry %1</source>
        <translation>utløper %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_check.py" line="107"/>
        <source>I &amp;confirm the substitution (recorded)</source>
        <translation>&amp;Jeg bekrefter byttet (blir dokumentert)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_check.py" line="250"/>
        <source>⇄ %1 is given instead of %2 (the same substitution group).</source>
        <translation>⇄ %1 gis i stedet for %2 (samme byttegruppe).</translation>
    </message>
</context>
<context>
    <name>PackComparison</name>
    <message>
        <location filename="../../ui/bedside/pack_compare.py" line="49"/>
        <source>To give (the order)</source>
        <translation>Skal gis (ordinasjonen)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_compare.py" line="49"/>
        <source>The pack in your hand</source>
        <translation>Pakningen du holder</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_compare.py" line="50"/>
        <source>Medicine</source>
        <translation>Legemiddel</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_compare.py" line="52"/>
        <source>Substance</source>
        <translation>Virkestoff</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_compare.py" line="58"/>
        <source>Strength</source>
        <translation>Styrke</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_compare.py" line="64"/>
        <source>Form</source>
        <translation>Legemiddelform</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_compare.py" line="69"/>
        <source>Dose</source>
        <translation>Dose</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_compare.py" line="70"/>
        <source>Pack</source>
        <translation>Pakning</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_compare.py" line="72"/>
        <source>Substitution group</source>
        <translation>Byttegruppe</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_compare.py" line="93"/>
        <source>the same group</source>
        <translation>samme byttegruppe</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_compare.py" line="97"/>
        <source>none (may not be swapped)</source>
        <translation>ingen (kan ikke byttes)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_compare.py" line="98"/>
        <source>its own group</source>
        <translation>egen byttegruppe</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pack_compare.py" line="99"/>
        <source>a different group</source>
        <translation>en annen byttegruppe</translation>
    </message>
</context>
<context>
    <name>PouchDialog</name>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="56"/>
        <location filename="../../ui/bedside/pouch_dialog.py" line="59"/>
        <source>Multidose pouch %1</source>
        <translation>Multidosepose %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="65"/>
        <source>Check the pouch label (name, date, time). Confirm the pouch as a whole; untick (Space) a medicine that was not given and give the reason.</source>
        <translation>Kontroller etiketten på posen (navn, dato, klokkeslett). Bekreft posen samlet; fjern haken (mellomrom) for et legemiddel som ikke ble gitt, og oppgi årsak.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="73"/>
        <source>Medicines in the pouch</source>
        <translation>Legemidler i posen</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="87"/>
        <source>&amp;Time given:</source>
        <translation>&amp;Tidspunkt gitt:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="95"/>
        <source>the pouch</source>
        <translation>posen</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="99"/>
        <source>&amp;Confirm pouch</source>
        <translation>Be&amp;kreft posen</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="99"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="107"/>
        <source>Not given from the pouch</source>
        <translation>Ikke gitt fra posen</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="110"/>
        <source>Choose a reason…</source>
        <translation>Velg årsak …</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="114"/>
        <source>Required for “Other”</source>
        <translation>Påkrevd for «Annet»</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="115"/>
        <source>R&amp;eason:</source>
        <translation>Å&amp;rsak:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="116"/>
        <source>&amp;Describe:</source>
        <translation>&amp;Beskriv:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="119"/>
        <source>N&amp;othing from the pouch was given</source>
        <translation>I&amp;ngenting fra posen ble gitt</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="145"/>
        <source>✔ Given: %1 – %2</source>
        <translation>✔ Gitt: %1 – %2</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="152"/>
        <source>reason missing</source>
        <translation>årsak mangler</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="157"/>
        <source>✖ Not given: %1 – %2</source>
        <translation>✖ Ikke gitt: %1 – %2</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="204"/>
        <source>A check stopped this pouch. Give a reason to go on, or cancel.</source>
        <translation>En kontroll stoppet denne posen. Skriv begrunnelse for å fortsette, eller avbryt.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/pouch_dialog.py" line="210"/>
        <source>The pouch holds a drug that needs a second person&apos;s signature.</source>
        <translation>Posen inneholder et legemiddel som krever dobbeltkontroll.</translation>
    </message>
</context>
<context>
    <name>RoundModel</name>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="63"/>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="64"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="65"/>
        <source>Medicine</source>
        <translation>Legemiddel</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="66"/>
        <source>Dose</source>
        <translation>Dose</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="67"/>
        <source>Route</source>
        <translation>Administrasjonsvei</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="68"/>
        <source>Checks</source>
        <translation>Kontroller</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="101"/>
        <source>⚠ Stopped %1</source>
        <translation>⚠ Stanset %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="102"/>
        <source>⚠ No report</source>
        <translation>⚠ Ingen melding</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="111"/>
        <source>Handed over by the dispenser, not by staff</source>
        <translation>Utlevert av dispenseren, ikke av personalet</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="113"/>
        <source>The dispenser hands it over; nothing reported yet</source>
        <translation>Dispenseren utleverer; ingenting meldt ennå</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="126"/>
        <source>⚠ Check the order</source>
        <translation>⚠ Kontroller ordinasjonen</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="128"/>
        <source>Assess effect</source>
        <translation>Vurder effekt</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="132"/>
        <source>As needed</source>
        <translation>Ved behov</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="133"/>
        <source>As needed: limit reached</source>
        <translation>Ved behov: maksimaldose nådd</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="138"/>
        <source>⚠ Overdue %1 h %2 min</source>
        <translation>⚠ Forsinket %1 t %2 min</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="143"/>
        <source>● Due now</source>
        <translation>● Skal gis nå</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="144"/>
        <source>Later</source>
        <translation>Senere</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="150"/>
        <source>Dispenser pouch (%1): %2</source>
        <translation>Dispenserpose (%1): %2</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="159"/>
        <source>Multidose pouch (%1): %2</source>
        <translation>Multidosepose (%1): %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bedside/round_model.py" line="185"/>
        <source>%n medicine(s)</source>
        <translation>
            <numerusform>%n legemiddel</numerusform>
            <numerusform>%n legemidler</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="192"/>
        <source> (%1 left in 24 h)</source>
        <translation> (%1 igjen siste døgn)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="207"/>
        <source>⚠ Allergy</source>
        <translation>⚠ Allergi</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="209"/>
        <source>✍ Double signature</source>
        <translation>✍ Dobbeltkontroll</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="227"/>
        <source>%1 (yesterday)</source>
        <translation>%1 (i går)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="175"/>
        <source>⏹ Last dose of the course</source>
        <translation>⏹ Siste dose i kuren</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="95"/>
        <source>✔ Dispenser %1</source>
        <translation>✔ Dispenser %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="97"/>
        <source>◌ Dispenser</source>
        <translation>◌ Dispenser</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="99"/>
        <source>⚠ Not dispensed %1</source>
        <translation>⚠ Ikke utlevert %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="115"/>
        <source>Dispenser: “%1” – give the pouch by hand</source>
        <translation>Dispenseren: «%1» – gi posen manuelt</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="117"/>
        <source>Dispenser: “%1” – give by hand if it is not running</source>
        <translation>Dispenseren: «%1» – gi manuelt om den ikke går</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="120"/>
        <source>Nothing came from the dispenser – check the pouch at the visit</source>
        <translation>Ingen melding fra dispenseren – kontroller posen ved besøket</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/round_model.py" line="178"/>
        <source>Course ends: last dose %1 at %2</source>
        <translation>Kuren slutter: siste dose %1 kl. %2</translation>
    </message>
</context>
<context>
    <name>StopPanel</name>
    <message>
        <location filename="../../ui/bedside/stop_panel.py" line="32"/>
        <source>✖ STOP</source>
        <translation>✖ STOPP</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/stop_panel.py" line="37"/>
        <source>Why you give it anyway (recorded)</source>
        <translation>Hvorfor du gir likevel (blir dokumentert)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/stop_panel.py" line="38"/>
        <source>Reason for overriding the stop</source>
        <translation>Begrunnelse for å overstyre stoppet</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/stop_panel.py" line="39"/>
        <source>&amp;Reason to go on anyway:</source>
        <translation>Begrunnelse for å &amp;fortsette likevel:</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../ui/bedside/trend_chart.py" line="107"/>
        <source>No measurements</source>
        <translation>Ingen målinger</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_chart.py" line="138"/>
        <source>No measurements yet</source>
        <translation>Ingen målinger ennå</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_chart.py" line="177"/>
        <source>measured by staff</source>
        <translation>målt av personalet</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_chart.py" line="99"/>
        <location filename="../../ui/bedside/trend_chart.py" line="177"/>
        <source>home measurement</source>
        <translation>hjemmemåling</translation>
    </message>
</context>
<context>
    <name>TrendModel</name>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="73"/>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="74"/>
        <source>Measured by</source>
        <translation>Målt av</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="75"/>
        <source>Resp. /min</source>
        <translation>Resp. /min</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="76"/>
        <source>SpO₂ %</source>
        <translation>SpO₂ %</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="77"/>
        <source>Air / O₂</source>
        <translation>Luft / O₂</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="78"/>
        <source>BP mmHg</source>
        <translation>BT mmHg</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="79"/>
        <source>Pulse /min</source>
        <translation>Puls /min</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="80"/>
        <source>ACVPU</source>
        <translation>ACVPU</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="81"/>
        <source>Temp. °C</source>
        <translation>Temp. °C</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="82"/>
        <source>Weight kg</source>
        <translation>Vekt kg</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="83"/>
        <source>Glucose mmol/L</source>
        <translation>Glukose mmol/L</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="84"/>
        <source>NEWS2</source>
        <translation>NEWS2</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="131"/>
        <source>Outside the patient&apos;s red limit (%1 to %2)</source>
        <translation>Utenfor pasientens røde grense (%1 til %2)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="133"/>
        <source>Outside the patient&apos;s yellow limit (%1 to %2)</source>
        <translation>Utenfor pasientens gule grense (%1 til %2)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="150"/>
        <source>⚠ incomplete</source>
        <translation>⚠ ufullstendig</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="185"/>
        <source>Air</source>
        <translation>Luft</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="187"/>
        <source>O₂ %1 l/min</source>
        <translation>O₂ %1 l/min</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="191"/>
        <source>⌂ Home</source>
        <translation>⌂ Hjemme</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_model.py" line="191"/>
        <source>Staff</source>
        <translation>Personalet</translation>
    </message>
</context>
<context>
    <name>UnitRoundModel</name>
    <message>
        <location filename="../../ui/bedside/unit_round_view.py" line="106"/>
        <source>Patient</source>
        <translation>Pasient</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/unit_round_view.py" line="107"/>
        <source>Overdue</source>
        <translation>Forsinket</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/unit_round_view.py" line="108"/>
        <source>Due now</source>
        <translation>Nå</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/unit_round_view.py" line="109"/>
        <source>Later</source>
        <translation>Senere</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/unit_round_view.py" line="110"/>
        <source>As needed</source>
        <translation>Ved behov</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/unit_round_view.py" line="111"/>
        <source>Effect to assess</source>
        <translation>Effekt å vurdere</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/unit_round_view.py" line="112"/>
        <source>Dosage to check</source>
        <translation>Dosering må sjekkes</translation>
    </message>
</context>
<context>
    <name>UnitRoundView</name>
    <message>
        <location filename="../../ui/bedside/unit_round_view.py" line="154"/>
        <source>Medication round for the unit</source>
        <translation>Legemiddelrunde for avdelingen</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/unit_round_view.py" line="165"/>
        <source>Patients and their doses this shift</source>
        <translation>Pasienter og doser denne vakten</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/unit_round_view.py" line="176"/>
        <source>Loading…</source>
        <translation>Laster …</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/unit_round_view.py" line="187"/>
        <source>Shift %1–%2. Enter opens the patient&apos;s round.</source>
        <translation>Vakt %1–%2. Enter åpner pasientens runde.</translation>
    </message>
</context>
<context>
    <name>VitalSignsView</name>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="86"/>
        <source>Vital signs and NEWS2</source>
        <translation>Vitale parametere og NEWS2</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="157"/>
        <location filename="../../ui/bedside/vitals_form.py" line="195"/>
        <source>/min</source>
        <translation>/min</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="164"/>
        <source>SpO₂ scale:</source>
        <translation>SpO₂-skala:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="183"/>
        <source>l/min</source>
        <translation>l/min</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="178"/>
        <source>Oxygen flow, litres per minute</source>
        <translation>Oksygenmengde, liter per minutt</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="189"/>
        <source>Air or oxygen:</source>
        <translation>Luft eller oksygen:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="192"/>
        <source>S&amp;ystolic BP:</source>
        <translation>S&amp;ystolisk BT:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="195"/>
        <source>P&amp;ulse:</source>
        <translation>Pul&amp;s:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="197"/>
        <source>Not assessed</source>
        <translation>Ikke vurdert</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="199"/>
        <source>A – Alert</source>
        <translation>A – Våken</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="200"/>
        <source>C – New confusion</source>
        <translation>C – Nyoppstått forvirring</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="201"/>
        <source>V – Responds to voice</source>
        <translation>V – Reagerer på tiltale</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="202"/>
        <source>P – Responds to pain</source>
        <translation>P – Reagerer på smerte</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="203"/>
        <source>U – Unresponsive</source>
        <translation>U – Reagerer ikke</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="262"/>
        <source>Scale 1</source>
        <translation>Skala 1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="264"/>
        <source>Scale 2 (documented decision)</source>
        <translation>Skala 2 (dokumentert beslutning)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="268"/>
        <source>Scale 2 only when a doctor&apos;s decision is documented.</source>
        <translation>Skala 2 bare når legens beslutning er dokumentert.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="316"/>
        <source>Enter the oxygen flow in l/min.</source>
        <translation>Oppgi oksygenmengde i l/min.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="318"/>
        <source>The oxygen flow must be between 0 and 60 l/min.</source>
        <translation>Oksygenmengden må være mellom 0 og 60 l/min.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="431"/>
        <source>score %1</source>
        <translation>skår %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="401"/>
        <source>Correct the values marked ✖ before saving. Nothing has been saved.</source>
        <translation>Rett verdiene merket ✖ før lagring. Ingenting er lagret.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="93"/>
        <source>I &amp;have checked the unusual values and they are right</source>
        <translation>&amp;Jeg har kontrollert de uvanlige verdiene, og de er riktige</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="100"/>
        <source>Save vital si&amp;gns (Ctrl+Enter)</source>
        <translation>La&amp;gre målingene (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="102"/>
        <source>Clear &amp;form</source>
        <translation>T&amp;øm skjema</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="146"/>
        <source>Measure&amp;d at:</source>
        <translation>&amp;Målt:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="156"/>
        <source>Respiratio&amp;n rate:</source>
        <translation>Respirasjons&amp;frekvens:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="160"/>
        <source>Sp&amp;O₂:</source>
        <translation>Sp&amp;O₂:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="168"/>
        <source>A&amp;ir</source>
        <translation>Luf&amp;t</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="169"/>
        <source>O&amp;xygen</source>
        <translation>Oksyge&amp;n</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="194"/>
        <source>Diasto&amp;lic BP:</source>
        <translation>&amp;Diastolisk BT:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="208"/>
        <source>Con&amp;sciousness (ACVPU):</source>
        <translation>&amp;Bevissthet (ACVPU):</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="211"/>
        <source>Temper&amp;ature:</source>
        <translation>Temper&amp;atur:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="406"/>
        <source>Confirm the unusual values (marked ⚠) before saving.</source>
        <translation>Bekreft de uvanlige verdiene (merket ⚠) før lagring.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="410"/>
        <source>Enter at least one measurement.</source>
        <translation>Før inn minst én måling.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="414"/>
        <source>The time measured cannot be in the future.</source>
        <translation>Måletidspunktet kan ikke være fram i tid.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="419"/>
        <source>Saving…</source>
        <translation>Lagrer …</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="441"/>
        <source>✔ Saved at %1 with NEWS2 %2.</source>
        <translation>✔ Lagret kl. %1 med NEWS2 %2.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="443"/>
        <source>✔ Saved at %1 (incomplete set, no NEWS2 total).</source>
        <translation>✔ Lagret kl. %1 (ufullstendig sett, ingen NEWS2-totalskår).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bedside/vitals_form.py" line="448"/>
        <source>⚠ %n parameter(s) score 3: respond now.</source>
        <translation>
            <numerusform>⚠ %n parameter gir 3 poeng: handle nå.</numerusform>
            <numerusform>⚠ %n parametere gir 3 poeng: handle nå.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="450"/>
        <source>⚠ The measured values already need an urgent response.</source>
        <translation>⚠ De målte verdiene krever allerede rask respons.</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/vitals_form.py" line="456"/>
        <source>Your values are still here.</source>
        <translation>Verdiene dine er tatt vare på.</translation>
    </message>
</context>
<context>
    <name>VitalsTrendView</name>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="50"/>
        <source>Show va&amp;lue:</source>
        <translation>Vis ver&amp;di:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="58"/>
        <source>Peri&amp;od:</source>
        <translation>Peri&amp;ode:</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="88"/>
        <source>Measurements, newest first</source>
        <translation>Målinger, nyeste først</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="95"/>
        <source>NEWS2 score</source>
        <translation>NEWS2-skår</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="96"/>
        <source>Respiration rate (/min)</source>
        <translation>Respirasjonsfrekvens (/min)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="97"/>
        <source>SpO₂ (%)</source>
        <translation>SpO₂ (%)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="98"/>
        <source>Systolic blood pressure (mmHg)</source>
        <translation>Systolisk blodtrykk (mmHg)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="99"/>
        <source>Pulse (/min)</source>
        <translation>Puls (/min)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="100"/>
        <source>Temperature (°C)</source>
        <translation>Temperatur (°C)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="101"/>
        <source>Weight (kg)</source>
        <translation>Vekt (kg)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="102"/>
        <source>Blood glucose (mmol/L)</source>
        <translation>Blodsukker (mmol/L)</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="107"/>
        <source>Last 7 days</source>
        <translation>Siste 7 dager</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="108"/>
        <source>Last 30 days</source>
        <translation>Siste 30 dager</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="109"/>
        <source>Last 3 months</source>
        <translation>Siste 3 måneder</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="110"/>
        <source>Last year</source>
        <translation>Siste år</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="136"/>
        <source>Loading…</source>
        <translation>Laster …</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="160"/>
        <source>%1 measurement sets (%2 at home) in the last %3 days</source>
        <translation>%1 målinger (%2 hjemme) de siste %3 dagene</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="179"/>
        <source>Red limit %1</source>
        <translation>Rød grense %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="179"/>
        <source>Yellow limit %1</source>
        <translation>Gul grense %1</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="170"/>
        <source>5: urgent response</source>
        <translation>5: rask respons</translation>
    </message>
    <message>
        <location filename="../../ui/bedside/trend_view.py" line="171"/>
        <source>7: emergency</source>
        <translation>7: akutt respons</translation>
    </message>
</context>
</TS>
