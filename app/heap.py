"""Keeping a long read's results out of the garbage collector's sight (stdlib ``gc`` only).

A cyclic garbage collection runs with the GIL held, on whichever thread allocated last, and a
full one walks every tracked object: in the window's process, every other thread waits for it,
the GUI thread too. A home-care district's task list keeps some 100,000 objects for as long as
it is shown and reads ten times that on the way; full collections over them during and after
the read stopped the window for 100-300 ms at a time on a busy machine (bench_task_list_stall).

``settle`` is called between the chunks of such a read: it collects the young generations
(cheap: only what was made since the last collection, so short-lived cycles are still freed)
and then freezes everything alive (``gc.freeze``), so later collections skip it. Frozen objects
are still freed by reference counting the moment nothing refers to them, as a shown list's
rows are when it is replaced; only a reference cycle among them would outlive its use, and the
rows, tasks and FHIR dictionaries read have none. ``ui.app.tune_for_gui`` freezes what start-up
made in the same way.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect the young generations, then keep everything alive out of later collections."""
    gc.collect(1)
    gc.freeze()
