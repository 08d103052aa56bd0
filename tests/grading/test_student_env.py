"""The students' environment, built as the hub's kit builds it, runs the course and holds no answer.

``student_env`` is a fresh virtual environment with only the students' package (the toolkit's
wheel that ``deploy/jupyterhub/course_source.py`` builds, and the variants' data beside its
course data). Every lesson (``executed_notebooks`` runs them there) and every assignment's
student version run in its kernel; nothing they show, and nothing the environment holds, is an
answer of the answer key of the practice case or a sample variant; the instructor package
cannot be imported there.
"""

from __future__ import annotations

import nbformat
import pytest
from conftest import student_kernel
from grading_cases import answer_needles
from nbclient import NotebookClient

from toolkit.variants import PRACTICE, names, recorded, variant_set
from toolkit.variants.assign import PINS_ENV

pytestmark = pytest.mark.slow
STUDENT = "leak-check"
PROBE = (
    "try:\n"
    "    import instructor\n"
    "    print('INSTRUCTOR', instructor.__file__)\n"
    "except ImportError as error:\n"
    "    print('NO INSTRUCTOR', type(error).__name__)\n"
)


def _is_answer_or_test(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("solution") or meta.get("grade"))


@pytest.fixture(scope="session")
def student_versions(grading_course, student_env, tmp_path_factory):
    """Every assignment's student version, run in the students' kernel as student STUDENT.

    The student is pinned to each assignment's first sample variant, whose key is among the
    needles of the leak scan. Returns assignment -> executed notebook; the last cell of each
    tries to import the instructor package.
    """
    work = tmp_path_factory.mktemp("student-versions")
    pins = work / "variants.csv"
    rows = [f"{STUDENT},{a},{variant_set(a).sample[0]}" for a in names()]
    pins.write_text("student,assignment,variant\n" + "\n".join(rows) + "\n", encoding="utf-8")
    environ = {"JUPYTERHUB_USER": STUDENT, PINS_ENV: str(pins)}
    executed = {}
    with student_kernel(student_env, **environ) as kernel:
        for folder in sorted(grading_course.course.folder("release").iterdir()):
            for path in sorted(folder.glob("*.ipynb")):
                nb = nbformat.read(path, as_version=4)
                nb.cells.append(nbformat.v4.new_code_cell(PROBE))
                NotebookClient(
                    nb,
                    timeout=300,
                    kernel_name=kernel,
                    allow_errors=True,
                    resources={"metadata": {"path": str(folder)}},
                ).execute()
                executed[folder.name] = nb
    return executed


def test_every_lesson_runs_in_the_students_environment(executed_notebooks):
    """Does every lesson run top to bottom with the toolkit's wheel alone?"""
    failed = {name: repr(error)[:300] for name, (_nb, error) in executed_notebooks.items() if error}
    assert len(executed_notebooks) >= 5 and not failed, failed


#: what a cell may raise only because the student has not answered yet (blank answers)
UNANSWERED = {"NameError", "NotImplementedError"}


def test_every_student_version_runs_in_the_students_environment(student_versions):
    """Does every cell a student does not answer run, and show the student's own variant?

    Left blank, an answer cell raises, and so may a cell that shows the answer (a name not
    yet defined); nothing else may fail: no module, file or data the package lacks.
    """
    assert set(names()) <= set(student_versions)
    for assignment, nb in student_versions.items():
        broken = [
            (i, o.get("ename"), o.get("evalue", "")[:200])
            for i, cell in enumerate(nb.cells[:-1])
            if cell.cell_type == "code" and not _is_answer_or_test(cell)
            for o in cell.get("outputs", [])
            if o.get("output_type") == "error" and o.get("ename") not in UNANSWERED
        ]
        assert not broken, (assignment, broken)
        if assignment in names():
            ran = recorded(nb)
            assert ran is not None, assignment
            assert ran["student"] == STUDENT and ran["how"] == "pinned", ran
            assert ran["variant"] == variant_set(assignment).sample[0] != PRACTICE


def test_the_instructor_package_cannot_be_imported_there(student_versions):
    """Does `import instructor` fail in a student's kernel?"""
    for assignment, nb in student_versions.items():
        said = "".join(o.get("text", "") for o in nb.cells[-1].get("outputs", []))
        assert "NO INSTRUCTOR ModuleNotFoundError" in said, (assignment, said)


def test_no_answer_anywhere_a_student_can_read(
    grading_course, student_env, student_versions, executed_notebooks
):
    """Do the environment's files and what the notebooks showed hold no answer of any key?"""
    needles = answer_needles(grading_course.course)
    assert len(needles) > 20
    files = [
        p
        for place in (student_env.prefix / "lib", student_env.prefix / "share", student_env.data)
        for p in place.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.stat().st_size < 5_000_000
    ]
    texts = {str(p): p.read_text(encoding="utf-8", errors="ignore") for p in files}
    shown = {**{f"lesson {n}": nb for n, (nb, _e) in executed_notebooks.items()}, **{
        f"student version {a}": nb for a, nb in student_versions.items()
    }}  # fmt: skip
    for where, nb in shown.items():
        texts[where] = nbformat.writes(nb)
    assert any("toolkit" in path and path.endswith("variants.py") for path in texts)
    found = sorted((where, n[:60]) for where, t in texts.items() for n in needles if n in t)
    assert not found, found
