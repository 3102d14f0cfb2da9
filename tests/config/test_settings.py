"""Layered settings: policy > machine > user > default, managed values, clear problems."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

import config as s
from clinical.service_types import SERVICE_TYPES
from config import Layer, Settings, SettingsPaths

VALID_ORG = "974760673"  # Brønnøysundregistrene's own number


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def paths(tmp_path: Path) -> SettingsPaths:
    return SettingsPaths.under_root(tmp_path)


class DictRegistry:
    """HKLM as a dict of key -> values, standing in for winreg on Linux."""

    def __init__(self, keys: Mapping[str, Mapping[str, object]]) -> None:
        self.keys = keys

    def read_values(self, key: str) -> Mapping[str, object] | None:
        return self.keys.get(key)


def test_defaults_apply_when_no_layer_exists(paths: SettingsPaths) -> None:
    settings = Settings.load(paths)
    assert settings.problems == ()
    assert settings.get(s.AUTO_LOCK_MINUTES) == 5
    assert settings.get(s.LANGUAGE) == "nb"
    assert settings.get(s.SERVER_URL) is None
    assert {v.layer for v in settings.effective()} == {Layer.DEFAULT}
    assert not settings.is_managed("server_url")


def test_higher_layers_win_and_each_value_names_its_source(paths: SettingsPaths) -> None:
    assert paths.policy is not None
    assert paths.machine is not None
    write(paths.policy, 'server_url = "https://policy.example.no/fhir"\n')
    write(
        paths.machine,
        'server_url = "https://machine.example.no/fhir"\nauto_lock_minutes = 3\nlanguage = "en"\n',
    )
    write(paths.user, 'auto_lock_minutes = 10\nlanguage = "nb"\n')
    settings = Settings.load(paths)
    effective = {v.name: v for v in settings.effective()}

    assert effective["server_url"].value == "https://policy.example.no/fhir"
    assert effective["server_url"].layer is Layer.POLICY
    assert effective["server_url"].source == str(paths.policy)
    # Machine configuration outranks the user's own settings.
    assert effective["auto_lock_minutes"].value == 3
    assert effective["auto_lock_minutes"].layer is Layer.MACHINE
    assert effective["language"].value == "en"
    assert effective["language"].layer is Layer.MACHINE
    assert effective["pin_attempts"].layer is Layer.DEFAULT
    assert [v.name for v in settings.effective()] == [d.name for d in s.SETTINGS]


def test_a_policy_value_is_managed_and_cannot_be_changed_by_the_user(
    paths: SettingsPaths,
) -> None:
    assert paths.policy is not None
    write(paths.policy, "auto_lock_minutes = 2\n")
    settings = Settings.load(paths)
    assert settings.is_managed("auto_lock_minutes")
    assert not settings.is_managed("language")
    with pytest.raises(s.ManagedSettingError, match="managed by your organisation"):
        settings.set_user("auto_lock_minutes", 30)
    with pytest.raises(s.ManagedSettingError):
        settings.reset_user("auto_lock_minutes")
    assert not paths.user.exists()
    assert settings.get(s.AUTO_LOCK_MINUTES) == 2


def test_a_machine_value_cannot_be_overridden_by_the_user_either(paths: SettingsPaths) -> None:
    assert paths.machine is not None
    write(paths.machine, 'server_url = "https://fhir.kommune.no/fhir"\n')
    write(paths.user, 'language = "en"\n')
    settings = Settings.load(paths)
    assert not settings.is_managed("server_url")
    assert not settings.is_user_settable("server_url")
    assert settings.is_user_settable("language")
    with pytest.raises(s.ManagedSettingError, match=r"machine's configuration \(.*config.toml\)"):
        settings.set_user("server_url", "https://other.kommune.no/fhir")
    assert tomllib.loads(paths.user.read_text(encoding="utf-8")) == {"language": "en"}


def test_an_empty_machine_value_means_not_set_but_an_empty_policy_value_is_enforced(
    paths: SettingsPaths,
) -> None:
    assert paths.policy is not None
    assert paths.machine is not None
    write(paths.machine, 'default_place_of_work = ""\nclient_id = ""\n')
    write(paths.user, 'default_place_of_work = "Avdeling 2"\n')
    write(paths.policy, 'ca_bundle = ""\n')
    settings = Settings.load(paths)
    effective = {v.name: v for v in settings.effective()}
    assert effective["default_place_of_work"].layer is Layer.USER
    assert effective["client_id"].layer is Layer.DEFAULT
    assert settings.is_user_settable("default_place_of_work")
    assert not settings.is_user_settable("client_id")  # only IT sets it, even when unset
    assert effective["ca_bundle"].layer is Layer.POLICY
    assert effective["ca_bundle"].value is None
    assert settings.is_managed("ca_bundle")


def test_a_bad_policy_value_still_locks_the_setting(paths: SettingsPaths) -> None:
    assert paths.policy is not None
    write(paths.policy, "auto_lock_minutes = 999\n")
    settings = Settings.load(paths)
    assert settings.is_managed("auto_lock_minutes")
    with pytest.raises(s.ManagedSettingError):
        settings.set_user("auto_lock_minutes", 20)
    (problem,) = settings.problems
    assert problem.layer is Layer.POLICY
    assert problem.setting == "auto_lock_minutes"


def test_set_user_writes_the_user_file_and_reset_removes_the_value(
    paths: SettingsPaths,
) -> None:
    settings = Settings.load(paths)
    settings.set_user("language", "EN")
    settings.set_user("default_place_of_work", "Rute nord")

    stored = tomllib.loads(paths.user.read_text(encoding="utf-8"))
    assert stored == {
        "language": "en",
        "default_place_of_work": "Rute nord",
    }
    again = Settings.load(paths)
    assert again.get(s.LANGUAGE) == "en"
    again.reset_user("language")
    assert again.get(s.LANGUAGE) == "nb"
    assert "language" not in tomllib.loads(paths.user.read_text(encoding="utf-8"))


def test_set_user_refuses_bad_values_and_unknown_names(paths: SettingsPaths) -> None:
    settings = Settings.load(paths)
    with pytest.raises(s.InvalidValueError, match="sync_interval_seconds"):
        settings.set_user("sync_interval_seconds", 0)
    with pytest.raises(s.InvalidValueError, match="language"):
        settings.set_user("language", "sv")
    with pytest.raises(s.UnknownSettingError, match="client_secret"):
        settings.set_user("client_secret", "x")
    assert not paths.user.exists()


def test_bad_entries_in_every_layer_are_reported_not_raised(paths: SettingsPaths) -> None:
    assert paths.policy is not None
    assert paths.machine is not None
    write(paths.policy, 'language = "sv"\n')
    write(paths.machine, 'organisation_number = "974760674"\nclient_secret = "hunter2"\n')
    write(paths.user, "auto_lock_minutes = [\n")
    settings = Settings.load(paths)

    problems = {(p.layer, p.setting): p for p in settings.problems}
    assert problems.keys() == {
        (Layer.POLICY, "language"),
        (Layer.MACHINE, "organisation_number"),
        (Layer.MACHINE, "client_secret"),
        (Layer.USER, None),
    }
    assert problems[(Layer.MACHINE, "client_secret")].reason == "unknown setting"
    assert "mod-11" in problems[(Layer.MACHINE, "organisation_number")].reason
    assert "not valid TOML" in problems[(Layer.USER, None)].reason
    # The bad entries are skipped: the next layer (here the default) applies.
    assert settings.get(s.ORGANISATION_NUMBER) is None
    assert settings.get(s.LANGUAGE) == "nb"

    with pytest.raises(s.InvalidSettingsError) as raised:
        settings.raise_for_problems()
    message = str(raised.value)
    assert "4 problem(s)" in message
    assert f"policy layer, {paths.policy}: language: must be one of nb, en" in message
    assert str(paths.user) in message
    assert "hunter2" not in message  # values are never echoed: they might be secrets


def test_a_policy_for_a_setting_that_is_not_lockable_is_ignored(paths: SettingsPaths) -> None:
    assert paths.policy is not None
    write(paths.policy, 'default_place_of_work = "Avdeling 1"\n')
    settings = Settings.load(paths)
    assert not settings.is_managed("default_place_of_work")
    assert settings.get(s.DEFAULT_PLACE_OF_WORK) is None
    (problem,) = settings.problems
    assert problem.reason == "cannot be set by policy; ignored"


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_world_writable_policy_file_is_ignored(paths: SettingsPaths) -> None:
    assert paths.policy is not None
    write(paths.policy, "auto_lock_minutes = 2\n").chmod(0o666)
    settings = Settings.load(paths)
    assert not settings.is_managed("auto_lock_minutes")
    assert settings.get(s.AUTO_LOCK_MINUTES) == 5
    assert settings.problems[0].reason == "is writable by every user; ignored"


def test_config_root_environment_variable_moves_every_layer(tmp_path: Path) -> None:
    paths = SettingsPaths.for_platform({"PLEIEPUNKT_CONFIG_ROOT": str(tmp_path)})
    assert paths == SettingsPaths.under_root(tmp_path)
    write(tmp_path / "config.toml", 'client_id = "pleiepunkt-test"\n')
    assert Settings.load(paths).get(s.CLIENT_ID) == "pleiepunkt-test"


def test_linux_locations_without_a_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/sykepleier/.config")
    paths = SettingsPaths.for_platform({})
    if os.name == "posix":
        assert paths.policy == Path("/etc/pleiepunkt/policy.toml")
        assert paths.machine == Path("/etc/pleiepunkt/config.toml")
        assert paths.user == Path("/home/sykepleier/.config/pleiepunkt/settings.toml")


def test_windows_registry_layers_as_the_msi_and_gpo_write_them(tmp_path: Path) -> None:
    registry = DictRegistry(
        {
            s.POLICY_REGISTRY_KEY: {"AutoLockMinutes": 3, "ControlledDrugs": ["n02a", "N05BA"]},
            s.MACHINE_REGISTRY_KEY: {
                "ServerUrl": "https://fhir.kommune.no/fhir/",
                "IdentityProviderUrl": "https://helseid-sts.nhn.no",
                "ClientId": "pleiepunkt-4601",
                "OrganisationNumber": "974 760 673",
                "AutoLockMinutes": "10",
                "PinAttempts": "3",
                "Colour": "blue",
                "": "the key's default value",
            },
        }
    )
    settings = Settings.load(SettingsPaths(user=tmp_path / "settings.toml", registry=registry))
    effective = {v.name: v for v in settings.effective()}

    assert effective["auto_lock_minutes"].value == 3
    assert effective["auto_lock_minutes"].source == (
        r"HKLM\Software\Policies\Pleiepunkt\AutoLockMinutes"
    )
    assert settings.is_managed("auto_lock_minutes")
    assert settings.get(s.CONTROLLED_DRUGS) == ("N02A", "N05BA")
    assert settings.get(s.SERVER_URL) == "https://fhir.kommune.no/fhir"
    assert effective["server_url"].layer is Layer.MACHINE
    assert settings.get(s.ORGANISATION_NUMBER) == VALID_ORG
    assert settings.get(s.PIN_ATTEMPTS) == 3  # msiexec writes REG_SZ text
    (problem,) = settings.problems
    assert (problem.layer, problem.setting, problem.reason) == (
        Layer.MACHINE,
        "Colour",
        "unknown setting",
    )


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        (VALID_ORG, True),
        ("974 760 673", True),
        (974760673, True),
        ("974760674", False),
        ("923609016", True),
        ("12345678", False),
        ("9747606730", False),
        ("97476067a", False),
        ("٩٧٤٧٦٠٦٧٣", False),  # Arabic-Indic digits are digits, but not ours
        ("100000001", False),  # check digit would be 10: never issued
    ],
)
def test_organisation_number_needs_its_mod11_check_digit(number: object, valid: bool) -> None:
    parse = s.ORGANISATION_NUMBER.parse
    if valid:
        assert parse(number) == VALID_ORG or parse(number) == str(number)
    else:
        with pytest.raises(s.InvalidValueError, match="organisation number"):
            parse(number)


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("server_url", "https://fhir.kommune.no/fhir/", "https://fhir.kommune.no/fhir"),
        ("server_url", "http://127.0.0.1:8080/fhir", "http://127.0.0.1:8080/fhir"),
        ("server_url", "", None),
        ("ca_bundle", "/etc/ssl/kommune-ca.pem", "/etc/ssl/kommune-ca.pem"),
        ("ca_bundle", r"C:\ProgramData\Kommune\ca.pem", r"C:\ProgramData\Kommune\ca.pem"),
        ("log_level", "debug", "DEBUG"),
        ("controlled_drugs", "N02A\nN05BA01\n", ("N02A", "N05BA01")),
        ("purpose_of_use_detail", " 15 ", "15"),
        ("purpose_of_use_detail", 21, "21"),
        ("purpose_of_use_detail", "", None),
    ],
)
def test_accepted_values_are_normalised(name: str, raw: object, expected: object) -> None:
    assert s.setting(name).parse(raw) == expected


@pytest.mark.parametrize(
    ("name", "raw", "reason"),
    [
        ("server_url", "https://nurse:pw@fhir.kommune.no", "user name or password"),
        ("server_url", "ftp://fhir.kommune.no", "https://"),
        ("server_url", "https://fhir.kommune.no/fhir?x=1", "query"),
        ("client_id", "two words", "spaces"),
        ("ca_bundle", "certs/ca.pem", "absolute path"),
        ("auto_lock_minutes", True, "whole number"),
        ("auto_lock_minutes", 61, "between 1 and 60"),
        ("places_of_work", ["Avdeling 1", ""], "item 2 must not be empty"),
        ("places_of_work", "Avdeling\x07", "control characters"),
        ("controlled_drugs", ["N2"], "ATC"),
        ("language", 1, "expected text"),
        ("purpose_of_use_detail", "10", "Volven 9151"),
        ("purpose_of_use_detail", "KP02", "Volven 9151"),
        ("purpose_of_use_detail", True, "expected text"),
    ],
)
def test_refused_values_say_why(name: str, raw: object, reason: str) -> None:
    with pytest.raises(s.InvalidValueError, match=reason):
        s.setting(name).parse(raw)


def test_every_declaration_is_complete_and_its_default_is_accepted() -> None:
    registry_names = [d.registry_name.casefold() for d in s.SETTINGS]
    assert len(set(registry_names)) == len(registry_names)
    for declared in s.SETTINGS:
        assert declared.description.endswith(".")
        assert declared.accepts
        if declared.default is not None:
            assert declared.parse(declared.default) == declared.default


@hypothesis_settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.dictionaries(
        st.sampled_from(["a", "b_c", "place"]),
        st.one_of(
            st.text(),
            st.integers(min_value=-(2**63), max_value=2**63 - 1),
            st.booleans(),
            st.lists(st.text(), max_size=4),
        ),
    )
)
def test_user_file_serialisation_round_trips_through_tomllib(values: dict[str, object]) -> None:
    parsed = tomllib.loads(s.to_toml(values))
    assert parsed == values


@pytest.mark.parametrize(
    "name", ["server_url", "ca_bundle", "pin_attempts", "controlled_drugs", "purpose_of_use_detail"]
)
def test_addresses_trust_security_and_clinical_lists_are_for_it_only(
    paths: SettingsPaths, name: str
) -> None:
    write(paths.user, f"{name} = []\n" if name == "controlled_drugs" else f'{name} = "x"\n')
    settings = Settings.load(paths)
    assert {v.name: v for v in settings.effective()}[name].layer is Layer.DEFAULT
    (problem,) = settings.problems
    assert problem.layer is Layer.USER
    assert "only be set by IT" in str(problem)
    assert not settings.is_user_settable(name)
    with pytest.raises(s.ManagedSettingError, match="IT department"):
        settings.set_user(name, "x")


def test_the_service_named_in_access_logs_is_set_per_computer_by_it(
    paths: SettingsPaths,
) -> None:
    assert paths.machine is not None
    write(paths.machine, 'purpose_of_use_detail = "21"\n')
    settings = Settings.load(paths)
    assert settings.problems == ()
    assert settings.get(s.PURPOSE_OF_USE_DETAIL) == "21"
    assert SERVICE_TYPES["21"] == "Langtidsopphold i institusjon"
    assert {v.name: v for v in settings.effective()}["purpose_of_use_detail"].layer is (
        Layer.MACHINE
    )
    write(paths.machine, 'purpose_of_use_detail = "99"\n')
    settings.reload()
    assert settings.get(s.PURPOSE_OF_USE_DETAIL) is None
    (problem,) = settings.problems
    assert (problem.layer, problem.setting) == (Layer.MACHINE, "purpose_of_use_detail")
    assert "Volven 9151" in problem.reason
