<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="38"/>
        <location filename="../../ui/session/lock_screen.py" line="40"/>
        <source>Pleiepunkt is locked</source>
        <translation>Pleiepunkt er låst</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="55"/>
        <location filename="../../ui/session/lock_screen.py" line="56"/>
        <source>PIN code</source>
        <translation>PIN-kode</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="58"/>
        <source>Unlock</source>
        <translation>Lås opp</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="64"/>
        <source>Sign in with HelseID</source>
        <translation>Logg inn med HelseID</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="65"/>
        <source>Another user: sign in</source>
        <translation>Annen bruker: logg inn</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="106"/>
        <source>Nobody is signed in on this computer.</source>
        <translation>Ingen er logget inn på denne maskinen.</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="108"/>
        <source>Locked by %1</source>
        <translation>Låst av %1</translation>
    </message>
    <message>
        <location filename="../../ui/session/lock_screen.py" line="128"/>
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
    <name>SessionController</name>
    <message>
        <location filename="../../ui/session/controller.py" line="120"/>
        <source>%1 (locked)</source>
        <translation>%1 (låst)</translation>
    </message>
    <message>
        <location filename="../../ui/session/controller.py" line="170"/>
        <source>The PIN could not be checked. Sign in with HelseID.</source>
        <translation>PIN-koden kunne ikke kontrolleres. Logg inn med HelseID.</translation>
    </message>
    <message>
        <location filename="../../ui/session/controller.py" line="178"/>
        <source>Finish signing in in the browser window.</source>
        <translation>Fullfør innloggingen i nettleservinduet.</translation>
    </message>
    <message>
        <location filename="../../ui/session/controller.py" line="195"/>
        <source>Sign-in failed. Please try again.</source>
        <translation>Innloggingen mislyktes. Prøv igjen.</translation>
    </message>
    <message>
        <location filename="../../ui/session/controller.py" line="263"/>
        <source>Lock</source>
        <translation>Lås</translation>
    </message>
    <message>
        <location filename="../../ui/session/controller.py" line="265"/>
        <source>Lock Pleiepunkt</source>
        <translation>Lås Pleiepunkt</translation>
    </message>
    <message>
        <location filename="../../ui/session/controller.py" line="266"/>
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
        <location filename="../../ui/session/unlock_dialog.py" line="64"/>
        <source>The PIN could not be checked. Try again.</source>
        <translation>PIN-koden kunne ikke kontrolleres. Prøv igjen.</translation>
    </message>
</context>
</TS>
