"""A watchdog that explains GUI-thread stalls: who ran, who waited and where, while a tick was late.

Used by ``bench_gui_stall.py --sample``. A daemon thread wakes every 2 ms. While the GUI probe's
last tick is more than ``threshold_ms`` overdue it records the Python stacks of the GUI thread, the
sync thread and any other Python thread (the ``TaskRunner`` pool) with ``sys._current_frames()``.
For every stall it also records, from ``/proc/self/task/<tid>/schedstat`` (kernel nanoseconds, no
GIL needed), how much CPU each thread used between the last on-time tick and the first late one,
and how late the watchdog itself woke up. Together these tell the two causes apart:

- the GUI thread doing work itself: its CPU time grows by about the stall, its stack shows the
  Python slot (a model reset, a resize) or ``loop.exec`` alone (Qt's own C++ work: layout, paint);
- the GUI thread waiting for the GIL: its CPU time stays flat, the watchdog (which also needs the
  GIL to wake) is late by about as much, and the sync thread's CPU time grows by the stall. The
  sync thread's stack is sampled the moment the watchdog gets the GIL back, i.e. right after the
  long call returned, so its innermost project frame names the call site.

Stacks are kept as ``file:line function`` of project files only: no locals, so no patient data.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

ROOT = str(Path(__file__).resolve().parents[2])
PERIOD_S = 0.002
STACK_DEPTH = 6


def schedstat(tid: int) -> tuple[int, int]:
    """Nanoseconds ``tid`` (a thread of this process) has run on a CPU and has waited, runnable,
    for one (another process had it); zeros once the thread has ended."""
    try:
        with open(f"/proc/self/task/{tid}/schedstat", encoding="ascii") as stat:
            ran, queued = stat.read().split()[:2]
            return int(ran), int(queued)
    except (OSError, ValueError):
        return 0, 0


def run_ns(tid: int) -> int:
    """Nanoseconds ``tid`` has spent on a CPU; 0 once it has ended."""
    return schedstat(tid)[0]


def stack(frame: FrameType | None, *, depth: int = STACK_DEPTH) -> str:
    """The innermost ``depth`` frames, innermost first; library frames collapse to their file."""
    parts: list[str] = []
    while frame is not None and len(parts) < depth:
        path = frame.f_code.co_filename
        if path.startswith(ROOT) and "/.venv/" not in path:
            parts.append(f"{path[len(ROOT) + 1 :]}:{frame.f_lineno} {frame.f_code.co_name}")
        else:
            name = f"<{Path(path).name}> {frame.f_code.co_name}"
            if not parts or parts[-1] != name:
                parts.append(name)
        frame = frame.f_back
    return " < ".join(parts) if parts else "-"


@dataclass
class Stall:
    """One late GUI tick as the watchdog saw it (times from ``time.perf_counter``)."""

    since: float
    seen_at: float
    watchdog_late_ms: float
    cpu_ms: dict[str, float]
    baseline_cpu: dict[str, int] = field(default_factory=dict)
    samples: list[dict[str, str]] = field(default_factory=list)
    ended_at: float = 0.0
    missed: bool = False
    cpu_total_ms: dict[str, float] = field(default_factory=dict)

    @property
    def ms(self) -> float:
        return (self.ended_at - self.since) * 1000

    def describe(self) -> str:
        cpu = ", ".join(f"{name} {ms:.0f}" for name, ms in self.cpu_ms.items())
        whole = ", ".join(f"{name} {ms:.0f}" for name, ms in self.cpu_total_ms.items())
        lines = [
            ("(seen only after it ended) " if self.missed else "")
            + f"{self.ms:.0f} ms stall, seen after {(self.seen_at - self.since) * 1000:.0f} ms; "
            f"watchdog itself woke {self.watchdog_late_ms:.0f} ms late; CPU ms until seen: {cpu}; "
            f"in the whole stall: {whole}"
        ]
        first = self.samples[0] if self.samples else {}
        for name, where in first.items():
            lines.append(f"    {name:<6} {where}")
        return "\n".join(lines)


class StallSampler(threading.Thread):
    """Samples stacks and per-thread CPU while the GUI probe is overdue (see module docstring)."""

    def __init__(
        self,
        *,
        last_tick: Callable[[], float],  # 0 while the probe is stopped
        sync_thread: Callable[[], threading.Thread | None],
        tick_ms: float,
        threshold_ms: float = 20.0,
    ) -> None:
        super().__init__(name="stall-sampler", daemon=True)
        self._last_tick = last_tick
        self._sync_thread = sync_thread
        self._due_s = (tick_ms + threshold_ms) / 1000
        self._stop_event = threading.Event()
        self._gui = threading.main_thread()
        self.stalls: list[Stall] = []

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def _tids(self) -> dict[str, set[int]]:
        """Native thread ids by role: gui, sync, other Python threads (the pull's prefetch)."""
        me = threading.get_native_id()
        sync = self._sync_thread()
        roles: dict[str, set[int]] = {"gui": set(), "sync": set(), "py-other": set()}
        for thread in threading.enumerate():
            tid = thread.native_id
            if tid is None or tid == me:
                continue
            if thread is self._gui:
                roles["gui"].add(tid)
            elif thread is sync:
                roles["sync"].add(tid)
            else:
                roles["py-other"].add(tid)
        return roles

    def _cpu(self) -> dict[str, int]:
        """CPU ns by role; ``qt`` is every thread Python does not know: the TaskRunner pool, Qt."""
        roles = self._tids()
        known = {threading.get_native_id()}.union(*roles.values())
        stats = {name: [schedstat(tid) for tid in tids] for name, tids in roles.items()}
        cpu = {name: sum(ran for ran, _queued in found) for name, found in stats.items()}
        # A thread that is runnable but has no CPU waits for the machine, not for the GIL; a
        # GIL holder waiting so keeps every other thread of the process waiting with it.
        for name, found in stats.items():
            cpu[f"{name}-queued"] = sum(queued for _ran, queued in found)
        cpu["qt"] = sum(
            run_ns(int(entry)) for entry in os.listdir("/proc/self/task") if int(entry) not in known
        )
        return cpu

    def _stacks(self) -> dict[str, str]:
        frames = sys._current_frames()
        gui = self._gui.ident
        sync = self._sync_thread()
        found = {"gui": stack(frames.get(gui or -1))}
        if sync is not None and sync.ident in frames:
            found["sync"] = stack(frames[sync.ident])
        names = {t.ident: t.name for t in threading.enumerate()}
        skip = {gui, threading.get_ident(), sync.ident if sync is not None else None}
        for ident, frame in frames.items():
            where = stack(frame)
            if ident not in skip and "<threading.py> wait" not in where:
                found[names.get(ident, f"pool-{ident % 997}")[:14]] = where
        return found

    def run(self) -> None:
        current: Stall | None = None
        baseline_tick = self._last_tick()
        baseline_cpu = self._cpu()
        expected = time.perf_counter() + PERIOD_S
        while not self._stop_event.is_set():
            time.sleep(PERIOD_S)
            now = time.perf_counter()
            woke_late_ms = max(0.0, (now - expected) * 1000)
            expected = now + PERIOD_S
            tick = self._last_tick()
            if tick <= 0:
                current, baseline_tick = None, tick
                continue
            if tick != baseline_tick:
                if current is None and baseline_tick > 0 and tick - baseline_tick >= self._due_s:
                    # The whole stall passed while this thread waited for the GIL too: record
                    # it late, with the stacks as they are right after the long call returned.
                    current = self._open(baseline_tick, now, woke_late_ms, baseline_cpu)
                    current.missed = True
                    current.samples.append(self._stacks())
                if current is not None:
                    self._close(current, tick)
                    current = None
                baseline_tick = tick
                baseline_cpu = self._cpu()
                continue
            if now - tick < self._due_s:
                continue
            if current is None:
                current = self._open(tick, now, woke_late_ms, baseline_cpu)
            if len(current.samples) < 50:
                current.samples.append(self._stacks())

    def _open(self, since: float, now: float, late_ms: float, baseline: dict[str, int]) -> Stall:
        cpu = self._cpu()
        return Stall(
            since=since,
            seen_at=now,
            watchdog_late_ms=late_ms,
            cpu_ms=_delta_ms(cpu, baseline),
            baseline_cpu=baseline,
        )

    def _close(self, stall: Stall, tick: float) -> None:
        stall.ended_at = tick
        stall.cpu_total_ms = _delta_ms(self._cpu(), stall.baseline_cpu)
        self.stalls.append(stall)

    def between(self, start: float, end: float) -> list[Stall]:
        """Stalls that began in ``[start, end)``, longest first."""
        chosen = [s for s in self.stalls if start <= s.since < end]
        return sorted(chosen, key=lambda s: s.ms, reverse=True)

    @staticmethod
    def summary(stalls: list[Stall], *, top: int = 8) -> list[str]:
        """How the stalls split by cause, and the most frequent stack tops of each thread."""
        if not stalls:
            return ["  no stall over the threshold"]
        gil = [s for s in stalls if s.watchdog_late_ms >= 0.5 * (s.seen_at - s.since) * 1000]
        gui_busy = [s for s in stalls if s.cpu_ms.get("gui", 0) >= 0.5 * s.ms]
        total = sum(s.ms for s in stalls)
        lines = [
            f"  {len(stalls)} stalls over the threshold, {total:.0f} ms in all; "
            f"{len(gil)} with the watchdog blocked too (GIL held elsewhere), "
            f"{len(gui_busy)} with the GUI thread on a CPU for most of it",
            "  CPU ms during stalls, summed: "
            + ", ".join(
                f"{name} {sum(s.cpu_ms.get(name, 0) for s in stalls):.0f}"
                for name in (
                    "gui",
                    "gui-queued",
                    "sync",
                    "sync-queued",
                    "py-other",
                    "py-other-queued",
                    "qt",
                )
            ),
        ]
        for thread in ("gui", "sync"):
            tops: Counter[str] = Counter()
            for s in stalls:
                if s.samples and thread in s.samples[0]:
                    tops[s.samples[0][thread]] += 1
            lines.append(f"  {thread} thread at first sample, most frequent:")
            lines.extend(f"    {count:4d} x {where}" for where, count in tops.most_common(top))
        return lines


def _delta_ms(now: dict[str, int], then: dict[str, int]) -> dict[str, float]:
    """Per-role CPU milliseconds between two readings (threads that ended count as zero)."""
    return {k: max(0.0, (now[k] - then.get(k, 0)) / 1e6) for k in now}


@dataclass(frozen=True)
class Pause:
    """Something that held the GIL for a while: a garbage collection or one slow C call."""

    start: float
    ms: float
    what: str
    thread: str


class GcLog:
    """Every cyclic garbage collection over ``min_ms``, timed through ``gc.callbacks``.

    A collection runs with the GIL held on whichever thread allocated last, so a generation-2
    pass over a large heap stops every other thread, the GUI thread included. With ``census``
    each full collection also counts the objects it is about to visit, and the largest heap
    seen is broken down by type (slow: diagnosis only; the counting is inside the pause).
    """

    def __init__(self, *, min_ms: float = 5.0, census: bool = False) -> None:
        self._min_ms = min_ms
        self._census = census
        self._started: dict[int, tuple[float, int, int]] = {}
        self.pauses: list[Pause] = []
        self.queued_ms: list[float] = []  # per pause: how long the collecting thread had no CPU
        self.largest: tuple[int, list[tuple[str, int]]] = (0, [])

    def install(self) -> None:
        gc.callbacks.append(self._callback)

    def preempted_share(self) -> str:
        """How much of the pauses' wall time the collecting thread spent without a CPU."""
        total = sum(p.ms for p in self.pauses)
        queued = sum(self.queued_ms)
        return (
            f"{len(self.pauses)} collections >= {self._min_ms:.0f} ms took {total:.0f} ms of wall "
            f"time, {queued:.0f} ms ({queued / total:.0%}) of it with the collecting thread "
            "runnable but off the CPU (GIL held all along)"
            if total
            else "no collection over the threshold"
        )

    def remove(self) -> None:
        gc.callbacks.remove(self._callback)

    def _count(self) -> int:
        objects = gc.get_objects()
        if len(objects) > self.largest[0] * 1.2:
            kinds = Counter(type(o).__name__ for o in objects).most_common(8)
            self.largest = (len(objects), kinds)
        return len(objects)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        ident = threading.get_ident()
        if phase == "start":
            full = info["generation"] == 2 and self._census
            visited = self._count() if full else 0
            queued = schedstat(threading.get_native_id())[1]
            self._started[ident] = (time.perf_counter(), visited, queued)
            return
        now = time.perf_counter()
        began, visited, queued_before = self._started.pop(ident, (now, 0, 0))
        ms = (now - began) * 1000
        if ms >= self._min_ms:
            queued_ms = (schedstat(threading.get_native_id())[1] - queued_before) / 1e6
            # Kept apart from the label so the summary groups by generation.
            self.queued_ms.append(queued_ms)
            what = f"gc gen {info['generation']}"
            if visited:
                what += f" (~{round(visited, -4):,} objects)"
            name = threading.current_thread().name
            self.pauses.append(Pause(began, ms, what, name[:14]))


# The GC log's own callback runs inside whatever C call allocated: it does not count as Python.
_GC_CALLBACK = GcLog._callback.__code__


class SlowCalls:
    """C functions that held the GIL longer than ``min_ms`` on profiled threads, with call site.

    Installed with ``sys.setprofile`` on the calling thread and ``threading.setprofile`` for
    threads started later (the pull's prefetch); Qt's pool threads are not profiled. A C call
    that ran Python code inside it (a callback, ``next`` on a generator) or that is known to wait
    with the GIL released (locks, sockets, sleeping) is not counted: only straight C work is. The
    hook slows Python code a few times over, so durations are inflated: use it to name the calls,
    and the plain run for timings.
    """

    RELEASES_GIL = frozenset(
        {
            "acquire",
            "sleep",
            "recv",
            "recv_into",
            "send",
            "sendall",
            "poll",
            "select",
            "get",
            "wait",
            "join",
            "result",
        }
    )

    def __init__(self, *, min_ms: float = 10.0) -> None:
        self._min_ms = min_ms
        self._local = threading.local()
        self.pauses: list[Pause] = []

    def install_here(self) -> None:
        threading.setprofile(self._hook)
        sys.setprofile(self._hook)

    def remove_here(self) -> None:
        sys.setprofile(None)
        threading.setprofile(None)

    def _open(self) -> list[list[float]]:
        """This thread's C calls in progress: [start, ran Python inside (0 or 1)]."""
        open_calls: list[list[float]] | None = getattr(self._local, "open", None)
        if open_calls is None:
            open_calls = self._local.open = []
        return open_calls

    def _hook(self, frame: FrameType, event: str, arg: object) -> None:
        if event == "call":
            open_calls = self._open()
            if open_calls and frame.f_code is not _GC_CALLBACK:
                open_calls[-1][1] = 1
        elif event == "c_call":
            self._open().append([time.perf_counter(), 0])
        elif event in ("c_return", "c_exception"):
            open_calls = self._open()
            if not open_calls:
                return
            began, ran_python = open_calls.pop()
            if ran_python:
                if open_calls:
                    open_calls[-1][1] = 1
                return
            ms = (time.perf_counter() - began) * 1000
            name = getattr(arg, "__name__", "?")
            if ms >= self._min_ms and name not in self.RELEASES_GIL:
                qualified = getattr(arg, "__qualname__", name)
                self.pauses.append(
                    Pause(
                        began,
                        ms,
                        f"{qualified} from {stack(frame, depth=3)}",
                        threading.current_thread().name[:14],
                    )
                )


def pauses_summary(pauses: list[Pause], *, top: int = 10) -> list[str]:
    """Pauses grouped by what and where, by total time: count, total, longest."""
    groups: dict[tuple[str, str], list[float]] = {}
    for pause in pauses:
        groups.setdefault((pause.thread, pause.what), []).append(pause.ms)
    ordered = sorted(groups.items(), key=lambda kv: sum(kv[1]), reverse=True)
    return [
        f"    {len(ms):5d} x  total {sum(ms):7.0f} ms  max {max(ms):5.0f} ms  [{thread}] {what}"
        for (thread, what), ms in ordered[:top]
    ]


def overlapping(stall: Stall, pauses: list[Pause]) -> list[Pause]:
    """The pauses that overlap ``stall`` in time."""
    return [p for p in pauses if p.start < stall.ended_at and p.start + p.ms / 1000 > stall.since]


def cause(stall: Stall, pauses: list[Pause]) -> str:
    """The likeliest cause of one stall, from what overlapped it and who had the CPU.

    ``gc``: garbage collections (GIL held) covered half of it or more; ``gui busy``: the GUI
    thread itself ran for half of it; ``machine``: the GUI thread was runnable but waited for a
    CPU that other processes had for half of it; ``gil``: the watchdog could not run either
    (another thread held the GIL in some other long call); else ``unexplained``.
    """
    half = stall.ms / 2
    collecting = sum(p.ms for p in overlapping(stall, pauses) if p.what.startswith("gc"))
    if collecting >= half:
        return "gc"
    if stall.cpu_total_ms.get("gui", 0) >= half:
        return "gui busy"
    if stall.cpu_total_ms.get("gui-queued", 0) >= half:
        return "machine"
    if stall.watchdog_late_ms >= (stall.seen_at - stall.since) * 500:
        return "gil"
    return "unexplained"


def causes_summary(stalls: list[Stall], pauses: list[Pause]) -> list[str]:
    """Stalls by likeliest cause: how many, and the longest of each."""
    by_cause: dict[str, list[float]] = {}
    for stall in stalls:
        by_cause.setdefault(cause(stall, pauses), []).append(stall.ms)
    return [
        f"    {name:<12} {len(ms):5d} stalls, longest {max(ms):6.0f} ms, over 50 ms: "
        f"{sum(1 for m in ms if m > 50)}"
        for name, ms in sorted(by_cause.items(), key=lambda kv: max(kv[1]), reverse=True)
    ]
