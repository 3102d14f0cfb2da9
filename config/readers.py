"""Readers of the configuration layers: TOML files and Windows registry keys.

Each reader returns the raw entries of one layer by setting name, with where each was found,
and never raises for bad content: an unreadable file, bad TOML, an unknown key or a
world-writable machine file becomes a ``Problem`` naming the layer and source, and is skipped.
"""

from __future__ import annotations

import os
import stat
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from config.declarations import by_registry_name, setting
from config.errors import UnknownSettingError
from config.values import Layer, Problem

Entries = dict[str, tuple[object, str]]
"""Setting name -> (raw value, where it was found) for one layer."""


class RegistrySource(Protocol):
    """Reads the values of one key under HKEY_LOCAL_MACHINE (a seam so tests run anywhere)."""

    def read_values(self, key: str) -> Mapping[str, object] | None:
        """The key's values by name, or None if the key does not exist."""
        ...


class WindowsRegistry:
    """HKEY_LOCAL_MACHINE through ``winreg``, in the 64-bit view the MSI writes to."""

    def read_values(self, key: str) -> Mapping[str, object] | None:
        """The key's values by name, or None if the key does not exist."""
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg  # noqa: PLC0415  # only on Windows

        access = winreg.KEY_READ | winreg.KEY_WOW64_64KEY
        try:
            handle = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key, 0, access)
        except FileNotFoundError:
            return None
        values: dict[str, object] = {}
        with handle:
            index = 0
            while True:
                try:
                    name, data, _kind = winreg.EnumValue(handle, index)
                except OSError:
                    break
                values[name] = data
                index += 1
        return values


def _declared(name: str) -> bool:
    try:
        setting(name)
    except UnknownSettingError:
        return False
    return True


def read_toml(path: Path, layer: Layer, problems: list[Problem]) -> Entries:
    """The entries of one TOML layer file; a missing file is an empty layer."""
    try:
        with path.open("rb") as handle:
            if layer is not Layer.USER and os.name == "posix":
                mode = os.fstat(handle.fileno()).st_mode
                if mode & stat.S_IWOTH:
                    problems.append(
                        Problem(layer, str(path), None, "is writable by every user; ignored")
                    )
                    return {}
            document = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as error:
        problems.append(Problem(layer, str(path), None, f"is not valid TOML ({error})"))
        return {}
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "is not UTF-8"
        problems.append(Problem(layer, str(path), None, f"cannot be read ({reason})"))
        return {}
    entries: Entries = {}
    for key, raw in document.items():
        if not _declared(key):
            problems.append(Problem(layer, str(path), key, "unknown setting"))
            continue
        entries[key] = (raw, str(path))
    return entries


def read_registry(
    registry: RegistrySource, key: str, layer: Layer, problems: list[Problem]
) -> Entries:
    """The entries of one registry key under HKLM; a missing key is an empty layer."""
    where = f"HKLM\\{key}"
    try:
        values = registry.read_values(key)
    except OSError as error:
        problems.append(Problem(layer, where, None, f"cannot be read ({error})"))
        return {}
    entries: Entries = {}
    for name, raw in (values or {}).items():
        if not name:
            continue  # a key's unnamed default value is not a setting
        declared = by_registry_name(name)
        if declared is None:
            problems.append(Problem(layer, where, name, "unknown setting"))
            continue
        entries[declared.name] = (raw, f"{where}\\{declared.registry_name}")
    return entries
