"""The students' toolkit never imports the instructor package (read from the code itself).

Everything that knows an answer lives in ``instructor/``; secrecy is the boundary between the
two packages, so an import across it, even a lazy one inside a function or a ``try``, would
put an answer within a student's reach (or break their kernel, which lacks the package).
"""

import ast

from conftest import ROOT

INSTRUCTOR = "instructor"


def _imported(tree: ast.AST) -> list[tuple[int, str]]:
    """Every module an ``import``, ``from ... import`` or ``importlib`` call in ``tree`` names."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and node.args:
            name = ast.unparse(node.func)
            first = node.args[0]
            if name.endswith(("import_module", "__import__", "find_spec")) and isinstance(
                first, ast.Constant
            ):
                found.append((node.lineno, str(first.value)))
    return found


def _crosses(module: str) -> bool:
    return module == INSTRUCTOR or module.startswith(INSTRUCTOR + ".")


def test_nothing_in_the_toolkit_imports_the_instructor_package():
    """Does any module of toolkit/ import instructor, at the top, lazily or by name?"""
    files = sorted((ROOT / "toolkit").rglob("*.py"))
    assert len(files) > 50
    crossing = [
        f"{path.relative_to(ROOT)}:{line}: {module}"
        for path in files
        for line, module in _imported(ast.parse(path.read_text(encoding="utf-8")))
        if _crosses(module)
    ]
    assert not crossing, crossing


def test_no_string_in_the_toolkit_names_an_instructor_module_to_load():
    """Does the toolkit keep a dotted instructor module name (a registry entry, say)?"""
    named = []
    for path in sorted((ROOT / "toolkit").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        named += [
            f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and _crosses(node.value.strip())
        ]
    assert not named, named


def test_the_boundary_check_finds_a_lazy_import():
    """Would the check see an import hidden in a function, a try or an importlib call?"""
    code = (
        "def f():\n"
        "    try:\n"
        "        from instructor.keys import key_for\n"
        "    except ImportError:\n"
        "        pass\n"
        "    importlib.import_module('instructor.generator')\n"
        "import instructorish\n"
    )
    crossing = [m for _line, m in _imported(ast.parse(code)) if _crosses(m)]
    assert crossing == ["instructor.keys", "instructor.generator"]
