"""The layers contract (pyproject.toml, [tool.importlinter]) holds, and it would catch an import
that points up or sideways: the same check `make lint` runs, on a copy of the package."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from challenge.config import PROJECT_ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - the project's own lint command
        [LINT_IMPORTS, "--config", PROJECT_ROOT / "pyproject.toml", "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def package_copy(tmp_path) -> Path:
    shutil.copytree(
        PROJECT_ROOT / "challenge",
        tmp_path / "challenge",
        ignore=shutil.ignore_patterns("static", "templates", "__pycache__", "*.txt.gz"),
    )
    return tmp_path


def add_import(tree: Path, module: str, statement: str) -> None:
    path = tree / (module.replace(".", "/") + ".py")
    path.write_text(statement + "\n" + path.read_text())


def test_the_package_keeps_its_layers(package_copy):
    result = lint(package_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "statement", "reported"),
    [
        # The platform reaching up into a feature.
        (
            "challenge.participation.tallies",
            "import challenge.pledges.models",
            "challenge.participation is not allowed to import challenge.pledges",
        ),
        # One feature importing another.
        (
            "challenge.lessons.queries",
            "from challenge.quizzes import queries",
            "challenge.lessons is not allowed to import challenge.quizzes",
        ),
        # Core reaching into the platform.
        (
            "challenge.errors",
            "from challenge.audit import record",
            "challenge.errors is not allowed to import challenge.audit",
        ),
    ],
)
def test_an_import_against_the_layers_fails_the_lint(package_copy, module, statement, reported):
    add_import(package_copy, module, statement)
    result = lint(package_copy)
    assert result.returncode != 0
    assert reported in " ".join(result.stdout.split())
