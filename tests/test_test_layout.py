"""The suite's own layout: test modules never import one another (shared helpers live in
tests/support/ or a package's non-test module), so each test module can run, move or be
deleted on its own."""

import ast
from pathlib import Path

TESTS = Path(__file__).parent


def is_test_module(dotted: str) -> bool:
    return dotted.rsplit(".", 1)[-1].startswith("test_")


def imported_modules(tree: ast.AST):
    """Every module an import statement names, `from X import y` also as X.y (y may be a module)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def imports_of_test_modules(source: str) -> list[tuple[int, str]]:
    return [
        (line, name)
        for line, name in imported_modules(ast.parse(source))
        if name.startswith("tests.") and is_test_module(name)
    ]


def test_no_test_module_imports_another_test_module():
    offences = [
        f"{path.relative_to(TESTS.parent)}:{line} imports {name}"
        for path in sorted(TESTS.rglob("*.py"))
        for line, name in imports_of_test_modules(path.read_text(encoding="utf-8"))
    ]
    assert not offences, "move shared helpers to tests/support/:\n" + "\n".join(offences)


def test_the_check_sees_every_form_of_import():
    source = (
        "from tests.quizzes.test_quizzes import send\n"
        "import tests.accounts.test_accounts\n"
        "from tests.pledges import test_pledges\n"
        "def later():\n    from tests.participation.test_recount import recount\n"
        "from tests.support.tallies import recount\n"
    )
    assert [line for line, _ in imports_of_test_modules(source)] == [1, 2, 3, 5]
