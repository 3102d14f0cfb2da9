<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>HandoverBanner</name>
    <message>
        <location filename="../../ui/shift/handover_banner.py" line="52"/>
        <source>Read the report</source>
        <translation>Les rapporten</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_banner.py" line="53"/>
        <source>The report from the previous shift (Ctrl+Shift+R)</source>
        <translation>Rapporten fra forrige vakt (Ctrl+Shift+R)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shift/handover_banner.py" line="93"/>
        <source>ℹ Report from the previous shift, not yet acknowledged: %1 at %2, %n patient(s).</source>
        <translation>
            <numerusform>ℹ Rapport fra forrige vakt, ikke kvittert ennå: %1 kl. %2, %n pasient.</numerusform>
            <numerusform>ℹ Rapport fra forrige vakt, ikke kvittert ennå: %1 kl. %2, %n pasienter.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_banner.py" line="101"/>
        <source>(%1 more reports waiting)</source>
        <translation>(%1 rapporter til venter)</translation>
    </message>
</context>
<context>
    <name>HandoverForm</name>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="124"/>
        <location filename="../../ui/shift/handover_form.py" line="395"/>
        <source>ISBAR report</source>
        <translation>ISBAR-rapport</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="127"/>
        <source>Pre&amp;fill again</source>
        <translation>Hent &amp;data på nytt</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="129"/>
        <source>Read the shift&apos;s data again; what you wrote is replaced (F5)</source>
        <translation>Les vaktens data på nytt; det du har skrevet, erstattes (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="132"/>
        <source>Pri&amp;nt…</source>
        <translation>Utskri&amp;ft…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="133"/>
        <source>Print the report as it is written now (Ctrl+P)</source>
        <translation>Skriv ut rapporten slik den er skrevet nå (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="135"/>
        <source>&amp;Sign the report</source>
        <translation>&amp;Signer rapporten</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="137"/>
        <source>Sign and save the report for the next shift (Ctrl+Enter)</source>
        <translation>Signer og lagre rapporten til neste vakt (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="147"/>
        <source>Patients in the report</source>
        <translation>Pasientene i rapporten</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="191"/>
        <source>Where each prefilled line comes from</source>
        <translation>Hvor hver forhåndsutfylte linje kommer fra</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="230"/>
        <source>Reading the shift&apos;s data…</source>
        <translation>Leser vaktens data…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="235"/>
        <source>Choose a unit or route in the patient list.</source>
        <translation>Velg avdeling eller rute i pasientlisten.</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="238"/>
        <source>No patient chosen.</source>
        <translation>Ingen pasient valgt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shift/handover_form.py" line="260"/>
        <source>%1: the shift %2, %n patient(s).</source>
        <translation>
            <numerusform>%1: vakten %2, %n pasient.</numerusform>
            <numerusform>%1: vakten %2, %n pasienter.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="262"/>
        <source>The shift %2.</source>
        <translation>Vakten %2.</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="268"/>
        <source>Prefilled from the shift&apos;s data. Edit what you need, then sign.</source>
        <translation>Forhåndsutfylt fra vaktens data. Rett det du trenger, og signer.</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="363"/>
        <source>Signing…</source>
        <translation>Signerer…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="369"/>
        <source>Report signed at %1; the next shift sees it once it is synced.</source>
        <translation>Rapporten er signert kl. %1; neste vakt ser den når den er synkronisert.</translation>
    </message>
</context>
<context>
    <name>HandoverPrint</name>
    <message>
        <location filename="../../ui/shift/handover_print.py" line="82"/>
        <source>(nothing written)</source>
        <translation>(ingenting skrevet)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_print.py" line="104"/>
        <source>Print the report</source>
        <translation>Skriv ut rapporten</translation>
    </message>
</context>
<context>
    <name>HandoverReportDialog</name>
    <message>
        <location filename="../../ui/shift/report_dialog.py" line="38"/>
        <source>Report from %1, signed %2</source>
        <translation>Rapport fra %1, signert %2</translation>
    </message>
    <message>
        <location filename="../../ui/shift/report_dialog.py" line="82"/>
        <source>ISBAR report from the previous shift</source>
        <translation>ISBAR-rapport fra forrige vakt</translation>
    </message>
    <message>
        <location filename="../../ui/shift/report_dialog.py" line="91"/>
        <source>The report</source>
        <translation>Rapporten</translation>
    </message>
    <message>
        <location filename="../../ui/shift/report_dialog.py" line="96"/>
        <source>&amp;Read and acknowledged</source>
        <translation>&amp;Lest og kvittert</translation>
    </message>
    <message>
        <location filename="../../ui/shift/report_dialog.py" line="98"/>
        <source>The next shift has read the report (Ctrl+Enter)</source>
        <translation>Neste vakt har lest rapporten (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/report_dialog.py" line="101"/>
        <source>&amp;Print…</source>
        <translation>&amp;Skriv ut…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/report_dialog.py" line="102"/>
        <source>Print the report for the handover meeting (Ctrl+P)</source>
        <translation>Skriv ut rapporten til rapportmøtet (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/report_dialog.py" line="104"/>
        <source>&amp;Close</source>
        <translation>Lu&amp;kk</translation>
    </message>
    <message>
        <location filename="../../ui/shift/report_dialog.py" line="125"/>
        <source>Saving…</source>
        <translation>Lagrer…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/report_dialog.py" line="144"/>
        <source>ISBAR report</source>
        <translation>ISBAR-rapport</translation>
    </message>
</context>
<context>
    <name>NewTaskDialog</name>
    <message>
        <location filename="../../ui/shift/new_task_dialog.py" line="36"/>
        <source>New task: %1</source>
        <translation>Ny oppgave: %1</translation>
    </message>
    <message>
        <location filename="../../ui/shift/new_task_dialog.py" line="38"/>
        <source>The task shows in the list of whoever works here.</source>
        <translation>Oppgaven vises i listen til den som jobber her.</translation>
    </message>
    <message>
        <location filename="../../ui/shift/new_task_dialog.py" line="41"/>
        <source>What is to be done</source>
        <translation>Hva som skal gjøres</translation>
    </message>
    <message>
        <location filename="../../ui/shift/new_task_dialog.py" line="44"/>
        <source>Note</source>
        <translation>Merknad</translation>
    </message>
    <message>
        <location filename="../../ui/shift/new_task_dialog.py" line="45"/>
        <source>&amp;What:</source>
        <translation>&amp;Hva:</translation>
    </message>
    <message>
        <location filename="../../ui/shift/new_task_dialog.py" line="46"/>
        <source>&amp;By:</source>
        <translation>&amp;Innen:</translation>
    </message>
    <message>
        <location filename="../../ui/shift/new_task_dialog.py" line="47"/>
        <source>N&amp;ote:</source>
        <translation>&amp;Merknad:</translation>
    </message>
    <message>
        <location filename="../../ui/shift/new_task_dialog.py" line="49"/>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <location filename="../../ui/shift/new_task_dialog.py" line="49"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../ui/shift/new_task_dialog.py" line="55"/>
        <source>Write what is to be done.</source>
        <translation>Skriv hva som skal gjøres.</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="81"/>
        <location filename="../../ui/shift/note_editor.py" line="138"/>
        <source>Nothing in particular</source>
        <translation>Ikke noe bestemt</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="84"/>
        <source>Note text</source>
        <translation>Notatets tekst</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="97"/>
        <source>Sign the note (Ctrl+Enter)</source>
        <translation>Signer notatet (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="85"/>
        <source>Categor&amp;y:</source>
        <translation>Kate&amp;gori:</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="86"/>
        <source>Happened &amp;at:</source>
        <translation>Skje&amp;dde:</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="87"/>
        <source>Concern&amp;s:</source>
        <translation>G&amp;jelder:</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="88"/>
        <source>Te&amp;xt:</source>
        <translation>&amp;Tekst:</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="96"/>
        <source>Sign</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="99"/>
        <source>&amp;Discard the draft</source>
        <translation>&amp;Forkast utkastet</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="101"/>
        <source>C&amp;lose (keep the draft)</source>
        <translation>Lukk (&amp;behold utkastet)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="136"/>
        <source>Correct the note</source>
        <translation>Rett notatet</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="136"/>
        <source>New note</source>
        <translation>Nytt notat</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="153"/>
        <source>Your unsigned draft from %1.</source>
        <translation>Ditt usignerte utkast fra kl. %1.</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="155"/>
        <source>Your unsigned draft.</source>
        <translation>Ditt usignerte utkast.</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="202"/>
        <source>Saving the draft…</source>
        <translation>Lagrer utkastet…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="213"/>
        <source>Draft saved on this computer at %1 (encrypted, not signed).</source>
        <translation>Utkastet er lagret på denne datamaskinen kl. %1 (kryptert, ikke signert).</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="222"/>
        <source>The draft is not saved yet: %1</source>
        <translation>Utkastet er ikke lagret ennå: %1</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="230"/>
        <source>The note is empty.</source>
        <translation>Notatet er tomt.</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="250"/>
        <source>Signing…</source>
        <translation>Signerer…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/note_editor.py" line="256"/>
        <source>Signed at %1; sent with the next sync.</source>
        <translation>Signert kl. %1; sendes ved neste synkronisering.</translation>
    </message>
</context>
<context>
    <name>NoteListModel</name>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="58"/>
        <source>Happened</source>
        <translation>Skjedde</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="59"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="60"/>
        <source>Author</source>
        <translation>Skrevet av</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="61"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="62"/>
        <source>Note</source>
        <translation>Notat</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="76"/>
        <source>Attachment: %1</source>
        <translation>Vedlegg: %1</translation>
    </message>
</context>
<context>
    <name>NotesView</name>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="125"/>
        <source>Notes</source>
        <translation>Notater</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="130"/>
        <source>Write a note, or go on with your draft (Ctrl+Shift+J)</source>
        <translation>Skriv et notat, eller fortsett på utkastet ditt (Ctrl+Shift+J)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="129"/>
        <source>Ne&amp;w note</source>
        <translation>N&amp;ytt notat</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="132"/>
        <source>Correctio&amp;n…</source>
        <translation>Skriv rettel&amp;se…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="134"/>
        <source>Correct your own note; the original stays visible (Ctrl+K)</source>
        <translation>Rett ditt eget notat; det opprinnelige forblir synlig (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="146"/>
        <source>The note</source>
        <translation>Notatet</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="186"/>
        <source>Notes, newest first</source>
        <translation>Notater, nyeste først</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="207"/>
        <source>Reading from this computer…</source>
        <translation>Leser fra denne datamaskinen…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="219"/>
        <source>No notes yet.</source>
        <translation>Ingen notater ennå.</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="221"/>
        <source>✎ You have an unsigned draft for this patient: New note goes on with it.</source>
        <translation>✎ Du har et usignert utkast for denne pasienten: Nytt notat fortsetter på det.</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="250"/>
        <source>Happened: %1   Written: %2</source>
        <translation>Skjedde: %1   Skrevet: %2</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="260"/>
        <source>Attachment (%1): %2 – open it in the journal system it came from.</source>
        <translation>Vedlegg (%1): %2 – åpne det i journalsystemet det kom fra.</translation>
    </message>
    <message>
        <location filename="../../ui/shift/notes_view.py" line="279"/>
        <source>Only the author can correct a note. Write a new note instead.</source>
        <translation>Bare den som skrev notatet, kan rette det. Skriv et nytt notat i stedet.</translation>
    </message>
</context>
<context>
    <name>ShiftWords</name>
    <message>
        <location filename="../../ui/shift/wording.py" line="31"/>
        <source>⚠ Overdue</source>
        <translation>⚠ Forsinket</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="32"/>
        <source>● Due now</source>
        <translation>● Nå</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="33"/>
        <source>Later</source>
        <translation>Senere</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="40"/>
        <source>Medicine</source>
        <translation>Legemiddel</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="41"/>
        <source>Effect to assess</source>
        <translation>Effekt skal vurderes</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="42"/>
        <source>Order to check</source>
        <translation>Ordinering må sjekkes</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="43"/>
        <source>NEWS2 measurement</source>
        <translation>NEWS2-måling</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="44"/>
        <source>Renewal requested</source>
        <translation>Fornyelse bedt om</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="45"/>
        <location filename="../../ui/shift/wording.py" line="287"/>
        <source>Care plan</source>
        <translation>Tiltaksplan</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="46"/>
        <source>Care plan to check</source>
        <translation>Tiltaksplan må sjekkes</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="47"/>
        <source>Task from a colleague</source>
        <translation>Oppgave fra kollega</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="56"/>
        <location filename="../../ui/shift/wording.py" line="185"/>
        <source>NEWS2 7 or more: continuous monitoring</source>
        <translation>NEWS2 7 eller mer: kontinuerlig overvåking</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="58"/>
        <source>incomplete set: complete it</source>
        <translation>ufullstendig sett: fullfør det</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="70"/>
        <source>NEWS2 %1 at %2</source>
        <translation>NEWS2 %1 kl. %2</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="74"/>
        <source>Vital signs at %1</source>
        <translation>Vitale tegn kl. %1</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="80"/>
        <source>The care plan&apos;s timing cannot be read: check the care plan. (%1)</source>
        <translation>Tidspunktene i tiltaksplanen kan ikke leses: sjekk tiltaksplanen. (%1)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/shift/wording.py" line="84"/>
        <source>Multidose pouch, %n medicine(s)</source>
        <translation>
            <numerusform>Multidosepose, %n legemiddel</numerusform>
            <numerusform>Multidosepose, %n legemidler</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="91"/>
        <source>Measure NEWS2 again</source>
        <translation>Mål NEWS2 på nytt</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="93"/>
        <source>Waiting for the physician: renew %1</source>
        <translation>Venter på lege: fornye %1</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="103"/>
        <source>postponed</source>
        <translation>utsatt</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="105"/>
        <source>⚠ also documented on another computer</source>
        <translation>⚠ også dokumentert på en annen datamaskin</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="112"/>
        <source>no set time</source>
        <translation>uten fast tid</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="151"/>
        <source>%1, born %2</source>
        <translation>%1, født %2</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="157"/>
        <source>Reported by %1</source>
        <translation>Rapportert av %1</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="164"/>
        <source>Vital signs at %1: incomplete set, %2 parameter(s) scoring 3</source>
        <translation>Vitale tegn kl. %1: ufullstendig sett, %2 parameter(e) med 3 poeng</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="169"/>
        <source>NEWS2 %1 at %2: %3</source>
        <translation>NEWS2 %1 kl. %2: %3</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="175"/>
        <source>NEWS2 %1 from %2 to %3, highest: %4</source>
        <translation>NEWS2 %1 fra kl. %2 til %3, høyest: %4</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="187"/>
        <source>Measure NEWS2 again by %1</source>
        <translation>Mål NEWS2 på nytt senest %1</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="192"/>
        <source>As-needed %1 %2 at %3 for %4</source>
        <translation>Behovsmedisin %1 %2 kl. %3 mot %4</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="199"/>
        <source>, effect: %1</source>
        <translation>, effekt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="200"/>
        <source>, effect not assessed yet</source>
        <translation>, effekt ikke vurdert ennå</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="205"/>
        <source>Not given: %1 at %2 (%3)</source>
        <translation>Ikke gitt: %1 kl. %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="213"/>
        <source>New: %1</source>
        <translation>Ny: %1</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="218"/>
        <source>Stopped: %1</source>
        <translation>Seponert: %1</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="223"/>
        <source>Overdue since %1: %2</source>
        <translation>Forsinket fra kl. %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="229"/>
        <source>To do: %1</source>
        <translation>Skal gjøres: %1</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="230"/>
        <source>Due %1: %2</source>
        <translation>Kl. %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="235"/>
        <source>Not done: %1 (%2)</source>
        <translation>Ikke utført: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="241"/>
        <source>Waiting for the physician: renewal of %1</source>
        <translation>Venter på lege: fornyelse av %1</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="250"/>
        <source>New critical information: %1</source>
        <translation>Ny kritisk informasjon: %1</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="280"/>
        <source>Patient record</source>
        <translation>Pasientjournal</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="281"/>
        <source>Signed-in user</source>
        <translation>Innlogget bruker</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="282"/>
        <location filename="../../ui/shift/wording.py" line="309"/>
        <source>Vital signs</source>
        <translation>Vitale tegn</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="283"/>
        <source>Medication administration</source>
        <translation>Legemiddelutdeling</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="284"/>
        <source>Prescription</source>
        <translation>Resept</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="285"/>
        <source>Medication list</source>
        <translation>Legemiddelliste</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="286"/>
        <location filename="../../ui/shift/wording.py" line="310"/>
        <source>Task</source>
        <translation>Oppgave</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="288"/>
        <location filename="../../ui/shift/wording.py" line="289"/>
        <source>Note</source>
        <translation>Notat</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="290"/>
        <source>Allergy</source>
        <translation>Allergi</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="291"/>
        <source>Warning flag</source>
        <translation>Varsel</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="292"/>
        <source>Condition</source>
        <translation>Tilstand</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="307"/>
        <source>Dose given</source>
        <translation>Dose gitt</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="308"/>
        <source>Dose not given</source>
        <translation>Dose ikke gitt</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="321"/>
        <source>✎ Corrected: see the correction</source>
        <translation>✎ Rettet: se rettelsen</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="322"/>
        <source>✗ Withdrawn by its author</source>
        <translation>✗ Trukket tilbake av den som skrev det</translation>
    </message>
    <message>
        <location filename="../../ui/shift/wording.py" line="324"/>
        <source>Correction</source>
        <translation>Rettelse</translation>
    </message>
</context>
<context>
    <name>SourcesModel</name>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="76"/>
        <source>Prefilled line</source>
        <translation>Forhåndsutfylt linje</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="76"/>
        <source>Source</source>
        <translation>Kilde</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="76"/>
        <source>In the report</source>
        <translation>I rapporten</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="88"/>
        <source>✓ yes</source>
        <translation>✓ ja</translation>
    </message>
    <message>
        <location filename="../../ui/shift/handover_form.py" line="88"/>
        <source>– changed</source>
        <translation>– endret</translation>
    </message>
</context>
<context>
    <name>TaskListModel</name>
    <message>
        <location filename="../../ui/shift/task_model.py" line="35"/>
        <source>Due</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_model.py" line="36"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_model.py" line="39"/>
        <source>Patient</source>
        <translation>Pasient</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_model.py" line="41"/>
        <source>Task</source>
        <translation>Oppgave</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_model.py" line="42"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
</context>
<context>
    <name>TaskListView</name>
    <message>
        <location filename="../../ui/shift/task_view.py" line="89"/>
        <source>Tasks for the unit or route</source>
        <translation>Oppgaver for avdelingen eller ruten</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="89"/>
        <source>Tasks this shift</source>
        <translation>Oppgaver denne vakten</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="128"/>
        <source>Tasks, overdue first</source>
        <translation>Oppgaver, forsinkede først</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="134"/>
        <source>&amp;Done…</source>
        <translation>Ut&amp;ført…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="135"/>
        <source>Done (Enter)</source>
        <translation>Utført (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="138"/>
        <source>Not done (Ctrl+N)</source>
        <translation>Ikke utført (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="141"/>
        <source>Postpone (Ctrl+U)</source>
        <translation>Utsett (Ctrl+U)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="143"/>
        <source>Open &amp;where it is documented</source>
        <translation>&amp;Åpne der det dokumenteres</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="144"/>
        <source>Medication round, vital signs or prescriptions</source>
        <translation>Legemiddelrunde, vitale tegn eller resepter</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="137"/>
        <source>&amp;Not done…</source>
        <translation>Ikke utf&amp;ørt…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="140"/>
        <source>Po&amp;stpone…</source>
        <translation>Utse&amp;tt…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="151"/>
        <source>New t&amp;ask…</source>
        <translation>N&amp;y oppgave…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="152"/>
        <source>Leave a task for this patient (Ctrl+Shift+N)</source>
        <translation>Legg inn en oppgave for denne pasienten (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="178"/>
        <source>Reading from this computer…</source>
        <translation>Leser fra denne datamaskinen…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="184"/>
        <source>Choose a unit or route in the patient list.</source>
        <translation>Velg avdeling eller rute i pasientlisten.</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="187"/>
        <source>No patient chosen.</source>
        <translation>Ingen pasient valgt.</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="237"/>
        <source>⚠ Overdue, postponed</source>
        <translation>⚠ Forsinket, utsatt</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="326"/>
        <source>Saved at %1; sent with the next sync.</source>
        <translation>Lagret kl. %1; sendes ved neste synkronisering.</translation>
    </message>
    <message>
        <location filename="../../ui/shift/task_view.py" line="340"/>
        <source>⚠ %1 overdue · ● %2 due now · %3 later · ✓ %4 done this shift%5</source>
        <translation>⚠ %1 forsinket · ● %2 nå · %3 senere · ✓ %4 utført denne vakten%5</translation>
    </message>
</context>
<context>
    <name>TaskOutcomeDialog</name>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="75"/>
        <source>Task: %1</source>
        <translation>Oppgave: %1</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="94"/>
        <source>&amp;Time:</source>
        <translation>&amp;Tid:</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="96"/>
        <source>Measured value</source>
        <translation>Målt verdi</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="98"/>
        <source>&amp;Measured (%1):</source>
        <translation>&amp;Målt (%1):</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="101"/>
        <source>Finding or note</source>
        <translation>Funn eller merknad</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="103"/>
        <source>&amp;Finding / note:</source>
        <translation>&amp;Funn / merknad:</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="105"/>
        <source>Reason</source>
        <translation>Årsak</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="106"/>
        <source>Choose a reason…</source>
        <translation>Velg årsak…</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="109"/>
        <source>&amp;Reason:</source>
        <translation>Å&amp;rsak:</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="111"/>
        <source>Reason in your own words</source>
        <translation>Årsak med egne ord</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="112"/>
        <source>&amp;Describe:</source>
        <translation>&amp;Beskriv:</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="114"/>
        <source>Do it &amp;at:</source>
        <translation>Gjør det &amp;kl.:</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="117"/>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="117"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="150"/>
        <source>Write the measured value as a number, e.g. %1.</source>
        <translation>Skriv målt verdi som et tall, for eksempel %1.</translation>
    </message>
    <message>
        <location filename="../../ui/shift/outcome_dialog.py" line="158"/>
        <source>Choose why the task was not done.</source>
        <translation>Velg hvorfor oppgaven ikke ble utført.</translation>
    </message>
</context>
</TS>
