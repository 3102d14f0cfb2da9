"""The WiX source is a pure function of the staged tree and the version (reproducible MSIs)."""

from __future__ import annotations

from pathlib import Path

from tests.packaging.conftest import packaging_module

wxs = packaging_module("wxs")


def stage(root: Path) -> Path:
    tree = root / "stage"
    for relative, text in {
        "app/main.py": "print('hei')\n",
        "app/offline/settings.py": "",
        "python/python311._pth": "python311.zip\n",
        "pleiepunkt.cmd": "@echo off\n",
    }.items():
        path = tree / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tree


def test_same_tree_and_version_give_the_same_source(tmp_path: Path) -> None:
    tree = stage(tmp_path)
    first = wxs.wix_source(stage=tree, version="0.1.0", icon="pleiepunkt.ico")
    second = wxs.wix_source(stage=tree, version="0.1.0", icon="pleiepunkt.ico")
    assert first == second
    assert wxs.package_code("0.1.0", first) == wxs.package_code("0.1.0", second)
    assert 'Source="stage/app/offline/settings.py"' in first
    assert wxs.UPGRADE_CODE in first


def test_each_version_is_a_new_product_of_the_same_upgrade_family(tmp_path: Path) -> None:
    tree = stage(tmp_path)
    old = wxs.wix_source(stage=tree, version="0.1.0", icon="pleiepunkt.ico")
    new = wxs.wix_source(stage=tree, version="0.2.0", icon="pleiepunkt.ico")
    assert wxs.product_code("0.1.0") != wxs.product_code("0.2.0")
    assert wxs.product_code("0.1.0") == wxs.product_code("0.1.0")
    assert wxs.package_code("0.1.0", old) != wxs.package_code("0.2.0", new)
    assert f'UpgradeCode="{wxs.UPGRADE_CODE}"' in old
    assert f'UpgradeCode="{wxs.UPGRADE_CODE}"' in new


def test_component_guids_follow_file_paths_not_build_order(tmp_path: Path) -> None:
    tree = stage(tmp_path)
    before = wxs.wix_source(stage=tree, version="0.1.0", icon="pleiepunkt.ico")
    (tree / "app" / "extra.py").write_text("", encoding="utf-8")
    after = wxs.wix_source(stage=tree, version="0.1.0", icon="pleiepunkt.ico")
    guid_lines = [line for line in before.splitlines() if "<Component Id=" in line]
    assert all(line in after for line in guid_lines)
