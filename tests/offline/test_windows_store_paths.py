"""The Windows store paths that can be checked on any machine: the ACL the store folder gets and
how its access list is read back, and which memory path ``doctor`` reports here.

Their Win32 calls run under Wine in tests/packaging/test_wine_app.py.
"""

from __future__ import annotations

from offline.memory_paths import memory_paths
from offline.page_cache_memory import page_cache_state
from offline.windows_acl import private_sddl, trustees_besides

USER = "S-1-5-21-1004336348-1177238915-682003330-1001"


def test_the_store_folder_acl_lets_in_the_user_and_system_only_and_is_inherited() -> None:
    assert private_sddl(USER, inheritable=True) == f"D:P(A;OICI;FA;;;{USER})(A;OICI;FA;;;SY)"
    assert private_sddl(USER, inheritable=False) == f"D:P(A;;FA;;;{USER})(A;;FA;;;SY)"


def test_a_private_acl_reads_back_as_private_in_any_order() -> None:
    assert trustees_besides(private_sddl(USER, inheritable=True), USER) == []
    assert trustees_besides(f"D:PAI(A;ID;FA;;;SY)(A;ID;FA;;;{USER})", USER) == []
    assert trustees_besides(f"D:(A;;FA;;;{USER})(A;;FA;;;S-1-5-18)", USER) == []


def test_everyone_else_the_acl_lets_in_is_named() -> None:
    local_app_data = f"D:(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;FA;;;{USER})"
    assert trustees_besides(local_app_data, USER) == ["BA"]  # Administrators, by inheritance
    assert trustees_besides(f"D:(A;;FA;;;{USER})(A;;0x1200a9;;;WD)", USER) == ["WD"]
    assert trustees_besides("D:NO_ACCESS_CONTROL", USER) == ["Everyone (no access list)"]
    assert trustees_besides("O:SYG:SY", USER) == ["Everyone (no access list)"]


def test_deny_and_inherit_only_entries_let_no_one_in() -> None:
    sddl = f"D:P(D;;FA;;;WD)(A;OICIIO;FA;;;CO)(A;;FA;;;{USER})(A;;FA;;;SY)"
    assert trustees_besides(sddl, USER) == []


def test_doctor_names_the_memory_paths_this_machine_takes() -> None:
    page_cache, lookaside = memory_paths()
    state = page_cache_state()
    assert state is not None  # reserved before the process's first connection
    assert state.reserved
    # The test process keeps the window's budget (offline.memory_budget); a sync's is larger.
    assert page_cache.startswith("page-cache block: 2048 slots of ")
    assert ("locked in memory (mlock)" in page_cache) is state.locked
    assert lookaside == "lookaside pool: 256 slots of 4096 bytes (1024 KiB) per connection"
