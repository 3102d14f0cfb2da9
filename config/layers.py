"""``Settings``: the effective value of every setting, resolved over the layers.

Policy > machine configuration > user settings > built-in defaults. A value set by policy is
*managed*: the app shows it as managed by the organisation and :meth:`Settings.set_user`
refuses to change it. A value in the machine configuration also outranks the user's (IT's
pre-configuration is binding without being a policy), so :meth:`Settings.set_user` refuses it
too, naming the layer; :meth:`Settings.is_user_settable` tells the settings dialog which
fields to offer. Bad entries (wrong type, out of range, unknown key, unreadable file) never
raise while loading: they are collected in :attr:`Settings.problems`, each naming its layer,
file or registry key and setting, and the entry is skipped. The app calls
:meth:`Settings.raise_for_problems` before it starts, so it never runs half-configured;
``pleiepunkt doctor`` lists them instead.

Unknown keys are refused, so a secret or an identifier put into a settings file by mistake is
reported rather than silently carried. URLs may not carry user names or passwords.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from config.declarations import SETTINGS, Setting, setting
from config.errors import InvalidSettingsError, InvalidValueError, ManagedSettingError
from config.locations import MACHINE_REGISTRY_KEY, POLICY_REGISTRY_KEY, SettingsPaths
from config.readers import Entries, read_registry, read_toml
from config.values import EffectiveValue, Layer, Problem
from config.writer import write_user_file

T = TypeVar("T")

_ABOVE_USER = frozenset({Layer.POLICY, Layer.MACHINE})


class Settings:
    """The effective settings of one machine and user, and the user's own layer to change."""

    def __init__(self, paths: SettingsPaths) -> None:
        self._paths = paths
        self._values: dict[str, EffectiveValue] = {}
        self._managed: set[str] = set()
        self._user_raw: dict[str, object] = {}
        self._problems: list[Problem] = []
        self.reload()

    @classmethod
    def load(cls, paths: SettingsPaths | None = None) -> Settings:
        """Read every layer for this OS (or ``paths``); bad entries land in ``problems``."""
        return cls(paths or SettingsPaths.for_platform())

    @property
    def paths(self) -> SettingsPaths:
        return self._paths

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Bad entries found while loading, in layer order; empty when all is well."""
        return tuple(self._problems)

    def raise_for_problems(self) -> None:
        """Raise InvalidSettingsError listing every problem, if there is any."""
        if self._problems:
            raise InvalidSettingsError(self._problems)

    def _layers(self, problems: list[Problem]) -> list[tuple[Layer, Entries]]:
        """Every layer's raw entries, highest precedence first."""
        layers: list[tuple[Layer, Entries]] = []
        paths = self._paths
        if paths.registry is not None:
            for layer, key in (
                (Layer.POLICY, POLICY_REGISTRY_KEY),
                (Layer.MACHINE, MACHINE_REGISTRY_KEY),
            ):
                layers.append((layer, read_registry(paths.registry, key, layer, problems)))
        if paths.policy is not None:
            layers.append((Layer.POLICY, read_toml(paths.policy, Layer.POLICY, problems)))
        if paths.machine is not None:
            layers.append((Layer.MACHINE, read_toml(paths.machine, Layer.MACHINE, problems)))
        layers.append((Layer.USER, read_toml(paths.user, Layer.USER, problems)))
        return layers

    def reload(self) -> None:
        """Read all layers again (after a policy refresh or an edit by IT)."""
        problems: list[Problem] = []
        layers = self._layers(problems)
        values: dict[str, EffectiveValue] = {}
        managed: set[str] = set()
        for layer, entries in layers:
            for name, (raw, source) in entries.items():
                declared = setting(name)
                if layer is Layer.POLICY:
                    if not declared.lockable:
                        problems.append(
                            Problem(layer, source, name, "cannot be set by policy; ignored")
                        )
                        continue
                    # Even a bad policy entry keeps the setting out of the user's hands.
                    managed.add(name)
                if layer is Layer.USER and not declared.user_settable:
                    problems.append(Problem(layer, source, name, "can only be set by IT; ignored"))
                    continue
                try:
                    value = declared.parse(raw)
                except InvalidValueError as error:
                    problems.append(
                        Problem(layer, source, name, f"{error} (accepted: {declared.accepts})")
                    )
                    continue
                if value is None and layer is not Layer.POLICY:
                    continue  # an empty value in the machine or user layer means "not set"
                if name not in values:
                    values[name] = EffectiveValue(name, value, layer, source)
        for declared in SETTINGS:
            values.setdefault(
                declared.name,
                EffectiveValue(declared.name, declared.default, Layer.DEFAULT, "built-in default"),
            )
        user_entries = layers[-1][1]
        self._values = values
        self._managed = managed
        self._user_raw = {name: raw for name, (raw, _source) in user_entries.items()}
        self._problems = problems

    def get(self, declared: Setting[T]) -> T:
        """The effective value of a declared setting, typed."""
        value: T = self._values[declared.name].value  # type: ignore[assignment]
        return value

    def value(self, name: str) -> object:
        """The effective value of the setting called ``name``."""
        setting(name)
        return self._values[name].value

    def effective(self) -> tuple[EffectiveValue, ...]:
        """Every setting's value in force with the layer and source it came from."""
        return tuple(self._values[declared.name] for declared in SETTINGS)

    def has_policy(self) -> bool:
        """Whether any policy is in force (a policy value, or a refused override)."""
        return bool(self._managed) or self._paths.refused_override is not None

    def is_managed(self, name: str) -> bool:
        """Whether a policy sets ``name``, so the app must show it locked."""
        setting(name)
        return name in self._managed

    def is_user_settable(self, name: str) -> bool:
        """Whether a user value for ``name`` would take effect (no policy or machine value)."""
        declared = setting(name)
        return (
            declared.user_settable
            and name not in self._managed
            and self._values[name].layer not in _ABOVE_USER
        )

    def _refuse_if_fixed(self, name: str) -> None:
        if name in self._managed:
            raise ManagedSettingError(
                f"{name} is managed by your organisation (policy) and cannot be changed here"
            )
        source = self._values[name]
        if source.layer is Layer.MACHINE:
            raise ManagedSettingError(
                f"{name} is set by this machine's configuration ({source.source}); "
                "ask your IT department to change it"
            )
        if not setting(name).user_settable:
            raise ManagedSettingError(
                f"{name} can only be set by your IT department (machine configuration or policy)"
            )

    def set_user(self, name: str, value: object) -> None:
        """Store ``value`` in the user's settings file; refused where policy or machine set it."""
        declared = setting(name)
        self._refuse_if_fixed(name)
        try:
            parsed = declared.parse(value)
        except InvalidValueError as error:
            raise InvalidValueError(f"{name} {error} (accepted: {declared.accepts})") from None
        user = dict(self._user_raw)
        if parsed is None:
            user.pop(name, None)
        else:
            user[name] = list(parsed) if isinstance(parsed, tuple) else parsed
        self._write_user(user)
        self.reload()

    def reset_user(self, name: str) -> None:
        """Remove the user's own value for ``name`` so the lower layers apply again."""
        setting(name)
        self._refuse_if_fixed(name)
        user = dict(self._user_raw)
        if user.pop(name, None) is not None:
            self._write_user(user)
        self.reload()

    def _write_user(self, values: Mapping[str, object]) -> None:
        write_user_file(self._paths.user, values)
