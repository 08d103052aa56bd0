"""A submission that smuggles hidden tests out, encoded, finds none of them in its feedback.

Two hostile submissions of the practice assignment, graded by ``course-admin``'s batch (real
nbgrader, in the sandbox) with an honest one, then given feedback (``course-admin feedback``'s
own step, which also runs the leak scan):

- ``seal-hooks`` registers, in its first answer (before any hidden test runs), an IPython
  ``pre_run_cell`` hook that prints every cell's source base64-encoded, reversed and split
  letter by letter, updates a display made in that first answer with the base64 text, and a
  ``post_run_cell`` hook that sets the kernel's execution count to the source as an integer; its
  second answer (after a hidden-test cell) prints the kernel's input history, base64 and
  reversed;
- ``seal-trace`` sets a ``sys.settrace`` hook that, in the first frame of a cell holding hidden
  tests, raises an error whose message is the base64 of that cell's source;
- ``seal-silent`` answers nothing and replaces IPython's ``_showtraceback``, so no failing cell
  sends an error output (nbgrader scores a test cell by its outputs): nbgrader's ``Execute``,
  under the course's ``ExecuteAsStudent``, adds the error the kernel's reply names, and the
  submission still scores 0.

Each trick is shown to work (the autograded notebook holds the encoded tests), and the feedback
page is searched for every hidden-test line plainly, reversed, split, inside every base64 run
and inside every long integer.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from grading_cases import make_submission

from instructor.admin.batch import autograde_all
from instructor.admin.redact import FAILED, NOT_SHOWN, PASSED
from instructor.admin.scan import scan_feedback, secret_lines
from instructor.admin.workflow import generate_feedback

pytestmark = pytest.mark.slow
ASSIGNMENT = "practice"
NOTEBOOK = "practice.ipynb"
HONEST = "seal-honest"

HOOKS_FIRST = r"""
import base64 as _b64
_shown = display("waiting for the tests", display_id=True)

def _forms(text):
    return [_b64.b64encode(text.encode()).decode(), text[::-1], "|".join(text)]

def _watch(info):
    if "BEGIN " + "HIDDEN" in info.raw_cell:
        print("\n".join(_forms(info.raw_cell)))
        _shown.update(_b64.b64encode(info.raw_cell.encode()).decode())

def _count(result):
    if "BEGIN " + "HIDDEN" in result.info.raw_cell:
        get_ipython().execution_count = int.from_bytes(result.info.raw_cell.encode(), "big")

get_ipython().events.register("pre_run_cell", _watch)
get_ipython().events.register("post_run_cell", _count)
"""
HOOKS_LATER = r"""
_past = "\n".join(In)
print(_b64.b64encode(_past.encode()).decode())
print(_past[::-1])
"""
TRACE_FIRST = r"""
import base64 as _b64, linecache as _lc, sys as _sys

def _trace(frame, event, arg):
    source = "".join(_lc.getlines(frame.f_code.co_filename))
    if event == "call" and "BEGIN " + "HIDDEN" in source:
        raise AssertionError(_b64.b64encode(source.encode()).decode())
    return None

_sys.settrace(_trace)
"""

SILENCE_FIRST = r"""
get_ipython()._showtraceback = lambda *args, **kwargs: None
"""


def hand_in(course, student: str, first: str = "", later: str = "", case="correct") -> Path:
    """A ``case`` submission with ``first`` before the first answer, ``later`` before the second."""
    folder = make_submission(case, ASSIGNMENT, course, student)
    path = folder / NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        code = {"first_month_answer": first, "classify_answer": later}.get(grade_id)
        if code:
            cell.source = code + "\n" + cell.source
    nbformat.write(nb, path)
    return folder


def exposures(text: str, secrets: set[str]) -> set[str]:
    """How ``text`` shows any of ``secrets``: plain, reversed, split, in base64, as an integer."""
    found = set()
    flat = " ".join(text.split())
    for secret in secrets:
        if secret in text or " ".join(secret.split()) in flat:
            found.add("plain")
        if secret[::-1] in text:
            found.add("reversed")
        if "|".join(secret) in text:
            found.add("split")
    for run in re.findall(r"[A-Za-z0-9+/]{16,}={0,2}", text):
        try:
            decoded = base64.b64decode(run + "=" * (-len(run) % 4)).decode("utf-8", "ignore")
        except (binascii.Error, ValueError):
            continue
        if any(secret in decoded for secret in secrets):
            found.add("base64")
    for run in re.findall(r"\d{40,}", text):
        number = int(run)
        decoded = number.to_bytes((number.bit_length() + 7) // 8, "big").decode("utf-8", "ignore")
        if any(secret in decoded for secret in secrets):
            found.add("integer")
    return found


def page_text(path: Path) -> str:
    """The feedback page's text as a reader sees it (tags removed, entities decoded), and raw."""
    raw = path.read_text(encoding="utf-8")
    return raw + "\n" + html.unescape(re.sub(r"<[^>]+>", "", raw))


def kernel_said(path: Path) -> str:
    """Every output text and execution count of an autograded notebook, one string."""
    nb = nbformat.read(path, as_version=4)
    parts = []
    for cell in nb.cells:
        parts.append(str(cell.get("execution_count")))
        for output in cell.get("outputs", []):
            parts += [str(output.get("text", "")), str(output.get("evalue", ""))]
            parts += [str(v) for v in output.get("data", {}).values()]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def sealed(grading_course):
    """The two smugglers and an honest student, graded in one batch, feedback made."""
    course, root = grading_course.course, grading_course.root
    hand_in(course, HONEST)
    hand_in(course, "seal-hooks", HOOKS_FIRST, HOOKS_LATER)
    hand_in(course, "seal-trace", TRACE_FIRST)
    hand_in(course, "seal-silent", SILENCE_FIRST, case="blank")
    students = [HONEST, "seal-hooks", "seal-trace", "seal-silent"]
    outcomes = autograde_all(course, [ASSIGNMENT], students, progress=False)
    lines = generate_feedback(course, [ASSIGNMENT])
    source = nbformat.read(root / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    return {
        "course": course,
        "root": root,
        "outcomes": {o.student: o for o in outcomes},
        "lines": lines,
        "secrets": secret_lines(source.cells, "HIDDEN TESTS"),
    }


def _autograded(sealed, student: str) -> Path:
    return sealed["root"] / "autograded" / student / ASSIGNMENT / NOTEBOOK


def _feedback(sealed, student: str) -> Path:
    return sealed["root"] / "feedback" / student / ASSIGNMENT / "practice.html"


def test_the_tricks_work_in_the_grading_kernel(sealed):
    """The kernel did hand the hidden tests to the submission's code, in every encoding tried."""
    assert sealed["secrets"]
    hooks = exposures(kernel_said(_autograded(sealed, "seal-hooks")), sealed["secrets"])
    assert {"base64", "reversed", "split", "integer"} <= hooks, hooks
    trace = exposures(kernel_said(_autograded(sealed, "seal-trace")), sealed["secrets"])
    assert "base64" in trace, trace
    assert sealed["outcomes"]["seal-hooks"].status == "graded"


def test_no_feedback_shows_a_hidden_test_in_any_encoding(sealed):
    """Plain, reversed, split, base64 or integer: not one hidden-test line in any feedback."""
    assert any("feedback files" in line for line in sealed["lines"]), sealed["lines"]
    for student in (HONEST, "seal-hooks", "seal-trace"):
        page = _feedback(sealed, student)
        assert exposures(page_text(page), sealed["secrets"]) == set(), student
        assert "BEGIN HIDDEN" not in page.read_text(encoding="utf-8")


def test_a_display_made_before_the_tests_cannot_be_rewritten_during_them(sealed):
    """The first answer's display keeps what it showed when its own cell ran."""
    nb = nbformat.read(_autograded(sealed, "seal-hooks"), as_version=4)
    first = next(
        c
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade_id") == "first_month_answer"
    )
    shown = " ".join(str(o.get("data", {}).get("text/plain", "")) for o in first.outputs)
    assert "waiting for the tests" in shown, first.outputs
    assert "waiting for the tests" in page_text(_feedback(sealed, "seal-hooks"))


def test_feedback_says_which_checks_passed_in_plain_words(sealed):
    """Each graded cell says whether its checks passed, as its score does; nothing else of it."""
    honest = _feedback(sealed, HONEST).read_text(encoding="utf-8")
    # the three cells with hidden tests; plan_saved ran before any and keeps its own outputs
    assert honest.count(PASSED) == 3 and FAILED not in honest
    hooks = page_text(_feedback(sealed, "seal-hooks"))
    assert NOT_SHOWN in hooks  # its second answer ran after a hidden test
    trace = page_text(_feedback(sealed, "seal-trace"))
    assert FAILED in trace  # its own trap failed its checks; its message is not shown
    assert "most recent call last" not in trace  # the trap's error is not shown, only the line
    assert sealed["outcomes"][HONEST].score == sealed["outcomes"][HONEST].max_score


def test_the_feedback_scan_would_refuse_an_encoded_hidden_test(sealed):
    """Were the seal ever undone, ``course-admin feedback``'s scan refuses the page."""
    root = sealed["root"]
    said = kernel_said(_autograded(sealed, "seal-hooks")).splitlines()
    honest = _feedback(sealed, HONEST).read_text(encoding="utf-8")
    assert scan_feedback(sealed["course"], ASSIGNMENT) == []
    for trick in ("base64", "reversed"):
        line = next(x for x in said if exposures(x, sealed["secrets"]) == {trick})
        folder = root / "feedback" / f"seal-{trick}" / ASSIGNMENT
        folder.mkdir(parents=True)
        try:
            (folder / "practice.html").write_text(
                honest.replace("</body>", f"<pre>{html.escape(line)}</pre></body>"),
                encoding="utf-8",
            )
            leaks = scan_feedback(sealed["course"], ASSIGNMENT)
        finally:
            shutil.rmtree(folder.parent)
        assert leaks and all("encoded" in leak for leak in leaks), (trick, leaks)


def test_a_submission_that_hides_its_errors_still_fails_its_checks(sealed):
    """No error output is sent, yet every automatic point is lost and each failure is recorded."""
    outcome = sealed["outcomes"]["seal-silent"]
    assert outcome.status == "graded", outcome.line()
    assert outcome.score == 0 < outcome.max_score, outcome.line()
    nb = nbformat.read(_autograded(sealed, "seal-silent"), as_version=4)
    graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    graded = [c for c in graded if c.cell_type == "code"]
    assert graded and all(any(o.output_type == "error" for o in c.outputs) for c in graded)
