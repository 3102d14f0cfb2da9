"""The client carries codes, not sentences: every error has a stable code and no words for people.

The words live in one place (``ui.errors``, through Qt's translations); the client's messages are
English for logs only.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from client import errors as fhir_errors
from client.oidc import errors as sign_in_errors

ROOT = Path(__file__).resolve().parents[2]
ERROR_MODULES = (ROOT / "client" / "errors.py", ROOT / "client" / "oidc" / "errors.py")
CLASSES = [
    cls
    for module in (fhir_errors, sign_in_errors)
    for cls in vars(module).values()
    if isinstance(cls, type) and issubclass(cls, fhir_errors.FhirError)
]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_every_error_has_a_dotted_code(cls: type[fhir_errors.FhirError]) -> None:
    assert re.fullmatch(r"(fhir|sign_in)\.[a-z_]+", cls.code)


def test_the_codes_tell_the_kinds_a_person_acts_on_apart() -> None:
    acted_on = [
        fhir_errors.TransportError,
        fhir_errors.CertificateError,
        fhir_errors.Timeout,
        fhir_errors.Unauthorized,
        fhir_errors.Forbidden,
        fhir_errors.VersionConflict,
        fhir_errors.InvalidInput,
        sign_in_errors.SignInCancelled,
        sign_in_errors.IdentityProviderUnreachable,
        sign_in_errors.ReauthenticationRequired,
        sign_in_errors.OnlineSignInRequired,
    ]
    codes = [cls.code for cls in acted_on]
    assert len(set(codes)) == len(codes)


@pytest.mark.parametrize("path", ERROR_MODULES, ids=lambda p: p.name)
def test_no_error_carries_words_for_people(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    assert "user_message" not in names
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    strings = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]
    assert not [s for s in strings if re.search(r"[æøåÆØÅ]", s)], "a Norwegian sentence"
