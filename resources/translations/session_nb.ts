<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>ForgotPinDialog</name>
    <message>
        <location filename="../../ui/session/forgot_pin_dialog.py" line="51"/>
        <source>Forgot your PIN?</source>
        <translation>Glemt PIN-koden?</translation>
    </message>
    <message>
        <location filename="../../ui/session/forgot_pin_dialog.py" line="52"/>
        <source>Checking what is stored for you here…</source>
        <translation>Sjekker hva som er lagret for deg her …</translation>
    </message>
    <message>
        <location filename="../../ui/session/forgot_pin_dialog.py" line="59"/>
        <source>Sign in and choose a new PIN</source>
        <translation>Logg inn og velg ny PIN-kode</translation>
    </message>
    <message>
        <location filename="../../ui/session/forgot_pin_dialog.py" line="60"/>
        <source>Recover with the organisation&apos;s key (IT)…</source>
        <translation>Gjenopprett med organisasjonens nøkkel (IT) …</translation>
    </message>
    <message>
        <location filename="../../ui/session/forgot_pin_dialog.py" line="65"/>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <location filename="../../ui/session/forgot_pin_dialog.py" line="91"/>
        <source>Reference for IT: %1</source>
        <translation>Referanse for IT: %1</translation>
    </message>
    <message>
        <location filename="../../ui/session/forgot_pin_dialog.py" line="96"/>
        <source>Nothing you recorded on this computer is waiting to be sent. Sign in with HelseID and choose a new PIN: you get a fresh store and your patients are fetched again. The old store is kept aside, not deleted.</source>
        <translation>Ingenting du har registrert på denne maskinen venter på å bli sendt. Logg inn med HelseID og velg en ny PIN-kode: du får et nytt lager, og pasientene dine hentes på nytt. Det gamle lageret legges til side, det slettes ikke.</translation>
    </message>
    <message>
        <location filename="../../ui/session/forgot_pin_dialog.py" line="105"/>
        <source>Records you made on this computer may not have been sent yet. They are kept. IT can recover your store with the organisation&apos;s recovery key; you then choose a new PIN. Give IT the reference below.</source>
        <translation>Registreringer du har gjort på denne maskinen er kanskje ikke sendt ennå. De tas vare på. IT kan gjenopprette lageret ditt med organisasjonens gjenopprettingsnøkkel; deretter velger du en ny PIN-kode. Gi IT referansen nedenfor.</translation>
    </message>
    <message>
        <location filename="../../ui/session/forgot_pin_dialog.py" line="114"/>
        <source>Records you made on this computer may not have been sent yet, and no recovery key is set up here, so the PIN cannot be reset without losing them. Nothing has been changed. Try your PIN again, or contact IT.</source>
        <translation>Registreringer du har gjort på denne maskinen er kanskje ikke sendt ennå, og ingen gjenopprettingsnøkkel er satt opp her, så PIN-koden kan ikke tilbakestilles uten å miste dem. Ingenting er endret. Prøv PIN-koden igjen, eller kontakt IT.</translation>
    </message>
    <message>
        <location filename="../../ui/session/forgot_pin_dialog.py" line="127"/>
        <source>Finish signing in in the browser window.</source>
        <translation>Fullfør innloggingen i nettleservinduet.</translation>
    </message>
    <message>
        <location filename="../../ui/session/forgot_pin_dialog.py" line="148"/>
        <source>Sign in as the person who forgot the PIN.</source>
        <translation>Logg inn som personen som har glemt PIN-koden.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="47"/>
        <location filename="../../ui/session/lock_screen.py" line="51"/>
        <source>Pleiepunkt is locked</source>
        <translation>Pleiepunkt er låst</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="62"/>
        <source>&amp;Who are you?</source>
        <translation>&amp;Hvem er du?</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="64"/>
        <source>Who is unlocking</source>
        <translation>Hvem som låser opp</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="73"/>
        <location filename="../../ui/session/lock_screen.py" line="74"/>
        <source>PIN code</source>
        <translation>PIN-kode</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="76"/>
        <source>Unlock</source>
        <translation>Lås opp</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="82"/>
        <source>Sign in with HelseID</source>
        <translation>Logg inn med HelseID</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="83"/>
        <source>Forgot your PIN?</source>
        <translation>Glemt PIN-koden?</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="133"/>
        <source>Pleiepunkt</source>
        <translation>Pleiepunkt</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="134"/>
        <source>Choose who you are and type your PIN, or sign in.</source>
        <translation>Velg hvem du er og skriv PIN-koden din, eller logg inn.</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="137"/>
        <source>Locked by %1 (%2)</source>
        <translation>Låst av %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="175"/>
        <source>Signed in as %1. Type your PIN to open your journal.</source>
        <translation>Logget inn som %1. Skriv PIN-koden din for å åpne journalen.</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="202"/>
        <source>Please wait…</source>
        <translation>Vent litt …</translation>
    </message>
</context>
<context>
    <name>OwnAccesses</name>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="46"/>
        <source>Core record</source>
        <translation>Kjernejournal</translation>
    </message>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="48"/>
        <source>Medication list</source>
        <translation>Legemiddelliste</translation>
    </message>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="49"/>
        <source>Prescriptions</source>
        <translation>Resepter</translation>
    </message>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="70"/>
        <source>Unknown basis</source>
        <translation>Ukjent grunnlag</translation>
    </message>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="77"/>
        <source>Patient no longer on this computer</source>
        <translation>Pasienten finnes ikke lenger på denne datamaskinen</translation>
    </message>
</context>
<context>
    <name>OwnAccessesDialog</name>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="128"/>
        <source>My recent record openings</source>
        <translation>Journaler jeg har åpnet</translation>
    </message>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="135"/>
        <source>Loading…</source>
        <translation>Henter …</translation>
    </message>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="139"/>
        <source>Every opening of a record is logged. Patients can see who opened their record.</source>
        <translation>Hver gang en journal åpnes, blir det logget. Pasienten kan se hvem som har åpnet journalen.</translation>
    </message>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="156"/>
        <source>No openings recorded yet.</source>
        <translation>Ingen åpninger er registrert ennå.</translation>
    </message>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="159"/>
        <source>The list could not be read. Nothing has been lost.</source>
        <translation>Listen kunne ikke leses. Ingenting er tapt.</translation>
    </message>
</context>
<context>
    <name>OwnAccessesModel</name>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="113"/>
        <source>emergency access</source>
        <translation>akuttilgang</translation>
    </message>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="103"/>
        <source>Emergency access</source>
        <translation>Akuttilgang</translation>
    </message>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="92"/>
        <source>Time</source>
        <translation>Tidspunkt</translation>
    </message>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="92"/>
        <source>Patient</source>
        <translation>Pasient</translation>
    </message>
    <message>
        <location filename="../../ui/session/own_accesses.py" line="92"/>
        <source>Access basis</source>
        <translation>Tilgangsgrunnlag</translation>
    </message>
</context>
<context>
    <name>PinSetupDialog</name>
    <message>
        <location filename="../../ui/session/pin_setup_dialog.py" line="31"/>
        <source>Choose your PIN</source>
        <translation>Velg PIN-kode</translation>
    </message>
    <message>
        <location filename="../../ui/session/pin_setup_dialog.py" line="34"/>
        <source>%1, choose a personal PIN for this computer. It unlocks your records when the screen is locked or there is no network. Do not share it.</source>
        <translation>%1, velg en personlig PIN-kode for denne datamaskinen. Den låser opp journalene dine når skjermen er låst eller nettet er borte. Ikke del den med andre.</translation>
    </message>
    <message>
        <location filename="../../ui/session/pin_setup_dialog.py" line="47"/>
        <source>New PIN</source>
        <translation>Ny PIN-kode</translation>
    </message>
    <message>
        <location filename="../../ui/session/pin_setup_dialog.py" line="49"/>
        <source>Repeat the PIN</source>
        <translation>Gjenta PIN-koden</translation>
    </message>
    <message>
        <location filename="../../ui/session/pin_setup_dialog.py" line="54"/>
        <source>&amp;New PIN:</source>
        <translation>&amp;Ny PIN-kode:</translation>
    </message>
    <message>
        <location filename="../../ui/session/pin_setup_dialog.py" line="55"/>
        <source>&amp;Repeat:</source>
        <translation>&amp;Gjenta:</translation>
    </message>
    <message>
        <location filename="../../ui/session/pin_setup_dialog.py" line="42"/>
        <location filename="../../ui/session/pin_setup_dialog.py" line="82"/>
        <source>The PIN must have at least %1 characters.</source>
        <translation>PIN-koden må ha minst %1 tegn.</translation>
    </message>
    <message>
        <location filename="../../ui/session/pin_setup_dialog.py" line="60"/>
        <source>&amp;Save PIN</source>
        <translation>&amp;Lagre PIN-koden</translation>
    </message>
    <message>
        <location filename="../../ui/session/pin_setup_dialog.py" line="61"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../ui/session/pin_setup_dialog.py" line="87"/>
        <source>The two PINs are not the same. Type them again.</source>
        <translation>De to PIN-kodene er ikke like. Skriv dem på nytt.</translation>
    </message>
</context>
<context>
    <name>QuitGuard</name>
    <message>
        <location filename="../../ui/session/quit_guard.py" line="23"/>
        <source>Records not yet sent</source>
        <translation>Registreringer er ikke sendt</translation>
    </message>
    <message>
        <location filename="../../ui/session/quit_guard.py" line="25"/>
        <source>Records not yet sent to the journal: %1.</source>
        <translation>Registreringer som ikke er sendt til journalen ennå: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/session/quit_guard.py" line="29"/>
        <source>They are kept safely on this computer and are sent the next time you are signed in and online. Quit anyway?</source>
        <translation>De er trygt lagret på denne maskinen og sendes neste gang du er logget inn og på nett. Vil du avslutte likevel?</translation>
    </message>
    <message>
        <location filename="../../ui/session/quit_guard.py" line="38"/>
        <source>Quit</source>
        <translation>Avslutt</translation>
    </message>
    <message>
        <location filename="../../ui/session/quit_guard.py" line="41"/>
        <source>Keep working</source>
        <translation>Fortsett å arbeide</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="46"/>
        <source>Recover a store (IT)</source>
        <translation>Gjenopprett et lager (IT)</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="49"/>
        <source>For IT: open the store with the organisation&apos;s recovery key. The person then types a new PIN twice. Nothing stored is lost, unsent records included.</source>
        <translation>For IT: åpne lageret med organisasjonens gjenopprettingsnøkkel. Personen skriver så en ny PIN-kode to ganger. Ingenting som er lagret går tapt, heller ikke usendte registreringer.</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="56"/>
        <location filename="../../ui/session/recovery_dialog.py" line="101"/>
        <source>Recovery key file</source>
        <translation>Fil med gjenopprettingsnøkkel</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="57"/>
        <source>Browse…</source>
        <translation>Bla gjennom …</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="62"/>
        <source>Passphrase of the recovery key</source>
        <translation>Passordfrase for gjenopprettingsnøkkelen</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="63"/>
        <source>New PIN</source>
        <translation>Ny PIN-kode</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="64"/>
        <source>New PIN again</source>
        <translation>Ny PIN-kode igjen</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="66"/>
        <source>Recovery &amp;key file:</source>
        <translation>Fil med gjenopprettings&amp;nøkkel:</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="69"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passordfrase:</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="70"/>
        <source>&amp;New PIN:</source>
        <translation>Ny &amp;PIN-kode:</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="71"/>
        <source>New PIN &amp;again:</source>
        <translation>Ny PIN-kode &amp;igjen:</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="80"/>
        <source>Recover</source>
        <translation>Gjenopprett</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="82"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="101"/>
        <source>PEM files (*.pem);;All files (*)</source>
        <translation>PEM-filer (*.pem);;Alle filer (*)</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="109"/>
        <source>The two PINs are not the same.</source>
        <translation>De to PIN-kodene er ikke like.</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="114"/>
        <source>The recovery key file cannot be read.</source>
        <translation>Filen med gjenopprettingsnøkkelen kan ikke leses.</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="121"/>
        <source>Please wait…</source>
        <translation>Vent litt …</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="132"/>
        <source>The store is recovered. Unlock with the new PIN.</source>
        <translation>Lageret er gjenopprettet. Lås opp med den nye PIN-koden.</translation>
    </message>
    <message>
        <location filename="../../ui/session/recovery_dialog.py" line="140"/>
        <source>The recovery did not work. Nothing was changed.</source>
        <translation>Gjenopprettingen virket ikke. Ingenting ble endret.</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <location filename="../../ui/session/controller.py" line="144"/>
        <source>%1 (locked)</source>
        <translation>%1 (låst)</translation>
    </message>
    <message>
        <location filename="../../ui/session/controller.py" line="224"/>
        <source>The PIN could not be checked. Sign in with HelseID.</source>
        <translation>PIN-koden kunne ikke kontrolleres. Logg inn med HelseID.</translation>
    </message>
    <message>
        <location filename="../../ui/session/controller.py" line="232"/>
        <source>Finish signing in in the browser window.</source>
        <translation>Fullfør innloggingen i nettleservinduet.</translation>
    </message>
    <message>
        <location filename="../../ui/session/controller.py" line="268"/>
        <source>Sign-in failed. Please try again.</source>
        <translation>Innloggingen mislyktes. Prøv igjen.</translation>
    </message>
    <message>
        <location filename="../../ui/session/controller.py" line="355"/>
        <source>Lock</source>
        <translation>Lås</translation>
    </message>
    <message>
        <location filename="../../ui/session/controller.py" line="357"/>
        <source>Lock Pleiepunkt</source>
        <translation>Lås Pleiepunkt</translation>
    </message>
    <message>
        <location filename="../../ui/session/controller.py" line="358"/>
        <source>Lock the screen now; your PIN opens it again (Ctrl+L)</source>
        <translation>Lås skjermen nå; PIN-koden din åpner den igjen (Ctrl+L)</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/session/sign_in_dialog.py" line="41"/>
        <source>Sign in to Pleiepunkt</source>
        <translation>Logg inn i Pleiepunkt</translation>
    </message>
    <message>
        <location filename="../../ui/session/sign_in_dialog.py" line="42"/>
        <source>Sign in with HelseID to open the journal.</source>
        <translation>Logg inn med HelseID for å åpne journalen.</translation>
    </message>
    <message>
        <location filename="../../ui/session/sign_in_dialog.py" line="48"/>
        <source>Sign in with HelseID</source>
        <translation>Logg inn med HelseID</translation>
    </message>
    <message>
        <location filename="../../ui/session/sign_in_dialog.py" line="50"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../ui/session/sign_in_dialog.py" line="73"/>
        <source>A browser window has opened. Finish signing in there, then come back here.</source>
        <translation>Et nettleservindu er åpnet. Fullfør innloggingen der, og kom så tilbake hit.</translation>
    </message>
    <message>
        <location filename="../../ui/session/sign_in_dialog.py" line="99"/>
        <source>Sign-in failed. Please try again.</source>
        <translation>Innloggingen mislyktes. Prøv igjen.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/session/unlock_dialog.py" line="80"/>
        <source>The PIN could not be checked. Try again.</source>
        <translation>PIN-koden kunne ikke kontrolleres. Prøv igjen.</translation>
    </message>
</context>
</TS>
