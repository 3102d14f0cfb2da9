<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!--
  Qt's own texts in Norwegian Bokmål: standard dialog buttons, message boxes and the edit
  context menu. Qt ships qtbase translations for Nynorsk (qtbase_nn) but none for Bokmål, so
  these are ours; ui/i18n.py loads Qt's own qtbase_nb first should a Qt release ship one.
  Contexts and source texts are Qt's (qplatformtheme.cpp, qmessagebox.cpp, qlineedit.cpp,
  qwidgettextcontrol.cpp, qabstractspinbox.cpp); words follow Microsoft's and GNOME's Bokmål.
-->
<TS version="2.1" language="nb_NO">
<context>
    <name>QPlatformTheme</name>
    <message><source>OK</source><translation>OK</translation></message>
    <message><source>Save</source><translation>Lagre</translation></message>
    <message><source>Save All</source><translation>Lagre alle</translation></message>
    <message><source>Open</source><translation>Åpne</translation></message>
    <message><source>&amp;Yes</source><translation>&amp;Ja</translation></message>
    <message><source>Yes to &amp;All</source><translation>Ja til &amp;alle</translation></message>
    <message><source>&amp;No</source><translation>&amp;Nei</translation></message>
    <message><source>N&amp;o to All</source><translation>N&amp;ei til alle</translation></message>
    <message><source>Abort</source><translation>Avbryt</translation></message>
    <message><source>Retry</source><translation>Prøv igjen</translation></message>
    <message><source>Ignore</source><translation>Ignorer</translation></message>
    <message><source>Close</source><translation>Lukk</translation></message>
    <message><source>Cancel</source><translation>Avbryt</translation></message>
    <message><source>Discard</source><translation>Forkast</translation></message>
    <message><source>Help</source><translation>Hjelp</translation></message>
    <message><source>Apply</source><translation>Bruk</translation></message>
    <message><source>Reset</source><translation>Tilbakestill</translation></message>
    <message><source>Restore Defaults</source><translation>Gjenopprett standardverdier</translation></message>
</context>
<context>
    <name>QMessageBox</name>
    <message><source>Show Details...</source><translation>Vis detaljer …</translation></message>
    <message><source>Hide Details...</source><translation>Skjul detaljer …</translation></message>
    <message><source>OK</source><translation>OK</translation></message>
</context>
<context>
    <name>QLineEdit</name>
    <message><source>&amp;Undo</source><translation>&amp;Angre</translation></message>
    <message><source>&amp;Redo</source><translation>&amp;Gjør om</translation></message>
    <message><source>Cu&amp;t</source><translation>Klipp &amp;ut</translation></message>
    <message><source>&amp;Copy</source><translation>&amp;Kopier</translation></message>
    <message><source>&amp;Paste</source><translation>&amp;Lim inn</translation></message>
    <message><source>Delete</source><translation>Slett</translation></message>
    <message><source>Select All</source><translation>Merk alt</translation></message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message><source>&amp;Undo</source><translation>&amp;Angre</translation></message>
    <message><source>&amp;Redo</source><translation>&amp;Gjør om</translation></message>
    <message><source>Cu&amp;t</source><translation>Klipp &amp;ut</translation></message>
    <message><source>&amp;Copy</source><translation>&amp;Kopier</translation></message>
    <message><source>Copy &amp;Link Location</source><translation>Kopier &amp;lenkeadresse</translation></message>
    <message><source>&amp;Paste</source><translation>&amp;Lim inn</translation></message>
    <message><source>Delete</source><translation>Slett</translation></message>
    <message><source>Select All</source><translation>Merk alt</translation></message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message><source>&amp;Select All</source><translation>&amp;Merk alt</translation></message>
    <message><source>&amp;Step up</source><translation>Trinn &amp;opp</translation></message>
    <message><source>Step &amp;down</source><translation>Trinn &amp;ned</translation></message>
</context>
</TS>
