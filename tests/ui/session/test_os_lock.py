"""The OS session lock (logind's ``Lock`` signal) locks the app at once.

A private ``dbus-daemon`` stands in for the system bus: the watcher subscribes there exactly as
it does to logind, and the test sends the signal logind sends when the screen locker runs.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from pytestqt.qtbot import QtBot

from ui.session import OsSessionLockWatcher
from ui.session.os_lock import AUTO_SESSION_PATH, SESSION_INTERFACE

pytestmark = pytest.mark.skipif(shutil.which("dbus-daemon") is None, reason="needs dbus-daemon")


@pytest.fixture
def bus_address() -> Iterator[str]:
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert daemon.stdout is not None
        yield daemon.stdout.readline().strip()
    finally:
        daemon.terminate()
        daemon.wait(timeout=5)
        if daemon.stdout is not None:
            daemon.stdout.close()


def test_a_logind_lock_signal_is_reported_until_stopped(qtbot: QtBot, bus_address: str) -> None:
    watcher_bus = QDBusConnection.connectToBus(bus_address, "pleiepunkt-test-watcher")
    sender_bus = QDBusConnection.connectToBus(bus_address, "pleiepunkt-test-logind")
    try:
        # Any sender: on the real system bus the service name narrows it to logind.
        watcher = OsSessionLockWatcher(bus=watcher_bus, service="")
        assert watcher.start() is True
        # A blocking round trip: the bus has processed our match rules before anything is sent.
        assert watcher_bus.interface().isServiceRegistered("org.freedesktop.DBus").value()
        with qtbot.waitSignal(watcher.os_locked, timeout=3000):
            sender_bus.send(QDBusMessage.createSignal(AUTO_SESSION_PATH, SESSION_INTERFACE, "Lock"))
        with qtbot.waitSignal(watcher.os_unlocked, timeout=3000):
            sender_bus.send(
                QDBusMessage.createSignal(AUTO_SESSION_PATH, SESSION_INTERFACE, "Unlock")
            )
        watcher.stop()
        assert watcher_bus.interface().isServiceRegistered("org.freedesktop.DBus").value()
        with qtbot.assertNotEmitted(watcher.os_locked, wait=300):
            sender_bus.send(QDBusMessage.createSignal(AUTO_SESSION_PATH, SESSION_INTERFACE, "Lock"))
    finally:
        QDBusConnection.disconnectFromBus("pleiepunkt-test-watcher")
        QDBusConnection.disconnectFromBus("pleiepunkt-test-logind")


def test_without_a_bus_it_says_it_cannot_follow_the_os_lock(qtbot: QtBot) -> None:
    unconnected = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "pleiepunkt-none")
    try:
        assert OsSessionLockWatcher(bus=unconnected).start() is False
    finally:
        QDBusConnection.disconnectFromBus("pleiepunkt-none")
