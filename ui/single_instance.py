"""One Pleiepunkt per OS session: a second start brings the first window to the front.

The QtSingleApplication pattern (ux_packaging.md §B.7): a ``QLockFile`` in the temporary
directory decides who is first (Qt clears a stale lock left by a crash), and the first instance
listens on a ``QLocalServer`` whose name includes the OS user and session, restricted to the
user (``UserAccessOption``). A later start connects, sends ``activate`` and exits. Without the
guard a second process would share the person's PIN state and store with the first.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys

from PySide6.QtCore import QDir, QLockFile, QObject, QTranslator, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication

from ui.i18n import Language

_ACTIVATE = b"activate\n"
_CONNECT_MS = 500


def single_instance_name() -> str:
    """The name of this OS user's and session's instance (no personal data: a hash)."""
    session = os.environ.get("SESSIONNAME", "") or os.environ.get("XDG_SESSION_ID", "")
    display = os.environ.get("WAYLAND_DISPLAY", "") or os.environ.get("DISPLAY", "")
    seed = f"{getpass.getuser()}|{session}|{display}|{sys.platform}"
    return "pleiepunkt-" + hashlib.sha256(seed.encode()).hexdigest()[:16]


class SingleInstance(QObject):
    """``claim()`` once at start; ``activated`` fires when a later start asks to be shown."""

    activated = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._lock = QLockFile(QDir.temp().absoluteFilePath(f"{name}.lock"))
        self._lock.setStaleLockTime(0)  # only a dead owner's lock is stale
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True when this is the first instance (now listening); False when another instance
        runs (it has been asked to come to the front): this one should exit."""
        if self._ask_running_instance():
            return False
        if not self._lock.tryLock(200):
            self._ask_running_instance()
            return False
        QLocalServer.removeServer(self._name)  # a crashed first instance's socket
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._name):
            self._lock.unlock()
            return False
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def release(self) -> None:
        """Stop listening and drop the lock (at quit)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _ask_running_instance(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(_CONNECT_MS):
            return False
        socket.write(_ACTIVATE)
        socket.waitForBytesWritten(_CONNECT_MS)
        socket.disconnectFromServer()
        return True

    def _on_connection(self) -> None:
        server = self._server
        if server is None:
            return
        while server.hasPendingConnections():
            socket = server.nextPendingConnection()
            socket.setParent(self)
            # The later start writes at once and waits for it to be read: a short wait here.
            arrived = socket.bytesAvailable() > 0 or socket.waitForReadyRead(_CONNECT_MS)
            if arrived and bytes(socket.readAll().data()).startswith(_ACTIVATE.strip()):
                self.activated.emit()
            socket.close()
            socket.deleteLater()


def start_application(
    argv: list[str], *, language: str
) -> tuple[QApplication, SingleInstance, list[QTranslator]] | None:
    """The desktop application, once this is the session's only instance; None when another
    instance runs (it was asked to come to the front). Keep the translators referenced."""
    from ui.app import prepare_application  # noqa: PLC0415 - the style and translations

    app = QApplication(argv)
    app.setApplicationName("Pleiepunkt")
    instance = SingleInstance(single_instance_name(), parent=app)
    if not instance.claim():
        return None
    return app, instance, prepare_application(app, language=Language(language))
