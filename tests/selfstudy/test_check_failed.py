"""A failed check in one plain sentence: what a real kernel shows, and what nbgrader scores."""

import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from toolkit.selfstudy import Check, CheckFailed, Report, require, require_report

SENTENCE = "Not answered yet: pick the body that decides pricing in the widget above."
FAILING = f"from toolkit.selfstudy import require\nrequire(False, {SENTENCE!r})"


def test_check_failed_is_one_sentence_and_an_assertion():
    """Is a failed check an AssertionError whose traceback is its sentence alone?"""
    with pytest.raises(AssertionError) as caught:
        require([], "Pick at least one alliance.\n  Then run this cell again.")
    assert isinstance(caught.value, CheckFailed)
    assert caught.value._render_traceback_() == [
        "Pick at least one alliance. Then run this cell again."
    ]
    require(["alder"], "never raised")
    with pytest.raises(ValueError, match="needs a sentence"):
        CheckFailed("  ")


def test_a_report_that_did_not_pass_fails_with_its_first_problem():
    """Does a report with a failed check raise, naming it and where to look (and pass else)?"""
    report = Report(
        "demo.answer",
        [
            Check("You picked a body", True),
            Check("The body meets often enough", False, look_at="Look at how often it meets."),
        ],
    )
    with pytest.raises(CheckFailed) as caught:
        require_report(report)
    assert caught.value.sentence == (
        "1 of 2 checks passed. Not yet: The body meets often enough. Look at how often it meets."
    )
    require_report(Report("demo.answer", [Check("You picked a body", True)]))


def test_a_real_kernel_shows_the_sentence_without_a_traceback():
    """In a real kernel (nbclient), is the failing cell's error output the sentence alone?"""
    cells = ["import toolkit", FAILING, "print('the next cell runs')"]
    nb = new_notebook(cells=[new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=120).execute()
    (error,) = nb.cells[1].outputs
    assert error["output_type"] == "error" and error["ename"] == "CheckFailed"
    assert error["traceback"] == [SENTENCE]
    assert error["evalue"] == SENTENCE
    # a plain assert, for comparison, shows its code and the traceback's frames
    plain = new_notebook(cells=[new_code_cell("assert 1 == 2, 'Not yet'")])
    NotebookClient(plain, kernel_name="python3", allow_errors=True, timeout=120).execute()
    assert len(plain.cells[0].outputs[0]["traceback"]) > 1


def _meta(grade_id, *, grade=False, solution=False, locked=False, points=0):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3}
    meta["solution"] = solution
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def _tiny_assignment(folder: Path) -> None:
    """A two-part assignment: a check that passes, and one that fails in a sentence unless the
    answer file says "exec"."""
    folder.mkdir(parents=True)
    cells = [
        new_markdown_cell("# Tiny", metadata=_meta("intro", locked=True)),
        new_code_cell(
            '"""Is arithmetic working?"""\nfrom toolkit.selfstudy import require\n'
            'require(1 + 1 == 2, "Arithmetic is broken.")',
            metadata=_meta("passes", grade=True, locked=True, points=1),
        ),
        new_code_cell(
            '"""Did you pick the body that decides pricing?"""\n'
            "from pathlib import Path\n"
            'answer = Path("my-pricing.txt").read_text().strip() '
            'if Path("my-pricing.txt").exists() else ""\n'
            f'require(answer == "exec", {SENTENCE!r})',
            metadata=_meta("pricing", grade=True, locked=True, points=2),
        ),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, folder / "tiny.ipynb")


@pytest.mark.slow
def test_nbgrader_scores_the_failed_check_zero_and_shows_the_sentence(tmp_path, monkeypatch):
    """Autograded by the real nbgrader (in-process API): does the failing check cell score 0
    with only the sentence in its output, while a student whose answer is right scores it?"""
    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    root = tmp_path / "course"
    _tiny_assignment(root / "source" / "tiny")
    config = Config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.course_id = "tiny-course"
    config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    config.Exchange.root = str(tmp_path / "exchange")
    config.Execute.timeout = 60
    api = NbGraderAPI(config=config)
    assert api.generate_assignment("tiny", force=True)["success"]
    for student, answer in (("wrong", "jsc"), ("right", "exec")):
        submitted = root / "submitted" / student / "tiny"
        shutil.copytree(root / "release" / "tiny", submitted)
        (submitted / "my-pricing.txt").write_text(answer)
        (submitted / "timestamp.txt").write_text("2026-12-07 01:00:00.000000 UTC")
        result = api.autograde("tiny", student, force=True, create=True)
        assert result["success"], result.get("error") or result.get("log")

    with Gradebook(config.CourseDirectory.db_url) as gb:
        wrong = gb.find_submission_notebook("tiny", "tiny", "wrong")
        right = gb.find_submission_notebook("tiny", "tiny", "right")
        grades = {g.name: (g.auto_score, g.max_score) for g in wrong.grades}
        assert grades == {"passes": (1, 1), "pricing": (0, 2)}
        assert {g.name: g.auto_score for g in right.grades} == {"passes": 1, "pricing": 2}

    graded = nbformat.read(root / "autograded" / "wrong" / "tiny" / "tiny.ipynb", as_version=4)
    (cell,) = [
        c for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "pricing"
    ]
    (error,) = cell.outputs
    assert error["output_type"] == "error" and error["traceback"] == [SENTENCE]
