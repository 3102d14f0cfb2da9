"""One home for each concern: the layout the architecture describes holds in the code.

The import rules themselves are import-linter contracts (``pyproject.toml``, run by the test
command); these checks cover what an import graph cannot see.
"""

from __future__ import annotations

import ast
from collections import Counter
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "config", "client", "offline", "sync", "clinical", "ui")


@cache
def _modules() -> dict[Path, ast.Module]:
    paths = [ROOT / "main.py", *(p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py")))]
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in paths}


def _functions(tree: ast.Module) -> list[str]:
    return [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]


def test_main_is_only_the_command_line() -> None:
    lines = (ROOT / "main.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 250
    tree = ast.parse("\n".join(lines))
    assert not [node.name for node in tree.body if isinstance(node, ast.ClassDef)]


def test_the_fhir_read_helpers_exist_once() -> None:
    defined = Counter(name for tree in _modules().values() for name in _functions(tree))
    for helper in ("concept_text", "reference_id", "reference_target", "codings"):
        assert defined[helper] == 1, helper


def test_the_open_store_is_handed_out_typed_never_forwarded() -> None:
    for path, tree in _modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                methods = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
                assert "__getattr__" not in methods, f"{path}: {node.name} forwards attributes"
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "cast":
                first = node.args[0] if node.args else None
                assert not (isinstance(first, ast.Constant) and first.value == "Store"), path


def test_views_never_build_clinical_records() -> None:
    builders = {
        "medication_administration",
        "effect_followup_task",
        "effect_observation",
        "completed_followup",
        "vital_signs_resources",
        "vital_sign_observations",
        "record_access_event",
        "renewal_task",
        "classify_dose",
    }
    for path, tree in _modules().items():
        if not path.is_relative_to(ROOT / "ui"):
            continue
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
        assert not imported & builders, f"{path} builds {imported & builders}"


def test_errors_become_words_in_one_place() -> None:
    for path, tree in _modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                assert node.attr != "user_message", path
            if isinstance(node, ast.Constant) and node.value == "user_message":
                raise AssertionError(f"{path} reads words off an exception")
    for retired in ("ui/bedside/errors.py", "ui/record_source.py", "ui/bedside/source.py"):
        assert not (ROOT / retired).exists(), retired


def test_the_audit_event_is_built_once_never_edited_afterwards() -> None:
    for path, tree in _modules().items():
        names = _functions(tree)
        assert "_without_organisation" not in names, path
        assert "_parse_purpose" not in names, path


def test_configuration_lives_in_its_own_package() -> None:
    assert not (ROOT / "offline" / "settings.py").exists()
    assert (ROOT / "config" / "__init__.py").exists()
