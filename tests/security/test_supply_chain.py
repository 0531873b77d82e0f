"""Supply chain (issue 8, part 8): every dependency pinned in the lock the installs use, hashes for
production, and the security lint switched on. `make lock` refreshes the lock after a change to
pyproject.toml; these tests fail until it has been run."""

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from challenge.config import PROJECT_ROOT

PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
LOCK = PROJECT_ROOT / "requirements" / "lock.txt"
RUNTIME_LOCK = PROJECT_ROOT / "requirements" / "runtime.txt"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)", re.M)


def pins(path) -> dict[str, str]:
    return {canonicalize_name(name): version for name, version in PIN.findall(path.read_text())}


def declared(*, extras: bool) -> list[Requirement]:
    requirements = [Requirement(line) for line in PYPROJECT["project"]["dependencies"]]
    if extras:
        for group in PYPROJECT["project"]["optional-dependencies"].values():
            requirements += [Requirement(line) for line in group]
    return requirements


def test_every_dependency_is_pinned_in_the_lock():
    locked = pins(LOCK)
    for requirement in declared(extras=True):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in requirements/lock.txt: run `make lock`"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{name}=={locked[name]} does not satisfy {requirement}: run `make lock`"
        )
        for extra in requirement.extras:  # psycopg[binary] needs psycopg-binary pinned too
            assert canonicalize_name(f"{requirement.name}-{extra}") in locked


def test_the_runtime_lock_has_hashes_and_agrees_with_the_lock():
    text = RUNTIME_LOCK.read_text()
    runtime, locked = pins(RUNTIME_LOCK), pins(LOCK)
    for requirement in declared(extras=False):
        assert canonicalize_name(requirement.name) in runtime
    for name, version in runtime.items():
        assert locked[name] == version, name
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text):  # one pinned package per entry
        if PIN.match(entry):
            assert "--hash=sha256:" in entry, entry.splitlines()[0]
    test_only = {canonicalize_name(name) for name in ("pytest", "ruff", "playwright", "pip-tools")}
    assert not test_only & set(runtime), "test tools do not ship"


def test_installs_use_the_lock_as_constraints():
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    assert "-c $(LOCK)" in makefile
    for target in ("$(VENV)/.installed:", "$(VENV)/.installed-test:", "lock:", "sbom:"):
        assert target in makefile


def test_the_security_lint_is_on():
    lint = PYPROJECT["tool"]["ruff"]["lint"]
    assert "S" in lint["select"] and "S" not in lint.get("ignore", [])
    for pattern, ignored in lint.get("per-file-ignores", {}).items():
        assert pattern.startswith("tests/") or not {code for code in ignored if code[0] == "S"}


def test_make_sbom_writes_a_valid_cyclonedx_sbom_of_the_runtime_lock(tmp_path):
    """`make sbom`'s own recipe (the tools' install step left out: the test environment has
    cyclonedx-bom, from the `test` extra), writing elsewhere than build/."""
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "cyclonedx-py").exists():
        pytest.fail("cyclonedx-py is missing: install the test extra (pip install -e '.[test]')")
    make = shutil.which("make")
    if make is None:
        pytest.fail("make is missing: the README's commands need it")
    output = tmp_path / "sbom" / "sbom.cdx.json"
    venv = bin_dir.parent
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [
            make,
            "--no-print-directory",
            "-o",
            f"{venv}/.installed-tools",  # take the tools as installed
            "sbom",
            f"VENV={venv}",
            f"SBOM={output}",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pip install" not in result.stdout  # nothing was installed
    text = output.read_text()
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    sbom = json.loads(text)
    assert (sbom["bomFormat"], sbom["specVersion"]) == ("CycloneDX", "1.6")
    assert sbom["metadata"]["component"]["name"] == PYPROJECT["project"]["name"]
    listed = {
        canonicalize_name(component["name"]): component["version"]
        for component in sbom["components"]
    }
    assert listed == pins(RUNTIME_LOCK)  # every runtime pin, at its version, and nothing else
    assert all(
        component["purl"] == f"pkg:pypi/{component['name']}@{component['version']}"
        for component in sbom["components"]
    )
