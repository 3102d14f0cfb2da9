"""Custom item-data roles shared by models, proxies and views."""

from __future__ import annotations

from PySide6.QtCore import Qt

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""The presenter row object behind an index (PatientRow, MedicationItem, ...)."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""A value that sorts the column the way people expect (numbers as numbers, dates as dates)."""
