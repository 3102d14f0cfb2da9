"""The printable plain view of an ISBAR report, for the handover meeting (Qt's printing).

The document is built with ``QTextCursor.insertText``: every word the nurses wrote goes in as
plain text with a character format, never through HTML, so nothing typed is read as markup.
One block per patient: name and room as a heading, then the five parts in order. It prints to
any ``QPagedPaintDevice``: a ``QPrinter`` chosen in the print dialog, or a ``QPdfWriter``. No
file is written unless the nurse chooses one: a report on disk would be patient data in
plaintext (the tests print to a temporary PDF of synthetic patients).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from clinical.records.handover import IsbarPart
from ui.shift.wording import part_text


@dataclass(frozen=True)
class PrintedPatient:
    """One patient's part of the report: who, and the text of each part."""

    name: str
    room: str
    parts: Mapping[IsbarPart, str]
    signed: str = ""


def report_document(title: str, subtitle: str, patients: Sequence[PrintedPatient]) -> QTextDocument:
    """The report as a plain, printable document."""
    document = QTextDocument()
    base = QFont()
    base.setPointSize(10)
    document.setDefaultFont(base)
    cursor = QTextCursor(document)
    heading = QTextCharFormat()
    heading.setFontPointSize(14)
    heading.setFontWeight(QFont.Weight.Bold)
    patient_format = QTextCharFormat()
    patient_format.setFontPointSize(12)
    patient_format.setFontWeight(QFont.Weight.Bold)
    part_format = QTextCharFormat()
    part_format.setFontWeight(QFont.Weight.Bold)
    plain = QTextCharFormat()
    spaced = QTextBlockFormat()
    spaced.setTopMargin(10)
    cursor.insertText(title, heading)
    cursor.insertBlock()
    cursor.insertText(subtitle, plain)
    for number, patient in enumerate(patients):
        block = QTextBlockFormat(spaced)
        if number:
            block.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_Auto)
        cursor.insertBlock(block)
        cursor.insertText(
            patient.name + (f" – {patient.room}" if patient.room else ""), patient_format
        )
        if patient.signed:
            cursor.insertBlock()
            cursor.insertText(patient.signed, plain)
        for part in IsbarPart:
            words = patient.parts.get(part, "").strip()
            cursor.insertBlock()
            cursor.insertText(part_text(part), part_format)
            cursor.insertBlock()
            cursor.insertText(
                words or QCoreApplication.translate("HandoverPrint", "(nothing written)"), plain
            )
    return document


def print_to(document: QTextDocument, device: QPagedPaintDevice) -> None:
    """Print ``document`` on A4 with 15 mm margins."""
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    document.print_(device)


def print_with_dialog(document: QTextDocument, parent: QWidget | None) -> bool:
    """Ask for a printer (Qt's print dialog) and print; False when the nurse cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("HandoverPrint", "Print the report"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_to(document, printer)
    return True
