"""Each process sizes its store memory once, before its first connection: the window's process
small, a sync's large (``offline.memory_budget``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from offline import connection
from offline.memory_budget import (
    BULK_MEMORY,
    WINDOW_MEMORY,
    MemoryBudgetSettled,
    choose_memory_budget,
    memory_budget,
)

ROOT = Path(__file__).resolve().parents[2]
_REPORT = """
import sys
from pathlib import Path
from offline import BULK_MEMORY, DataKey, Store, UserId, choose_memory_budget, store_paths
from offline.memory_paths import memory_paths
if sys.argv[1] == "bulk":
    choose_memory_budget(BULK_MEMORY)
user = UserId("budget")
with Store.open(store_paths(user, directory=Path(sys.argv[2])), DataKey.generate(), user=user,
                create=True) as store:
    size = store._conn.execute("PRAGMA cache_size").fetchone()[0]
    print(size, *memory_paths(), sep="\\n")
"""


@pytest.mark.parametrize(
    ("role", "budget"), [("window", WINDOW_MEMORY), ("bulk", BULK_MEMORY)], ids=["window", "bulk"]
)
def test_a_process_s_block_cache_and_lookaside_follow_its_budget(
    role: str, budget: object, tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _REPORT, role, str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    cache, block, lookaside = done.stdout.splitlines()
    assert isinstance(budget, type(BULK_MEMORY))
    assert int(cache) == -budget.writer_cache_kib
    assert block.startswith(f"page-cache block: {budget.page_cache_slots} slots of ")
    assert lookaside.startswith(f"lookaside pool: {budget.lookaside_slots} slots of 4096 bytes")


def test_a_different_budget_after_the_first_connection_is_refused() -> None:
    connection.prepare_process()
    settled = memory_budget()
    choose_memory_budget(settled)  # the same one again changes nothing
    other = BULK_MEMORY if settled == WINDOW_MEMORY else WINDOW_MEMORY
    with pytest.raises(MemoryBudgetSettled):
        choose_memory_budget(other)
    assert memory_budget() == settled
