"""The wheel and sdist as a user gets them: built from a clone, installed offline into a fresh venv, run
outside the repository on a copy of the example catalog."""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
pytestmark = pytest.mark.packaging


@dataclass(frozen=True)
class Built:
    clone: Path
    wheel: Path
    sdist: Path


@dataclass(frozen=True)
class Installed:
    venv: Path
    svcmap: Path
    dependencies: str
    """Where the dependency wheels came from, for the report of a failure."""


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """`python -m build` in a clone of HEAD: the sdist, then the wheel built from that sdist (so the sdist
    must hold everything a build needs). No build isolation: the `test` extra has hatchling, so this
    needs no network."""
    for module in ("build", "hatchling"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed (the `test` extra has it)")
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout: the wheel is built from a clone of the repository")
    top = tmp_path_factory.mktemp("build")
    clone = top / "svcmap"
    subprocess.run(["git", "clone", "-q", "--depth=1", REPO.as_uri(), str(clone)], check=True)
    dist = top / "dist"
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(clone)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    return Built(clone, wheel, sdist)


def wheel_names(built: Built) -> set[str]:
    with zipfile.ZipFile(built.wheel) as wheel:
        return set(wheel.namelist())


def test_the_wheel_holds_the_package_the_schemas_and_the_command(built: Built) -> None:
    """Every file git keeps in svcmap/ (modules, the rules' documentation in their docstrings, templates),
    the JSON Schemas from schemas/, byte for byte, and the console script."""
    names = wheel_names(built)
    assert set(git("ls-files", "svcmap", cwd=built.clone).split()) <= names
    schemas = {path.name for path in (built.clone / "schemas").glob("*.schema.json")}
    assert {f"svcmap/schemas/{name}" for name in schemas} <= names and len(schemas) == 5
    with zipfile.ZipFile(built.wheel) as wheel:
        for name in schemas:
            assert wheel.read(f"svcmap/schemas/{name}") == (built.clone / "schemas" / name).read_bytes()
        info = next(name.split("/")[0] for name in names if name.endswith(".dist-info/METADATA"))
        assert "svcmap = svcmap.cli:main" in wheel.read(f"{info}/entry_points.txt").decode()
    assert not {name for name in names if name.split("/")[0] in ("tests", "bench", "catalog", "processes")}


def test_the_sdist_holds_the_sources_tests_and_example_but_no_caches(built: Built) -> None:
    with tarfile.open(built.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    expected = {"pyproject.toml", "README.md", "action.yml", ".pre-commit-hooks.yaml", "catalog/organisation.yaml"}
    assert expected <= names
    assert set(git("ls-files", "svcmap", "schemas", "tests", "processes", cwd=built.clone).split()) <= names
    assert not [name for name in names if re.search(r"(^|/)(__pycache__|\.svcmap-cache|\.import_linter_cache)/", name)]


@pytest.fixture(scope="module")
def installed(built: Built, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """A fresh venv (no system site-packages) with svcmap installed from the wheel, offline:
    `pip install --no-index --find-links` a folder with the wheel and one with the dependencies' wheels,
    those kept from an earlier run, else from the registry, else (no network) made from this
    environment's installed distributions."""
    top = tmp_path_factory.mktemp("install")
    venv = top / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    cache = getattr(request.config, "cache", None)  # None under `-p no:cacheprovider`
    kept = cache.mkdir("svcmap-dependency-wheels") if cache is not None else top / "downloaded"
    kept.mkdir(exist_ok=True)
    attempts = [
        ("kept from an earlier download", kept, lambda: True),
        ("downloaded from the registry", kept, lambda: download(kept)),
        ("made from this environment's installed distributions", top / "repacked", lambda: repack(top / "repacked")),
    ]
    failures = []
    for origin, wheels, prepare in attempts:
        if not prepare():
            continue
        done = pip_install(python, built.wheel.parent, wheels)
        if done.returncode == 0:
            return Installed(venv, python.with_name("svcmap.exe" if os.name == "nt" else "svcmap"), origin)
        failures.append(f"dependencies {origin}:\n{done.stdout}{done.stderr}")
    pytest.fail("\n".join(failures))


def pip_install(python: Path, *folders: Path) -> subprocess.CompletedProcess[str]:
    """svcmap from these folders alone. This venv's pip installs into the new one (`--python`), as the new
    venv's own pip would, without the seconds that ensurepip takes to put a pip into it."""
    command = [sys.executable, "-m", "pip", "--python", str(python), "install", "--disable-pip-version-check", "-q"]
    command += ["--no-index", *(f"--find-links={folder}" for folder in folders), "svcmap"]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def download(folder: Path) -> bool:
    command = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q", "--dest", str(folder)]
    command += ["--retries", "0", "--timeout", "15", *PROJECT["dependencies"]]
    try:
        return subprocess.run(command, capture_output=True, timeout=120).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def repack(folder: Path) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    for name in sorted(dependency_closure(PROJECT["dependencies"])):
        wheel_from_installed(importlib.metadata.distribution(name), folder)
    return True


def dependency_closure(requirements: list[str]) -> set[str]:
    """The names of the distributions that requirements pull in, as installed here, markers evaluated."""
    pending, seen = [Requirement(text) for text in requirements], set()
    while pending:
        requirement = pending.pop()
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        if name in seen or (requirement.marker is not None and not requirement.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        pending.extend(Requirement(text) for text in importlib.metadata.distribution(name).requires or ())
    return seen


def wheel_from_installed(dist: importlib.metadata.Distribution, folder: Path) -> Path:
    """A wheel of an installed distribution: its files in site-packages and its metadata, a new RECORD.
    Scripts outside site-packages are left out (pip makes console scripts again from entry_points.txt)."""
    info = next(path for path in dist.files or () if path.name == "METADATA").parent
    wheel_info = (dist.read_text("WHEEL") or "").splitlines()
    tag = next(line.split(":", 1)[1].strip() for line in wheel_info if line.startswith("Tag:"))
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"]).lower()
    wheel = folder / f"{name}-{dist.version}-{tag}.whl"
    skipped = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
    record = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in dist.files or ():
            if path.parts[0] == ".." or "__pycache__" in path.parts or (path.parent == info and path.name in skipped):
                continue
            data = Path(dist.locate_file(path)).read_bytes()
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            archive.writestr(path.as_posix(), data)
            record.append(f"{path.as_posix()},sha256={digest},{len(data)}")
        record.append(f"{info.as_posix()}/RECORD,,")
        archive.writestr(f"{info.as_posix()}/RECORD", "\n".join(record) + "\n")
    return wheel


def run_installed(
    installed: Installed, *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed command, outside the repository, with nothing pointing Python back at it."""
    clean = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    command = [str(installed.svcmap), *args]
    return subprocess.run(command, cwd=cwd, env={**clean, **(env or {})}, capture_output=True, text=True, timeout=120)


def test_it_installs_offline_and_names_its_own_schemas(installed: Installed, tmp_path: Path) -> None:
    done = run_installed(installed, "--version", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    version, schemas = done.stdout.splitlines()
    assert version == f"svcmap {importlib.metadata.version('svcmap')}"
    folder = Path(schemas.removeprefix("schemas: "))
    assert folder.is_relative_to(installed.venv) and folder.parts[-2:] == ("svcmap", "schemas")
    assert len(list(folder.glob("*.schema.json"))) == 5


def test_it_validates_a_copy_of_the_example_catalog_outside_the_repository(
    installed: Installed, built: Built, tmp_path: Path
) -> None:
    catalog = tmp_path / "gemeente"
    for part in ("catalog", "processes"):
        shutil.copytree(built.clone / part, catalog / part)
    done = run_installed(installed, "validate", cwd=catalog)
    assert done.returncode == 0, done.stdout + done.stderr
    summary = done.stdout.splitlines()[-1]
    assert re.fullmatch(r"0 errors, \d+ warnings in \d+ files \(\d+ products, \d+ processes\)", summary)


def test_shell_completion_works_in_the_installed_command(installed: Installed, tmp_path: Path) -> None:
    env = {"_SVCMAP_COMPLETE": "bash_complete", "COMP_WORDS": "svcmap validate --format ", "COMP_CWORD": "3"}
    done = run_installed(installed, cwd=tmp_path, env=env)
    assert done.returncode == 0 and "plain,sarif" in done.stdout.splitlines(), done.stderr
