"""The conflict dialog: both versions side by side in plain words, raw FHIR only on request."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QRadioButton, QToolButton

from app.values import Resolution
from tests.ui.compiled_translation import installed
from tests.ui.conflict_data import CONFLICT
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.presenters.conflict import compare, conflict_heading
from ui.tasks import TaskRunner

_JSON_SIGNS = ("{", "}", '"', "coding", "resourceType", "valueQuantity", "effectiveDateTime")


class Resolver:
    """Records each settlement."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Resolution, Mapping[str, Any] | None]] = []

    def open_conflicts(self) -> list[object]:
        return []

    def resolve(
        self, conflict_id: str, *, resolution: Resolution, merged: Mapping[str, Any] | None = None
    ) -> None:
        self.calls.append((conflict_id, resolution, merged))


@pytest.fixture
def bokmal(qapp: QApplication, tmp_path: Path, english: None) -> Iterator[None]:
    with installed(qapp, "pleiepunkt_nb", tmp_path):
        yield


def _visible_texts(dialog: ConflictDialog) -> list[str]:
    widgets = [*dialog.findChildren(QLabel), *dialog.findChildren(QRadioButton)]
    return [w.text() for w in widgets if w.isVisibleTo(dialog) and w.text()]


def test_fields_are_compared_in_words(english: None) -> None:
    rows = {
        row.label: row for row in compare(CONFLICT.resource_type, CONFLICT.local, CONFLICT.server)
    }

    assert list(rows) == [
        "Medicine",
        "Time",
        "Status",
        "Reason for status",
        "Dose",
        "Performed by",
        "Note",
    ]
    assert (rows["Time"].local, rows["Time"].differs) == ("12.03.2025 08:00", False)
    assert (rows["Status"].local, rows["Status"].server) == ("Given", "Not given")
    assert rows["Reason for status"].server == "Pasienten sov"
    assert rows["Dose"].local == "1 tablett, Oral bruk"
    assert (rows["Performed by"].local, rows["Performed by"].server) == (
        "Kari Nordmann",
        "Ola Hansen",
    )
    assert rows["Note"].server == "(not filled in)"
    for row in rows.values():
        for value in (row.local, row.server):
            assert not any(sign in value for sign in _JSON_SIGNS), value
    heading = conflict_heading(CONFLICT.resource_type, CONFLICT.local, CONFLICT.server)
    assert heading == "Medicine given or not given: Eliquis 2,5 mg, 12.03.2025 08:00"


def test_dialog_shows_no_json_until_technical_details_are_opened(
    qtbot, runner: TaskRunner, english: None
) -> None:
    dialog = ConflictDialog([CONFLICT], resolver=Resolver(), runner=runner)
    qtbot.addWidget(dialog)
    dialog.show()

    texts = _visible_texts(dialog)
    assert not [t for t in texts if any(sign in t for sign in _JSON_SIGNS)]
    differing = [row for row in dialog.fields() if row.differs]
    assert texts.count("≠ Differs") == len(differing) == 5
    assert texts.count("= Same") == 2
    assert not dialog.technical_details.isVisible()

    toggle = next(b for b in dialog.findChildren(QToolButton) if b.text() == "Technical details")
    toggle.click()
    assert dialog.technical_details.isVisible()
    assert '"resourceType": "MedicationAdministration"' in dialog.technical_details.toPlainText()


def test_merge_takes_the_chosen_fields(qtbot, runner: TaskRunner, english: None) -> None:
    resolver = Resolver()
    dialog = ConflictDialog([CONFLICT], resolver=resolver, runner=runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose_local("status")
    dialog.choose_local("dosage")
    merge = next(b for b in dialog.findChildren(QPushButton) if b.text().startswith("Mer&ge"))
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        merge.click()

    ((conflict_id, resolution, merged),) = resolver.calls
    assert (conflict_id, resolution) == ("c1", Resolution.MERGE)
    assert merged is not None
    assert merged["status"] == "completed"
    assert merged["dosage"] == CONFLICT.local["dosage"]  # type: ignore[index]
    assert merged["statusReason"] == CONFLICT.server["statusReason"]  # type: ignore[index]
    assert merged["performer"] == CONFLICT.server["performer"]  # type: ignore[index]


def test_keep_mine_and_a_deletion_on_the_server(qtbot, runner: TaskRunner, english: None) -> None:
    resolver = Resolver()
    deleted = replace(CONFLICT, id="c2", server=None)
    dialog = ConflictDialog([deleted], resolver=resolver, runner=runner)
    qtbot.addWidget(dialog)
    dialog.show()
    buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
    assert not buttons["Mer&ge: use the chosen value per field"].isEnabled()
    assert any("deleted on the server" in t for t in _visible_texts(dialog))
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        buttons["Keep &my version (this computer)"].click()
    assert resolver.calls == [("c2", Resolution.KEEP_LOCAL, None)]


def test_bokmal_labels_and_values(qtbot, runner: TaskRunner, bokmal: None) -> None:
    dialog = ConflictDialog([CONFLICT], resolver=Resolver(), runner=runner)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [row.label for row in dialog.fields()]
    assert labels == [
        "Legemiddel",
        "Tidspunkt",
        "Status",
        "Årsak",
        "Dose",
        "Utført av",
        "Merknad",
    ]
    status = next(row for row in dialog.fields() if row.path == "status")
    assert (status.local, status.server) == ("Gitt", "Ikke gitt")
    texts = _visible_texts(dialog)
    assert "≠ Ulik" in texts
    assert "Legemiddel gitt eller ikke gitt: Eliquis 2,5 mg, 12.03.2025 08:00" in texts
    buttons = {b.text() for b in dialog.findChildren(QPushButton)}
    assert {"Behold &min versjon (denne maskinen)", "Behold &serverens versjon"} <= buttons
