"""What build-course-env installs for the students: the toolkit package and the variants' data.

Made by the script build-course-env runs (``deploy/jupyterhub/course_source.py``) and
installed, as build-course-env installs it, in a fresh virtual environment that has nothing
else of this checkout (``student_env``), as a student's kernel on the hub has it. It must not
be able to produce an answer of a variant (no plan, no generator with the true lags, no
instructor package), its data must be the generator's numbers to the last digit, and the
graded assignment must grade with it alone.
"""

import json

import nbformat
import pandas as pd
import pytest
from conftest import ROOT, run_with_only

from instructor.keys import reading_the_indicators as variant_plan
from toolkit.indicators.variants import ASSIGNMENT, COUNT

SCRIPT = ROOT / "deploy" / "jupyterhub" / "course_source.py"
#: words that only the answer-bearing code uses: the plan, its seeds, the generator's profiles
MARKERS = (
    "RESEEDED",
    "_FALLING_PAIRS",
    "def plan_for",
    "def truth",
    "roles=",
    "true_lag",
    "Profile(",
    "alliance_data",
    "largest_gap=",
)
#: names that would hand a student the answers of their variant
ANSWERING = {"truth", "plan_for", "Plan", "RESEEDED", "generate", "write_data", "MARGINS"}


def _checked(done):
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [x for x in done.stdout.splitlines() if x.startswith("RESULT ")]
    assert lines, done.stdout + done.stderr
    return json.loads(lines[-1].removeprefix("RESULT "))


def test_build_course_env_installs_the_package_this_script_builds():
    """Does build-course-env install the toolkit's wheel and data made by course_source.py?"""
    script = (ROOT / "deploy" / "jupyterhub" / "build-course-env").read_text()
    assert '"$KIT/course_source.py" "$PREFIX/src"' in script
    assert '"$PREFIX"/src/dist/alliance_toolkit-*.whl' in script
    assert '-e "$PREFIX/src"' not in script  # installed as a package, not from a copy


def test_the_package_holds_the_toolkit_and_no_answer(course_env_source, student_env):
    """Does the wheel hold the toolkit and the course data, and no answer-bearing code?"""
    import zipfile

    wheel = next((course_env_source / "dist").glob("alliance_toolkit-*.whl"))
    members = zipfile.ZipFile(wheel).namelist()
    tops = {m.split("/")[0] for m in members}
    assert "toolkit" in tops and "instructor" not in tops, tops
    assert any(m.endswith("toolkit/indicators/variants.py") for m in members)
    assert (student_env.data / "panel.csv").exists()
    assert (course_env_source / "notebooks" / "00-start-here.ipynb").exists()  # for the homes
    places = [student_env.site / "toolkit", student_env.data]
    found = [
        (str(path), marker)
        for place in places
        for path in place.rglob("*")
        if path.is_file() and path.suffix in (".py", ".md", ".json", ".toml")
        for marker in MARKERS
        if marker in path.read_text(encoding="utf-8")
    ]
    assert not found, found
    data = student_env.data / "variants" / ASSIGNMENT
    assert len(list(data.glob("panel-*.csv"))) == len(list(data.glob("survey-*.csv"))) == COUNT + 1


def test_no_module_of_the_package_can_give_an_answer(student_env):
    """Imported as a student's kernel does, does any module offer a variant's answers?"""
    done = run_with_only(
        student_env,
        """
import importlib, importlib.util, json, pkgutil
import toolkit
offered, failed = [], []
for info in pkgutil.walk_packages(toolkit.__path__, "toolkit."):
    if info.name.endswith("__main__"):  # a command, not a module to import
        continue
    try:
        module = importlib.import_module(info.name)
    except Exception as error:
        failed.append(f"{info.name}: {error!r}")
        continue
    offered += [f"{info.name}.{n}" for n in vars(module) if n in ANSWERING]
try:
    import instructor
    instructor_found = instructor.__file__
except ImportError:
    instructor_found = None
print("RESULT", json.dumps({
    "toolkit": toolkit.__file__,
    "offered": offered,
    "failed": failed,
    "instructor": instructor_found,
    "old homes": [m for m in ("toolkit.data.generator", "toolkit.indicators.variant_plan",
                              "toolkit.steering.answer_key", "toolkit.admin")
                  if importlib.util.find_spec(m) is not None],
}))
""".replace("ANSWERING", repr(ANSWERING)),
    )
    got = _checked(done)
    assert got["toolkit"].startswith(str(student_env.site))
    assert got["offered"] == [] and got["failed"] == []
    assert got["instructor"] is None and got["old homes"] == []


def _fingerprint(panel: pd.DataFrame, survey: pd.DataFrame) -> list:
    return [
        [str(t) for t in table.dtypes] + [str(c) for c in table.columns]
        + [int(v) for v in pd.util.hash_pandas_object(table, index=True)]
        for table in (panel, survey)
    ]  # fmt: skip


def test_the_shipped_data_are_the_generators_numbers(student_env):
    """Does every variant read from the installed files equal the one the generator makes?"""
    done = run_with_only(
        student_env,
        """
import json
import pandas as pd
from toolkit.indicators import variants

def fingerprint(panel, survey):
    return [
        [str(t) for t in table.dtypes] + [str(c) for c in table.columns]
        + [int(v) for v in pd.util.hash_pandas_object(table, index=True)]
        for table in (panel, survey)
    ]

out = {"from_files": str(variants.FOLDER), "variants": []}
for n in range(variants.COUNT + 1):
    case = variants.case_for(n)
    out["variants"].append({
        "questions": case.questions.to_json(),
        "tables": fingerprint(case.panel, case.survey()),
    })
print("RESULT", json.dumps(out))
""",
    )
    got = _checked(done)
    assert got["from_files"].startswith(str(student_env.prefix))
    for number, shipped in enumerate(got["variants"]):
        assert shipped["questions"] == json.loads(
            json.dumps(variant_plan.questions_for(number).to_json())
        ), number
        assert shipped["tables"] == _fingerprint(*variant_plan.generate(number)), number


@pytest.mark.parametrize("student", ["ada", "ben"])
def test_the_assignment_grades_with_the_package_alone(student_env, tmp_path, student):
    """Do the key's answer files pass every check and hidden test with only what ships?

    Every automatic part is answered with a widget, so the student hands in the release and
    the files the widgets save: the key's files for the student's own variant.
    """
    source = ROOT / "grading" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    environ = {"JUPYTERHUB_USER": student, "ALLIANCE_VARIANTS": str(tmp_path / "none.csv")}
    which = run_with_only(
        student_env,
        "import json\nfrom toolkit.indicators.assignment import my_case\n"
        "print('RESULT', json.dumps(my_case().number))",
        cwd=tmp_path,
        environ=environ,
    )
    number = _checked(which)
    assert number != 0
    for name, text in variant_plan.answer_files(number).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = run_with_only(
        student_env,
        f"""
import json
import nbformat
from toolkit.indicators.assignment import my_case

nb = nbformat.read({str(source)!r}, 4)
namespace, ran = {{}}, []
for cell in nb.cells:
    if cell.cell_type == "code":
        exec(cell.source, namespace)
        ran.append(cell.metadata.get("nbgrader", {{}}).get("grade_id"))
print("RESULT", json.dumps({{"variant": my_case().number, "ran": ran}}))
""",
        cwd=tmp_path,
        environ=environ,
    )
    got = _checked(done)
    assert got["variant"] == number
    tests = {"classify_metrics", "revenue_lag", "falling_revenue", "health_band", "largest_gap"}
    assert tests <= set(got["ran"])


def test_the_hidden_tests_need_nothing_that_stays_behind():
    """Do the graded notebooks import nothing of the instructor package?"""
    import re

    for path in sorted((ROOT / "grading" / "source").rglob("*.ipynb")):
        for cell in nbformat.read(path, 4).cells:
            assert not re.search(r"\b(from|import)\s+instructor\b", cell.source), path.name


def test_the_hidden_falling_line_is_the_models_and_vetting_keeps_away_from_it():
    """Does the hidden test draw the model's line, and does vetting keep a margin on both sides?"""
    from toolkit.indicators.variants import FALLING_BELOW, FALLING_MARGIN

    source = ROOT / "grading" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    cell = next(
        c
        for c in nbformat.read(source, 4).cells
        if c.metadata.get("nbgrader", {}).get("grade_id") == "falling_revenue"
    )
    assert "FALLING_BELOW" in cell.source and "32.5" not in cell.source
    margins = variant_plan.MARGINS
    assert FALLING_MARGIN >= 5
    assert margins["falling"] == FALLING_BELOW - FALLING_MARGIN
    assert margins["steady"] == FALLING_BELOW + FALLING_MARGIN
