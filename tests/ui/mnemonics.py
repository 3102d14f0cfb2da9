"""Alt+letter mnemonics that are active at once in one window, and the ones that clash.

A mnemonic is the letter after a single ``&`` in a button's, a buddied label's, a group box's or
a tab's text. Qt registers each with the window, and only visible widgets answer: so two visible
widgets of one window with the same letter make Alt+letter ambiguous (Qt then cycles focus
between them, and digits typed next land in the wrong field).
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QTabBar, QWidget


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` (``&&`` is a literal ampersand), case-folded."""
    index = 0
    while index < len(text) - 1:
        if text[index] == "&":
            if text[index + 1] == "&":
                index += 2
                continue
            return text[index + 1].casefold()
        index += 1
    return None


def active_mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Letter -> the texts that claim it among the window's visible widgets."""
    QApplication.processEvents()
    found: dict[str, list[str]] = defaultdict(list)
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible() or widget.window() is not window:
            continue
        texts: list[str] = []
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts.extend(
                widget.tabText(i)
                for i in range(widget.count())
                if widget.isTabVisible(i) and widget.isTabEnabled(i)
            )
        for text in texts:
            letter = mnemonic(text)
            if letter is not None:
                found[letter].append(text)
    return dict(found)


def clashes(window: QWidget) -> dict[str, list[str]]:
    """The letters claimed by more than one visible widget of ``window``."""
    return {k: v for k, v in active_mnemonics(window).items() if len(v) > 1}
