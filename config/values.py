"""Plain values of the configuration layer: the layers, a bad entry, an effective value."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Layer(StrEnum):
    """Where an effective value came from, highest precedence first."""

    POLICY = "policy"
    MACHINE = "machine"
    USER = "user"
    DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class Problem:
    """A bad entry in one layer; safe to log (names files and keys, never values)."""

    layer: Layer
    source: str
    setting: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}: {self.setting}" if self.setting else self.source
        return f"{self.layer.value} layer, {where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class EffectiveValue:
    """A setting's value in force and the layer and file or registry key it came from."""

    name: str
    value: object
    layer: Layer
    source: str
