r"""Feedback shows no output that a submission could have filled with a hidden test.

The grading kernel must run the hidden tests, so from the moment the first cell holding hidden
tests is sent to it, code of the submission can know them: an IPython hook sees each cell's
source as it runs, ``In`` and the line cache keep it for every later cell, a ``sys.settrace``
hook reads the executing frame. Whatever that code prints — plainly, base64-encoded, reversed,
split — lands in an output of the running cell (or, through a display handle, of an earlier
one; :class:`instructor.admin.nbplugins.ExecuteAsStudent` stops that), and nbgrader copies
outputs into the student's feedback. Matching text cannot catch an encoding, so
:class:`SealHiddenTestOutputs` (``generate_feedback``, before
:class:`instructor.admin.nbplugins.HideHiddenTests` cuts the hidden regions) keeps only outputs
that no code could have derived from a hidden test:

- every code cell *before* the first cell that holds hidden tests keeps its outputs (the kernel
  had seen no hidden test when they were made);
- every graded code cell from there on (those holding hidden tests, and any other) shows one
  plain line, made here from its score as nbgrader counts it (an error fails the cell): whether
  its checks passed; nothing of what the cell printed, not even an error's message;
- every other code cell from there on shows a note instead of its outputs;
- execution counts are numbered afresh (a kernel can set its own count to any integer, and an
  integer can carry text), and saved widget state is dropped.

Examples
--------
>>> from nbformat.v4 import new_code_cell, new_notebook, new_output
>>> meta = {"nbgrader": {"grade": True, "grade_id": "t", "points": 1, "solution": False}}
>>> test = new_code_cell(
...     "assert ok\n### BEGIN HIDDEN TESTS\nassert secret_total == 4\n### END HIDDEN TESTS",
...     metadata=meta, outputs=[new_output("stream", name="stdout", text="YXNzZXJ0\n")])
>>> before = new_code_cell("x = 1", outputs=[new_output("stream", name="stdout", text="hi\n")])
>>> after = new_code_cell("print(In)", outputs=[new_output("stream", name="stdout", text="...")])
>>> nb, _ = SealHiddenTestOutputs().preprocess(new_notebook(cells=[before, test, after]), {})
>>> [c.outputs[0]["text"].strip() for c in nb.cells] == ["hi", PASSED, NOT_SHOWN]
True
"""

from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_output
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

__all__ = ["FAILED", "NOT_SHOWN", "PARTLY", "PASSED", "SealHiddenTestOutputs", "first_hidden"]

PASSED = "These checks passed."
PARTLY = "These checks passed in part."
FAILED = (
    "These checks did not pass. Run this cell in your own notebook to read what its visible "
    "checks say; your instructor's hidden checks are not shown."
)
NOT_SHOWN = (
    "(The output of this cell is not repeated here: it ran after checks your instructor keeps "
    "hidden. Your own notebook shows it.)"
)


def first_hidden(nb: NotebookNode, begin: str = "BEGIN HIDDEN TESTS") -> int | None:
    """Position of the first code cell of ``nb`` that holds hidden tests (None: there is none).

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> cells = [new_code_cell("x = 1"), new_code_cell("# BEGIN HIDDEN TESTS")]
    >>> first_hidden(new_notebook(cells=cells))
    1
    """
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and begin in cell.get("source", ""):
            return index
    return None


def _verdict(cell: NotebookNode) -> str:
    """The plain line of a graded code cell, from its score (nbgrader's own rule)."""
    score, most = utils.determine_grade(cell)
    if score is not None and score >= most:
        return PASSED
    return FAILED if not score else PARTLY


class SealHiddenTestOutputs(NbGraderPreprocessor):
    """Keep only the outputs made before any hidden test reached the kernel (see the module)."""

    begin_test_delimeter = Unicode("BEGIN HIDDEN TESTS").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        """Replace the outputs of every code cell from the first hidden test on; renumber."""
        nb.metadata.pop("widgets", None)
        start = first_hidden(nb, self.begin_test_delimeter)
        count = 0
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            cell.get("metadata", {}).pop("widgets", None)
            if cell.get("execution_count") is not None:
                count += 1
                cell.execution_count = count
            if start is None or index < start:
                continue
            if utils.is_grade(cell) and not utils.is_solution(cell):
                line = _verdict(cell)
            elif cell.get("outputs"):
                line = NOT_SHOWN
            else:
                continue
            cell.outputs = [new_output("stream", name="stdout", text=line + "\n")]
        return nb, resources
