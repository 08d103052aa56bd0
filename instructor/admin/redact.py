r"""Feedback never hands a hidden test back, even one a submission printed itself.

The grading kernel must run the hidden tests, so code in a submission can see them as they
run (an IPython ``pre_run_cell`` hook, say) and print them into an output, which nbgrader would
then copy into the student's feedback. :class:`RedactHiddenOutputs` (``generate_feedback``,
before :class:`instructor.admin.nbplugins.HideHiddenTests` cuts the hidden regions) replaces every
output, of any cell, that quotes a line of a hidden test by a plain note.

Examples
--------
>>> from nbformat.v4 import new_code_cell, new_notebook, new_output
>>> test = new_code_cell(
...     "assert ok\n### BEGIN HIDDEN TESTS\nassert secret_total == 4\n### END HIDDEN TESTS")
>>> answer = new_code_cell("x = 1", outputs=[new_output(
...     "stream", name="stdout", text="got: assert secret_total == 4\n")])
>>> nb, _ = RedactHiddenOutputs().preprocess(new_notebook(cells=[answer, test]), {})
>>> nb.cells[0].outputs[0]["text"] == REDACTED_NOTE + "\n"
True
"""

from __future__ import annotations

import json

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

__all__ = ["REDACTED_NOTE", "RedactHiddenOutputs", "hidden_lines"]

REDACTED_NOTE = "(This output is not shown: it quoted checks your instructor keeps hidden.)"
_SHORTEST = 8  # shorter lines ("pass", "else:") say nothing of a test


def hidden_lines(nb: NotebookNode, begin: str, end: str) -> set[str]:
    """The lines (stripped) between the hidden-test delimiters of every cell of ``nb``."""
    lines: set[str] = set()
    for cell in nb.cells:
        inside = False
        for line in cell.get("source", "").splitlines():
            if begin in line:
                inside = True
            elif end in line:
                inside = False
            elif inside and len(line.strip()) >= _SHORTEST:
                lines.add(line.strip())
    return lines


class RedactHiddenOutputs(NbGraderPreprocessor):
    """Replace each output that quotes a hidden test line by :data:`REDACTED_NOTE`."""

    begin_test_delimeter = Unicode("BEGIN HIDDEN TESTS").tag(config=True)
    end_test_delimeter = Unicode("END HIDDEN TESTS").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        """Redact the outputs of every cell that contain a hidden test's line."""
        secret = hidden_lines(nb, self.begin_test_delimeter, self.end_test_delimeter)
        if not secret:
            return nb, resources
        for index, cell in enumerate(nb.cells, start=1):
            outputs = cell.get("outputs", [])
            hides = self.begin_test_delimeter in cell.get("source", "")
            for i, output in enumerate(outputs):
                shown = output
                if hides and output.get("output_type") == "error":
                    # HideHiddenTests keeps only the error's name and message of this cell
                    shown = {"ename": output.get("ename"), "evalue": output.get("evalue")}
                text = json.dumps(shown, ensure_ascii=False)
                if any(json.dumps(line, ensure_ascii=False)[1:-1] in text for line in secret):
                    self.log.warning("Cell %d: an output quoted a hidden test; redacted", index)
                    outputs[i] = new_output("stream", name="stdout", text=REDACTED_NOTE + "\n")
        return nb, resources
