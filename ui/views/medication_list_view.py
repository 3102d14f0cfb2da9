"""Pasientens legemiddelliste: grouped, changes since the last look marked, stopped on request."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from ui import labels
from ui.models.cell_table import set_titles
from ui.models.grouped_model import Cell, Group, GroupedModel, Row
from ui.presenters.formatting import format_date
from ui.presenters.medication_list import Change, MedicationItem, MedicationListView
from ui.theme import CHANGED_BACKGROUND, MUTED_TEXT
from ui.views.allergy_mark import (
    allergy_alert,
    allergy_background,
    allergy_foreground,
    with_mark,
)
from ui.widgets.grouped_tree import GroupedTree
from ui.widgets.plain import plain_label

DRUG_COLUMN = 1
DOSE_COLUMN = 2


class MedicationListWidget(QWidget):
    """Renders a ``MedicationListView``; the selected item is described in full below."""

    show_stopped_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("medicationList")
        self.setAccessibleName(self.tr("Medication list"))
        self._view: MedicationListView | None = None
        self._notice = plain_label(object_name="changeNotice")
        self._show_stopped = QCheckBox(self.tr("Show &stopped medicines"))
        self._show_stopped.setAccessibleName(self.tr("Show stopped medicines"))
        self._show_stopped.toggled.connect(self._refresh)
        self.model = GroupedModel(self._headers(), self)
        # A short heading that is never cut; its tooltip names the four times of day, and each
        # schedule cell says them aloud.
        tooltips: list[str | None] = list(self._headers())
        tooltips[DOSE_COLUMN] = self.tr("Dose: morning – midday – evening – night")
        set_titles(self.model, self._headers(), tooltips)
        # The change mark, the drug with its strength and the dates never elide; nor does a dose:
        # a schedule has a floor set per list, and a free-text dosage ("…, maks 8 per døgn")
        # wraps onto more lines when its column is narrow.
        self.tree = GroupedTree(self.model, stretch_column=DRUG_COLUMN, keep_columns=(0, 4, 5))
        self.tree.wrap_column(DOSE_COLUMN)
        self.tree.setObjectName("medicationTree")
        self.tree.setAccessibleName(self.tr("Medicines"))
        self.tree.selectionModel().currentRowChanged.connect(self._describe)
        self._detail = plain_label(object_name="itemDetail")
        self._detail.setAccessibleName(self.tr("Selected medicine"))
        top = QHBoxLayout()
        top.addWidget(self._notice, 1)
        top.addWidget(self._show_stopped)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self._detail)

    @property
    def show_stopped_box(self) -> QCheckBox:
        """Toggles the stopped group."""
        return self._show_stopped

    def notice_text(self) -> str:
        """The change notice above the list."""
        return self._notice.text()

    def _headers(self) -> list[str]:
        return [
            self.tr("Change"),
            self.tr("Medicine"),
            self.tr("Dose"),
            self.tr("Indication"),
            self.tr("Start"),
            self.tr("End"),
            self.tr("Prescriber"),
            self.tr("Multidose"),
        ]

    def show_list(self, view: MedicationListView, *, last_seen_text: str = "") -> None:
        """Show the list; ``last_seen_text`` says when the user last looked."""
        self._view = view
        if view.first_look:
            self._notice.setText(
                self.tr("ℹ First time you open this list: changes are marked from your next visit.")
            )
            self._notice.setProperty("level", "info")
        elif view.changed_count:
            self._notice.setText(
                self.tr("● %n change(s) since you last looked", "", view.changed_count)
                + (f" ({last_seen_text})" if last_seen_text else "")
            )
            self._notice.setProperty("level", "changed")
        else:
            self._notice.setText(
                self.tr("No changes since you last looked")
                + (f" ({last_seen_text})" if last_seen_text else "")
            )
            self._notice.setProperty("level", "info")
        self._notice.style().unpolish(self._notice)
        self._notice.style().polish(self._notice)
        self._refresh()

    def _refresh(self) -> None:
        view = self._view
        if view is None:
            return
        groups = [
            Group(labels.use_group(group), [self._row(i) for i in items])
            for group, items in view.in_use.items()
        ]
        if self._show_stopped.isChecked():
            groups.append(Group(self.tr("Stopped and ended"), [self._row(i) for i in view.stopped]))
        schedules = [
            self._dose(row.payload).text
            for group in groups
            for row in group.rows
            if isinstance(row.payload, MedicationItem) and row.payload.schedule is not None
        ]
        # The heading is never cut either: the column is at least as wide as its title.
        heading = self.model.headerData(DOSE_COLUMN, Qt.Orientation.Horizontal)
        title = self.tree.header().fontMetrics().horizontalAdvance(str(heading)) + 32
        self.tree.set_column_floor(DOSE_COLUMN, max(self.tree.text_width(schedules), title))
        self.model.set_groups(groups)
        self._detail.setText(self.tr("Select a medicine to see everything about it."))
        if self.model.rowCount() and self.model.rowCount(self.model.index(0, 0)):
            first = self.model.index(0, 0, self.model.index(0, 0))
            self.tree.setCurrentIndex(first)

    def _dose(self, item: MedicationItem) -> Cell:
        if item.schedule is not None:
            schedule = item.schedule
            spoken = self.tr("morning %1, midday %2, evening %3, night %4")
            for number, value in enumerate(
                (schedule.morning, schedule.midday, schedule.evening, schedule.night), start=1
            ):
                spoken = spoken.replace(f"%{number}", value or "0")
            unit = f" {schedule.unit}" if schedule.unit else ""
            return Cell(f"{schedule.compact()}{unit}", accessible=spoken + unit)
        return Cell(item.dose_text, tooltip=item.dose_text)

    def _name(self, item: MedicationItem) -> str:
        if item.form and item.form.casefold() not in item.name.casefold():
            return f"{item.name}, {item.form}"
        return item.name

    def _row(self, item: MedicationItem) -> Row:
        change = labels.change(item.change)
        alert = allergy_alert(item.allergy)
        named = with_mark(self._name(item), item.allergy)
        cells = [
            Cell(change, accessible=change or self.tr("unchanged")),
            Cell(named, tooltip=alert, accessible=f"{named}. {alert}" if alert else named),
            self._dose(item),
            Cell(item.indication),
            Cell(format_date(item.start), sort=item.start),
            Cell(format_date(item.end), sort=item.end),
            Cell(item.prescriber),
            Cell(
                self.tr("Yes") if item.multidose else self.tr("No"),
                accessible=self.tr("multidose") if item.multidose else self.tr("not multidose"),
            ),
        ]
        return Row(
            cells=cells,
            payload=item,
            background=allergy_background(item.allergy)
            or (CHANGED_BACKGROUND if item.change is not Change.NONE else ""),
            foreground=(MUTED_TEXT if item.stopped else "") or allergy_foreground(item.allergy),
        )

    def _describe(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.row_payload(current)
        if not isinstance(item, MedicationItem):
            self._detail.setText(self.tr("Select a medicine to see everything about it."))
            return
        lines = [with_mark(self._name(item), item.allergy)]
        if item.allergy.matched:
            lines.append(allergy_alert(item.allergy))
        dose = self._dose(item)
        lines.append(self.tr("Dose: %1").replace("%1", dose.accessible or dose.text or "–"))
        if item.schedule is not None and item.dose_text:
            lines.append(item.dose_text)
        if item.indication:
            lines.append(self.tr("Indication: %1").replace("%1", item.indication))
        period = " – ".join(p for p in (format_date(item.start), format_date(item.end)) if p)
        if period:
            lines.append(self.tr("Period: %1").replace("%1", period))
        if item.prescriber:
            lines.append(self.tr("Prescriber: %1").replace("%1", item.prescriber))
        if item.stopped:
            stopped = " · ".join(
                p for p in (format_date(item.stopped_on), item.stopped_by, item.stopped_reason) if p
            )
            lines.append(self.tr("Stopped: %1").replace("%1", stopped or "–"))
        if item.change is not Change.NONE:
            lines.append(labels.change(item.change))
        # One wrapped paragraph, not a line per fact: at 200 % the list needs the height.
        self._detail.setText("  ·  ".join(lines))
