"""The layout by concept: old import paths still work for released notebooks, and nothing is lost.

Student notebooks released before the move import ``toolkit.metrics``, ``toolkit.reading_checks``
and the like; they must keep working for the cohort that has them (``toolkit/_moved.py``).
"""

import importlib
import pkgutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import toolkit
from toolkit import _moved

ROOT = Path(__file__).resolve().parents[2]
RELEASED = [
    line
    for line in (ROOT / "tests" / "course" / "released-imports.txt").read_text().splitlines()
    if line and not line.startswith("#")
]
OLD_NAMES = [(module, name) for module, table in _moved.MOVED.items() for name in table]


def test_every_released_import_line_runs_in_a_fresh_kernel():
    """Does each import line of the released notebooks still run, in a new interpreter?"""
    script = "\n".join(
        [
            "import warnings",
            "warnings.simplefilter('error')",
            "warnings.simplefilter('ignore', PendingDeprecationWarning)",
            "failed = []",
            *[
                f"try:\n    {line}\nexcept Exception as e:\n    failed.append(({line!r}, repr(e)))"
                for line in RELEASED
            ],
            "print(failed)",
        ]
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


@pytest.mark.parametrize(("module", "name"), OLD_NAMES, ids=[f"{m}.{n}" for m, n in OLD_NAMES])
def test_old_name_is_the_object_at_its_new_home(module, name):
    """Is each old name the very object at its new home, with a warning that names that home?"""
    old = importlib.import_module(module)
    home, _, new_name = _moved.new_home(module, name).rpartition(".")
    with pytest.warns(PendingDeprecationWarning, match=f"moved to {home}.{new_name}"):
        value = getattr(old, name)
    assert value is getattr(importlib.import_module(home), new_name)


def test_old_module_says_where_each_name_went():
    """Does help() on an old module list every move?"""
    old = importlib.import_module("toolkit.reading_checks")
    assert "toolkit.indicators.assignment.check_lag" in old.__doc__
    assert sorted(dir(old)) == sorted(_moved.MOVED["toolkit.reading_checks"])


def test_unknown_old_name_is_a_plain_attribute_error():
    """Does a name that never existed give an AttributeError, not a crash in the finder?"""
    old = importlib.import_module("toolkit.metrics")
    with pytest.raises(AttributeError, match="has no attribute 'nonsense'"):
        old.nonsense  # noqa: B018


def test_course_code_uses_no_old_path():
    """Do the lessons, assignments, toolkit, benchmarks and tests import only the new paths?"""
    old = sorted(_moved.MOVED, key=len, reverse=True)
    offenders = []
    for path in [
        *ROOT.glob("notebooks/*.ipynb"),
        *ROOT.glob("grading/source/*/*.ipynb"),
        *ROOT.glob("toolkit/**/*.py"),
        *ROOT.glob("benchmarks/*.py"),
        *ROOT.glob("tests/**/*.py"),
        *ROOT.glob("deploy/**/*.py"),
    ]:
        if path.name in ("_moved.py", "test_moved.py"):
            continue
        text = path.read_text()
        for module in old:
            for form in (f"from {module} import", f"import {module}\n", f"import {module} "):
                if form in text or form.replace("\n", '\\n"') in text:
                    offenders.append(f"{path.relative_to(ROOT)}: {module}")
    assert not offenders, offenders


def test_every_public_package_is_in_the_lazy_map():
    """Does `toolkit.<name>` reach every package of the toolkit, and list it in dir()?"""
    packages = {
        m.name for m in pkgutil.iter_modules(toolkit.__path__) if not m.name.startswith("_")
    }
    assert packages == set(toolkit.__all__)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in packages:
            assert getattr(toolkit, name).__name__ == f"toolkit.{name}"


@pytest.mark.parametrize(
    "package",
    [
        "governance",
        "magic_wand",
        "indicators",
        "scorecard",
        "health",
        "steering",
        *(
            f"steering.{concept}"
            for concept in ("agenda", "dashboard", "decisions", "escalation", "plan", "portfolio")
        ),
    ],
)
def test_concept_packages_reexport_their_public_names(package):
    """Does each concept package give every name of its __all__ (widgets loaded on use)?"""
    module = importlib.import_module(f"toolkit.{package}")
    for name in module.__all__:
        assert getattr(module, name) is not None, f"toolkit.{package}.{name}"


def test_notebooks_released_before_keep_their_numbers():
    """Do the old import paths still give a number of months, and the old exercise its alliance?"""
    import warnings

    import pandas as pd

    from toolkit import data
    from toolkit.indicators import lesson
    from toolkit.indicators.lags import best_lag

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        from toolkit.indicator_exercises import check_best_lag
        from toolkit.metrics import best_lag as released_best_lag
    granite = (
        data.series("Granite", "deal_registrations"),
        data.series("Granite", "sourced_revenue"),
    )
    months = released_best_lag(*granite)
    assert isinstance(months, int) and months == best_lag(*granite).lag
    northwind = best_lag(
        data.series("Northwind", "deal_registrations"), data.series("Northwind", "sourced_revenue")
    )
    assert check_best_lag(northwind.lag).passed
    assert check_best_lag is lesson.check_northwind_lag
    with pytest.raises(ValueError, match="cannot measure a lag"):
        released_best_lag(pd.Series([1.0, 2.0]), pd.Series([2.0, 4.0]))
