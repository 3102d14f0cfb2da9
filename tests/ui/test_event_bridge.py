"""The event bridge: core events reach the GUI thread in order, state events paced."""

from __future__ import annotations

import threading
from typing import Any

from ui.event_bridge import EventBridge

Received = list[tuple[str, dict[str, Any], bool]]


def _listen(bridge: EventBridge) -> Received:
    """Every delivery as (name, payload, delivered on the GUI thread)."""
    received: Received = []
    gui = threading.main_thread()
    bridge.event_received.connect(
        lambda name, payload: received.append((name, payload, threading.current_thread() is gui))
    )
    return received


def _from_worker(*calls: tuple[str, dict[str, Any]], bridge: EventBridge) -> None:
    def emit() -> None:
        for name, payload in calls:
            bridge(name, **payload)

    worker = threading.Thread(target=emit)
    worker.start()
    worker.join(timeout=5)


def test_events_from_a_worker_arrive_on_the_gui_thread_in_order(qtbot) -> None:
    bridge = EventBridge(min_interval_ms=50)
    received = _listen(bridge)
    _from_worker(
        ("sync_did_start", {"trigger": "manual"}),
        ("conflict_was_detected", {"resource_type": "Observation", "merged": True}),
        ("sync_did_finish", {"summary": "done"}),
        bridge=bridge,
    )
    qtbot.waitUntil(lambda: len(received) == 3, timeout=2_000)
    assert [(name, on_gui) for name, _payload, on_gui in received] == [
        ("sync_did_start", True),
        ("conflict_was_detected", True),
        ("sync_did_finish", True),
    ]
    assert received[1][1] == {"resource_type": "Observation", "merged": True}


def test_a_burst_of_progress_is_delivered_a_few_times_ending_with_the_newest(qtbot) -> None:
    bridge = EventBridge(min_interval_ms=100)
    received = _listen(bridge)
    burst = [
        ("sync_progressed", {"phase": "pull", "done": n, "total": 5_000}) for n in range(5_000)
    ]
    _from_worker(*burst, bridge=bridge)
    qtbot.waitUntil(lambda: bool(received) and received[-1][1]["done"] == 4_999, timeout=2_000)
    qtbot.wait(250)
    assert 1 <= len(received) <= 3
    assert all(on_gui for _name, _payload, on_gui in received)


def test_pending_state_goes_before_the_event_that_follows_it(qtbot) -> None:
    bridge = EventBridge(min_interval_ms=10_000)
    received = _listen(bridge)
    _from_worker(
        ("sync_status_changed", {"status": "syncing"}),
        ("sync_progressed", {"phase": "pull", "done": 1, "total": 2}),
        ("sync_status_changed", {"status": "online"}),
        ("sync_did_finish", {"summary": "done"}),
        bridge=bridge,
    )
    qtbot.waitUntil(lambda: bool(received) and received[-1][0] == "sync_did_finish", timeout=2_000)
    names = [(name, payload) for name, payload, _on_gui in received]
    assert names[-3:] == [
        ("sync_progressed", {"phase": "pull", "done": 1, "total": 2}),
        ("sync_status_changed", {"status": "online"}),
        ("sync_did_finish", {"summary": "done"}),
    ]


def test_the_newest_state_arrives_after_the_interval_without_further_events(qtbot) -> None:
    bridge = EventBridge(min_interval_ms=100)
    received = _listen(bridge)
    bridge("sync_status_changed", status="first")
    assert [payload for _name, payload, _on_gui in received] == [{"status": "first"}]
    bridge("sync_status_changed", status="second")
    bridge("sync_status_changed", status="third")
    assert len(received) == 1
    qtbot.waitUntil(lambda: len(received) == 2, timeout=2_000)
    assert received[1][1] == {"status": "third"}
    qtbot.wait(150)
    assert len(received) == 2
