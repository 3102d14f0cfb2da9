"""The row of buttons that ends every dialog: one action and Cancel, in the platform's order.

The action button gets its own words (``&Save``, ``&Confirm``, ``&Use this pack``) and Cancel
the dialog's word for it (both translated in the dialog's own context, so each translation
catalogue stays whole). The action runs ``on_accept`` and Escape or Cancel runs ``on_reject``:
a dialog that validates before closing passes its own ``save``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QPushButton

StandardButton = QDialogButtonBox.StandardButton


class ButtonRow(QDialogButtonBox):
    """An action button (``action``) and Cancel."""

    def __init__(
        self,
        *,
        action_text: str,
        cancel_text: str,
        on_accept: Callable[[], None],
        on_reject: Callable[[], None],
        kind: StandardButton = StandardButton.Ok,
    ) -> None:
        super().__init__(kind | StandardButton.Cancel)
        self.action: QPushButton = self.button(kind)
        self.action.setText(action_text)
        self.cancel: QPushButton = self.button(StandardButton.Cancel)
        self.cancel.setText(cancel_text)
        self.accepted.connect(on_accept)
        self.rejected.connect(on_reject)
