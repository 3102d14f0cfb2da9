"""The user's settings file, written by the app: flat TOML, replaced atomically."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from config.errors import SettingsWriteError


def _toml_scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        # JSON string escapes are valid TOML basic-string escapes; parsers reject control
        # characters, which json.dumps escapes as \\uXXXX.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_scalar(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def to_toml(values: Mapping[str, object]) -> str:
    """Flat ``key = value`` TOML for text, whole numbers, booleans and lists of them."""
    header = "# Pleiepunkt user settings; written by the app. No secrets, no patient data.\n"
    body = "".join(f"{key} = {_toml_scalar(values[key])}\n" for key in sorted(values))
    return header + body


def write_user_file(path: Path, values: Mapping[str, object]) -> None:
    """Replace ``path`` with ``values`` as TOML (a crash leaves the old file or the new one)."""
    text = to_toml(values)
    temporary = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        raise SettingsWriteError(f"cannot write {path}: {error.strerror}") from None
