"""The WiX 3 source for wixl: a per-machine, UI-less MSI with a stable UpgradeCode.

Every id and GUID is derived from the version or from a file's path, so the same staged tree
always gives the same source. What wixl 0.101 cannot express (component conditions, the exact
place of a custom action in the sequence) is applied afterwards with ``msibuild`` by
:func:`post_build_queries`.
"""

# ruff: noqa: S608  # the msibuild queries are built from this module's constants only

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import quoteattr

UPGRADE_CODE = "7fa3ffe2-c09c-4e01-8852-96df7ca47a41"
"""Never change this: it is how Windows Installer knows a new MSI upgrades an installed one."""
_NAMESPACE = uuid.UUID("36b41052-bce5-41b8-8cae-5b48bac54711")
PRODUCT_NAME = "Pleiepunkt"
MANUFACTURER = "Pleiepunkt"
LANGUAGE = "1044"  # Norwegian Bokmål
CODEPAGE = "1252"  # covers æ, ø, å; Windows Installer has no real UTF-8 code page


@dataclass(frozen=True, slots=True)
class PublicProperty:
    """An MSI property IT passes on the msiexec command line, kept as a machine registry value."""

    name: str
    registry_name: str
    meaning: str


PUBLIC_PROPERTIES = (
    PublicProperty("SERVER_URL", "ServerUrl", "FHIR server base URL"),
    PublicProperty("IDP_URL", "IdentityProviderUrl", "identity provider issuer URL"),
    PublicProperty("CLIENT_ID", "ClientId", "client id at the identity provider"),
    PublicProperty("ORG_NUMBER", "OrganisationNumber", "the municipality's organisation number"),
)
MACHINE_KEY = r"Software\Pleiepunkt"


def product_code(version: str) -> str:
    """A new ProductCode per version (a major upgrade), the same for rebuilds of one version."""
    return str(uuid.uuid5(_NAMESPACE, f"product {version}")).upper()


def package_code(version: str, source: str) -> str:
    """The package (summary revision) code: differs whenever the MSI's content differs."""
    return str(uuid.uuid5(_NAMESPACE, f"package {version} {_digest(source)}")).upper()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _id(prefix: str, relative: PurePosixPath) -> str:
    return f"{prefix}{hashlib.sha256(str(relative).encode('utf-8')).hexdigest()[:32]}"


def _guid(kind: str, relative: PurePosixPath | str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind} {relative}")).upper()


def _directory(stage: Path, relative: PurePosixPath, indent: str) -> list[str]:
    # wixl wants source paths relative to the folder it runs in: the .wxs's, stage's parent.
    lines: list[str] = []
    folder = stage / relative
    for path in sorted(folder.iterdir()):
        child = relative / path.name
        if path.is_dir():
            lines.append(
                f"{indent}<Directory Id={quoteattr(_id('d', child))} Name={quoteattr(path.name)}>"
            )
            lines += _directory(stage, child, indent + "  ")
            lines.append(f"{indent}</Directory>")
        else:
            component_id, guid = quoteattr(_id("c", child)), quoteattr(_guid("file", child))
            lines += [
                f'{indent}<Component Id={component_id} Guid={guid} Win64="yes">',
                f"{indent}  <File Id={quoteattr(_id('f', child))} Name={quoteattr(path.name)} "
                f'Source={quoteattr(str(PurePosixPath(stage.name) / child))} KeyPath="yes" />',
                f"{indent}</Component>",
            ]
    return lines


def _component_refs(stage: Path) -> list[str]:
    relatives = [
        PurePosixPath(p.relative_to(stage).as_posix())
        for p in sorted(stage.rglob("*"))
        if p.is_file()
    ]
    return [f"      <ComponentRef Id={quoteattr(_id('c', r))} />" for r in relatives]


def wix_source(*, stage: Path, version: str, icon: str) -> str:
    """The .wxs for the staged tree ``stage`` (INSTALLDIR's content), run from its parent."""
    remember = []
    for prop in PUBLIC_PROPERTIES:
        remember += [
            f'    <Property Id="SAVED_{prop.name}">',
            f'      <RegistrySearch Id="Saved{prop.registry_name}" Root="HKLM" Key="{MACHINE_KEY}" '
            f'Name="{prop.registry_name}" Type="raw" Win64="yes" />',
            "    </Property>",
            f'    <CustomAction Id="Restore{prop.registry_name}" Property="{prop.name}" '
            f'Value="[SAVED_{prop.name}]" Execute="firstSequence" />',
        ]
    sequence = [
        f'      <Custom Action="Restore{prop.registry_name}" After="AppSearch">'
        f"SAVED_{prop.name} AND NOT {prop.name}</Custom>"
        for prop in PUBLIC_PROPERTIES
    ]
    registry = []
    for prop in PUBLIC_PROPERTIES:
        registry += [
            f'        <Component Id="Config{prop.registry_name}" '
            f'Guid="{_guid("registry", prop.registry_name)}" Win64="yes">',
            f'          <RegistryValue Root="HKLM" Key="{MACHINE_KEY}" Name="{prop.registry_name}" '
            f'Type="string" Value="[{prop.name}]" KeyPath="yes" />',
            "        </Component>",
        ]
    lines = [
        '<?xml version="1.0" encoding="windows-1252"?>',
        '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">',
        f'  <Product Id="{product_code(version)}" Name="{PRODUCT_NAME}" Language="{LANGUAGE}" '
        f'Codepage="{CODEPAGE}" Version="{version}" Manufacturer="{MANUFACTURER}" '
        f'UpgradeCode="{UPGRADE_CODE}">',
        f'    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine" '
        f'Languages="{LANGUAGE}" SummaryCodepage="{CODEPAGE}" Manufacturer="{MANUFACTURER}" '
        f'Description="{PRODUCT_NAME} {version}" '
        'Comments="Point-of-care client for municipal nursing homes and home care." />',
        '    <MajorUpgrade DowngradeErrorMessage="A newer version of Pleiepunkt is already '
        'installed." />',
        '    <Media Id="1" Cabinet="pleiepunkt.cab" EmbedCab="yes" />',
        f'    <Icon Id="pleiepunkt.ico" SourceFile={quoteattr(icon)} />',
        '    <Property Id="ARPPRODUCTICON" Value="pleiepunkt.ico" />',
        '    <Property Id="ARPNOMODIFY" Value="1" />',
        '    <Property Id="DISABLEADVTSHORTCUTS" Value="1" />',
        *remember,
        "    <InstallExecuteSequence>",
        *sequence,
        "    </InstallExecuteSequence>",
        '    <Directory Id="TARGETDIR" Name="SourceDir">',
        '      <Directory Id="ProgramFiles64Folder">',
        f'        <Directory Id="INSTALLDIR" Name="{PRODUCT_NAME}">',
        *_directory(stage, PurePosixPath("."), "          "),
        "        </Directory>",
        "      </Directory>",
        '      <Directory Id="ProgramMenuFolder">',
        f'        <Component Id="StartMenuShortcut" Guid="{_guid("shortcut", "start menu")}" '
        'Win64="yes">',
        '          <Shortcut Id="StartMenuShortcut" Name="Pleiepunkt" '
        'Description="Pleiepunkt – pasientnær journal" '
        'Target="[INSTALLDIR]python\\pythonw.exe" Arguments="-m main" '
        'WorkingDirectory="INSTALLDIR" Icon="pleiepunkt.ico" />',
        f'          <RegistryValue Root="HKLM" Key="{MACHINE_KEY}\\Installer" '
        'Name="StartMenuShortcut" Type="integer" Value="1" KeyPath="yes" />',
        "        </Component>",
        *registry,
        "      </Directory>",
        "    </Directory>",
        '    <Feature Id="Pleiepunkt" Title="Pleiepunkt" Level="1">',
        *_component_refs(stage),
        '      <ComponentRef Id="StartMenuShortcut" />',
        *[f'      <ComponentRef Id="Config{p.registry_name}" />' for p in PUBLIC_PROPERTIES],
        "    </Feature>",
        "  </Product>",
        "</Wix>",
        "",
    ]
    return "\n".join(lines)


def post_build_queries() -> list[str]:
    """SQL that msibuild applies after wixl: what wixl 0.101 cannot write itself.

    * each machine-configuration value is written only when its property has a value (given
      on the command line, or remembered from the installed version by the AppSearch above),
      so an upgrade without properties keeps IT's configuration and never writes empty values;
    * the property-restoring actions run right after AppSearch (wixl ignores ``After``);
    * the old version is removed right after InstallInitialize, before the new files go in,
      so an upgrade in place never mixes files of two versions;
    * the public properties are Secure, so msiexec passes them to the elevated server side.
    """
    queries = []
    for index, prop in enumerate(PUBLIC_PROPERTIES):
        queries.append(
            f"UPDATE `Component` SET `Condition` = '{prop.name}' "
            f"WHERE `Component` = 'Config{prop.registry_name}'"
        )
        queries.append(
            f"UPDATE `InstallExecuteSequence` SET `Sequence` = {51 + index} "
            f"WHERE `Action` = 'Restore{prop.registry_name}'"
        )
    queries.append(
        "UPDATE `InstallExecuteSequence` SET `Sequence` = 1501 "
        "WHERE `Action` = 'RemoveExistingProducts'"
    )
    secure = ";".join(
        ["WIX_DOWNGRADE_DETECTED", "WIX_UPGRADE_DETECTED", "INSTALLDIR"]
        + [p.name for p in PUBLIC_PROPERTIES]
    )
    queries.append(
        f"UPDATE `Property` SET `Value` = '{secure}' WHERE `Property` = 'SecureCustomProperties'"
    )
    return queries
