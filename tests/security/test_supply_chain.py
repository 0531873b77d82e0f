"""Supply chain (issue 8, part 8): every dependency pinned in the lock the installs use, hashes for
production, and the security lint switched on. `make lock` refreshes the lock after a change to
pyproject.toml; these tests fail until it has been run."""

import re
import tomllib

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
