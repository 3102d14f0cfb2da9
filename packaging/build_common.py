"""What both installer builds share: paths, the version, pinned downloads, staging the app code.

The build scripts run as ``python packaging/build_*.py`` (this folder is then first on
``sys.path``); ``packaging/`` is deliberately not a Python package, so it can never shadow the
PyPI ``packaging`` library that pytest and pip import.
"""

# ruff: noqa: S603  # builds run fixed tool names with argument lists, never a shell

from __future__ import annotations

import ast
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP_PACKAGES = ("app", "config", "client", "ui", "offline", "sync", "clinical", "resources")
APP_MODULES = ("main.py",)
# 2024-04-02 12:00:00 UTC, the embeddable CPython's build day: a fixed time for every file and
# signature, so two builds of the same inputs are byte-identical. Override with the usual
# SOURCE_DATE_EPOCH (for example the last commit's time).
DEFAULT_SOURCE_DATE_EPOCH = 1712059200


class BuildError(Exception):
    """A build step failed; the message says which and why (no traceback needed)."""


def cache_dir() -> Path:
    """Downloads kept between builds: ``$PLEIEPUNKT_BUILD_CACHE`` or ``<repo>/.cache/packaging``."""
    path = Path(os.environ.get("PLEIEPUNKT_BUILD_CACHE") or REPO / ".cache" / "packaging")
    path.mkdir(parents=True, exist_ok=True)
    return path


def source_date_epoch() -> int:
    """The timestamp every built file and signature carries."""
    return int(os.environ.get("SOURCE_DATE_EPOCH") or DEFAULT_SOURCE_DATE_EPOCH)


def project_version(source_root: Path) -> str:
    """The version: ``[project] version``, or ``main.__version__`` when pyproject says dynamic."""
    with (source_root / "pyproject.toml").open("rb") as handle:
        version = tomllib.load(handle)["project"].get("version")
    if isinstance(version, str):
        return version
    main = source_root / "main.py"
    if main.exists():
        for node in ast.parse(main.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                return node.value.value
    raise BuildError("no version: neither [project] version nor main.__version__ is set")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_sha256(path: Path, expected: str) -> None:
    """Raise BuildError unless ``path`` has the pinned hash."""
    actual = sha256_file(path)
    if actual != expected:
        raise BuildError(f"{path.name}: sha256 {actual} does not match the pinned {expected}")


def run(
    command: Sequence[str | Path],
    *,
    what: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> str:
    """Run a build tool; BuildError with its output if it fails. Returns stdout."""
    try:
        result = subprocess.run(
            [str(part) for part in command],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise BuildError(
            f"{what}: {command[0]} is not installed (bash packaging/install-build-tools.sh)"
        ) from None
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()[-4000:]
        raise BuildError(f"{what} failed (exit {result.returncode}):\n{output}")
    return result.stdout


def pip(*arguments: str, what: str) -> str:
    """Run this interpreter's pip quietly."""
    return run([sys.executable, "-m", "pip", "--disable-pip-version-check", *arguments], what=what)


def copy_app(source_root: Path, target: Path) -> list[Path]:
    """Copy main.py and the app packages (no tests, no caches) to ``target``; return the files."""
    missing = [m for m in (*APP_MODULES, *APP_PACKAGES) if not (source_root / m).exists()]
    if missing:
        raise BuildError(
            f"the app code is incomplete: {', '.join(missing)} missing in {source_root}"
        )
    copied: list[Path] = []
    target.mkdir(parents=True, exist_ok=True)
    for module in APP_MODULES:
        shutil.copy2(source_root / module, target / module)
        copied.append(target / module)
    for package in APP_PACKAGES:
        for path in sorted((source_root / package).rglob("*")):
            relative = path.relative_to(source_root)
            if any(part in {"__pycache__", ".mypy_cache"} for part in relative.parts):
                continue
            if path.is_dir() or path.suffix in {".pyc", ".pyo", ".qm"}:
                continue
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
            copied.append(destination)
    return copied


WINDOWS_RESERVED = frozenset(
    [
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{i}" for i in range(1, 10)),
        *(f"LPT{i}" for i in range(1, 10)),
    ]
)


def windows_unsafe_names(root: Path) -> list[str]:
    """Paths under ``root`` Windows cannot create: device names (``prn.py``), bad characters."""
    unsafe = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        for part in relative.parts:
            stem = part.split(".")[0].upper()
            if stem in WINDOWS_RESERVED or any(c in part for c in '<>:"\\|?*') or part[-1] in ". ":
                unsafe.append(relative.as_posix())
                break
    return unsafe


def compile_translations(app_dir: Path) -> list[Path]:
    """Compile ``resources/translations/*.ts`` in the staged app to ``.qm`` with lrelease."""
    sources = sorted((app_dir / "resources" / "translations").glob("*.ts"))
    if not sources:
        return []
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).parent / "pyside6-lrelease"
    )
    built = []
    for source in sources:
        target = source.with_suffix(".qm")
        run([lrelease, "-silent", source, "-qm", target], what=f"lrelease {source.name}")
        built.append(target)
    return built


def normalise_tree(root: Path, *, epoch: int) -> None:
    """Give every file and folder under ``root`` the same mtime and plain permissions."""
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_symlink():
            continue
        if path.is_file():
            executable = path.stat().st_mode & stat.S_IXUSR
            path.chmod(0o755 if executable else 0o644)
        else:
            path.chmod(0o755)
        os.utime(path, (epoch, epoch))
    os.utime(root, (epoch, epoch))


def files_under(root: Path) -> Iterable[Path]:
    """Every regular file under ``root`` in a stable order."""
    return (p for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink())
