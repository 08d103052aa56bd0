"""What build-course-env installs for the students: the variants' data, never their answers.

The copy is made by the script build-course-env runs (``deploy/jupyterhub/course_source.py``)
and imported in a Python that sees nothing else of the toolkit, as a student's kernel on the
hub does. It must not be able to produce an answer of a variant (no plan, no generator with
the true lags), its data must be the generator's numbers to the last digit, and the graded
assignment must grade with it alone.
"""

import importlib.util
import json

import nbformat
import pandas as pd
import pytest
from conftest import ROOT, run_with_only

from toolkit.indicators import variant_plan
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


def test_build_course_env_installs_the_copy_this_script_makes():
    """Does build-course-env copy the toolkit only through course_source.py?"""
    script = (ROOT / "deploy" / "jupyterhub" / "build-course-env").read_text()
    assert '"$KIT/course_source.py" "$PREFIX/src"' in script
    assert 'cp -r "$REPO/$part"' not in script and "for part in" not in script


def test_the_copy_leaves_out_the_plan_and_the_generator(course_env_source):
    """Are the generator and the variants' plan absent, and no answer-bearing code left?"""
    toolkit = course_env_source / "toolkit"
    assert (toolkit / "indicators" / "variants.py").exists()
    assert (course_env_source / "notebooks" / "00-start-here.ipynb").exists()  # for the homes
    assert not (toolkit / "data" / "generator").exists()
    assert not (toolkit / "indicators" / "variant_plan.py").exists()
    found = [
        (str(path.relative_to(course_env_source)), marker)
        for path in course_env_source.rglob("*")
        if path.is_file() and path.suffix in (".py", ".md", ".json", ".toml")
        for marker in MARKERS
        if marker in path.read_text(encoding="utf-8")
    ]
    assert not found, found
    data = course_env_source / "datasets" / "variants" / ASSIGNMENT
    assert len(list(data.glob("panel-*.csv"))) == len(list(data.glob("survey-*.csv"))) == COUNT + 1


def test_no_module_of_the_copy_can_give_an_answer(course_env_source):
    """Imported as a student's kernel does, does any module offer a variant's answers?"""
    done = run_with_only(
        course_env_source,
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
from toolkit.variants.registry import variant_set
vets = {}
for name in ("reading-the-indicators", "steering-committee"):
    try:
        variant_set(name).vet(1)
        vets[name] = "vetted"
    except FileNotFoundError as error:
        vets[name] = str(error)
print("RESULT", json.dumps({
    "toolkit": toolkit.__file__,
    "offered": offered,
    "failed": failed,
    "missing": [m for m in ("toolkit.data.generator", "toolkit.indicators.variant_plan",
                            "toolkit.steering.answer_key")
                if importlib.util.find_spec(m) is None],
    "vet": vets,
}))
""".replace("ANSWERING", repr(ANSWERING)),
    )
    got = _checked(done)
    assert got["toolkit"].startswith(str(course_env_source))
    assert got["offered"] == [] and got["failed"] == []
    assert got["missing"] == [
        "toolkit.data.generator",
        "toolkit.indicators.variant_plan",
        "toolkit.steering.answer_key",
    ]
    for name, said in got["vet"].items():
        assert "leaves out on purpose" in said and "make vet" in said, (name, said)


def _fingerprint(panel: pd.DataFrame, survey: pd.DataFrame) -> list:
    return [
        [str(t) for t in table.dtypes] + [str(c) for c in table.columns]
        + [int(v) for v in pd.util.hash_pandas_object(table, index=True)]
        for table in (panel, survey)
    ]  # fmt: skip


def test_the_shipped_data_are_the_generators_numbers(course_env_source):
    """Does every variant read from the copy's files equal the one the generator makes?"""
    done = run_with_only(
        course_env_source,
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

out = {"from_files": variants._index() is not None, "variants": []}
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
    assert got["from_files"]
    for number, shipped in enumerate(got["variants"]):
        assert shipped["questions"] == json.loads(
            json.dumps(variant_plan.questions_for(number).to_json())
        ), number
        assert shipped["tables"] == _fingerprint(*variant_plan.generate(number)), number


@pytest.mark.parametrize("student", ["ada", "ben"])
def test_the_assignment_grades_with_the_copy_alone(course_env_source, tmp_path, student):
    """Do the reference solution's answers pass every hidden test with only what ships?"""
    source = ROOT / "grading" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    done = run_with_only(
        course_env_source,
        f"""
import json
import nbformat
from toolkit.indicators.assignment import my_case
from toolkit.indicators.catalogue import kind_of
from toolkit.indicators.sorter import KIND

case = my_case()
answers = {{m: kind_of(m) for m in case.metrics}}
with open("my-indicator-sorting.json", "w") as file:
    json.dump({{"kind": KIND, "data": {{"answers": answers}}}}, file)
nb = nbformat.read({str(source)!r}, 4)
namespace, ran = {{}}, []
for cell in nb.cells:
    if cell.cell_type == "code":
        exec(cell.source, namespace)
        ran.append(cell.metadata.get("nbgrader", {{}}).get("grade_id"))
lag = int(namespace["lag_months"])
print("RESULT", json.dumps({{"variant": case.number, "ran": ran, "lag": lag}}))
""",
        cwd=tmp_path,
        env={"JUPYTERHUB_USER": student, "ALLIANCE_VARIANTS": str(tmp_path / "none.csv")},
    )
    got = _checked(done)
    assert got["variant"] != 0
    assert {"revenue_lag", "falling_revenue", "largest_gap"} <= set(got["ran"])
    assert got["lag"] == variant_plan.truth(got["variant"])["lag"]


def test_the_hidden_tests_need_nothing_that_stays_behind():
    """Do the graded notebooks import only modules that the course environment has?"""
    spec = importlib.util.spec_from_file_location("course_source", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    held_back = {p.removesuffix(".py").replace("/", ".") for p in script.INSTRUCTOR_ONLY}
    assert "toolkit.indicators.variant_plan" in held_back
    for path in sorted((ROOT / "grading" / "source").rglob("*.ipynb")):
        for cell in nbformat.read(path, 4).cells:
            for module in held_back:
                assert module not in cell.source, (path.name, module)


def test_the_hidden_falling_threshold_sits_between_the_vetting_margins():
    """Does the hidden test's cut-off lie between what vetting keeps falling and steady?"""
    import re

    source = ROOT / "grading" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    cell = next(
        c
        for c in nbformat.read(source, 4).cells
        if c.metadata.get("nbgrader", {}).get("grade_id") == "falling_revenue"
    )
    cut = float(re.search(r"graded_leading < (-?[\d.]+)\]", cell.source).group(1))
    margins = variant_plan.MARGINS
    assert margins["falling"] + 5 <= cut <= margins["steady"] - 5, (cut, margins)
