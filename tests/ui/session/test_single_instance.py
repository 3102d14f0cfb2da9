"""One app per OS session (#15 finding 2): a second start only brings the first forward."""

from __future__ import annotations

import uuid

from pytestqt.qtbot import QtBot

from ui.single_instance import SingleInstance, single_instance_name


def test_a_second_start_only_activates_the_first(qtbot: QtBot) -> None:
    name = f"pleiepunkt-test-{uuid.uuid4().hex[:12]}"
    first = SingleInstance(name)
    assert first.claim()
    try:
        second = SingleInstance(name)
        with qtbot.waitSignal(first.activated, timeout=5_000):
            assert not second.claim()  # the second start exits
        third = SingleInstance(name)
        assert not third.claim()
    finally:
        first.release()
    again = SingleInstance(name)
    assert again.claim()  # after the first quits (or crashed), a new start is the first
    again.release()


def test_the_instance_name_is_per_user_and_session_and_names_nobody() -> None:
    name = single_instance_name()
    assert name.startswith("pleiepunkt-")
    assert len(name) == len("pleiepunkt-") + 16
