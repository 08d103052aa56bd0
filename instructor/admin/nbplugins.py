r"""nbgrader preprocessors the course adds to nbgrader's own pipelines (see ``nbgrader_config.py``).

- :class:`StripWidgetState` (``generate_assignment``): a source notebook saved with live
  widgets carries their state in its metadata; nbgrader would copy it into the student
  version.
- :class:`FlagDuplicateCells` (``autograde``, in place of nbgrader's ``DeduplicateIds``): a
  student who copies a graded cell makes two cells with one grade id. nbgrader 0.9.6 blanks
  the copy's metadata to ``{}`` and then fails with a misleading "metadata may be corrupted"
  error (nbgrader #1083). Here the last copy keeps its grade id (as nbgrader intends), the
  other copies become ordinary cells that still run, and the log says so in plain words.
- :class:`RestoreMissingCells` (``autograde``, in place of nbgrader's ``OverwriteCells``):
  nbgrader 0.9.6 restores a deleted grade cell after the graded cell above it, and fails
  with a ``KeyError`` when the cell above is a read-only cell that is not graded (a widget
  cell, say). This puts it after the nearest cell above that is still there.
- :class:`RenderCharts` (``autograde``, right after nbgrader's ``Execute``): while grading,
  the toolkit leaves each chart as its Vega-Lite specification instead of starting a
  JavaScript engine in every student's kernel; this draws them all as the same accessible,
  offline SVG in the grader's process, where the engine stays warm across submissions.
- :class:`DecideVariant` (first in both ``autograde`` pipelines): puts the submission's
  variant into its ``resources`` (``resources["nbgrader"]["variant"]``), where the next two
  read it: the decision ``course-admin`` made and handed over
  (:func:`instructor.admin.variants.hand_over`), or, under plain nbgrader (the formgrader,
  ``nbgrader autograde``), one made here from the course root's pins and id map.
- :class:`ExecuteAsStudent` (``autograde``, in place of nbgrader's ``Execute``): starts each
  grading kernel with the submission's student id and its decided variant
  (``ALLIANCE_STUDENT``, ``ALLIANCE_VARIANT``), so that an assignment with variants is graded
  against the submitter's own case (see :mod:`instructor.admin.variants`). A grading kernel that
  never answers is replaced once by a new one: two kernels started at the same moment (a
  batch with several workers) can be given the same free port, and the second then hangs
  until nbclient gives up, which failed that student's submission. A display handle updates
  outputs of the running cell only: nbclient would rewrite the display in whichever earlier cell
  made it, and code running during a later hidden-test cell could so write into a cell whose
  outputs the feedback keeps (:mod:`instructor.admin.redact`).
- :class:`CheckVariant` (``autograde``, before the outputs are cleared): logs a notebook that
  ran another variant than its submitter's (``course-admin autograde`` also flags it).
- :class:`CheckCellMetadata` (in place of nbgrader's, twice per submission): the same check,
  with nbgrader's metadata schema compiled once per process instead of once per cell.
- :class:`HideHiddenTests` (``generate_feedback``): nbgrader restores hidden tests into the
  autograded notebook and so into the feedback a student receives (nbgrader #1363). This
  removes the hidden regions and, for those cells, keeps only the last line of a traceback
  (the error's name and message), which never shows test code.

Examples
--------
>>> from nbformat.v4 import new_code_cell, new_notebook
>>> hidden = "### BEGIN HIDDEN TESTS\nassert secret == 4\n### END HIDDEN TESTS"
>>> cell = new_code_cell("assert ok\n" + hidden,
...                      metadata={"nbgrader": {"grade": True, "grade_id": "t", "points": 1,
...                                             "locked": True, "solution": False}})
>>> nb, _ = HideHiddenTests().preprocess(new_notebook(cells=[cell]), {})
>>> "secret" in nb.cells[0].source
False
>>> cell.metadata["nbgrader"].update(schema_version=3, points="many")  # not a number
>>> CheckCellMetadata().preprocess(new_notebook(cells=[cell]), {})
Traceback (most recent call last):
...
jsonschema.exceptions.ValidationError: Notebook failed to validate; the nbgrader metadata ...
"""

from __future__ import annotations

import functools
import os

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import (
    CheckCellMetadata as NbgraderCheckCellMetadata,
)
from nbgrader.preprocessors import ClearHiddenTests, Execute, NbGraderPreprocessor, OverwriteCells
from traitlets import Dict

__all__ = [
    "HIDDEN_NOTE",
    "CheckCellMetadata",
    "CheckVariant",
    "DecideVariant",
    "ExecuteAsStudent",
    "FlagDuplicateCells",
    "HideHiddenTests",
    "RenderCharts",
    "RestoreMissingCells",
    "StripWidgetState",
    "duplicate_grade_ids",
]

HIDDEN_NOTE = "# (Your instructor's grading ran more checks here; they are not shown.)"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def duplicate_grade_ids(nb: NotebookNode) -> dict[str, int]:
    """Grade ids that more than one cell of ``nb`` carries, with how many cells carry each."""
    counts: dict[str, int] = {}
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id:
            counts[grade_id] = counts.get(grade_id, 0) + 1
    return {k: n for k, n in counts.items() if n > 1}


def _submission(preprocessor, resources) -> tuple[str, str, str]:
    """The course root, assignment and student of the notebook being graded."""
    graded = (resources or {}).get("nbgrader", {})
    root = preprocessor.config.CourseDirectory.get("root") or os.getcwd()
    return str(root), graded.get("assignment", ""), graded.get("student", "")


def _decided(resources):
    """The submission's decided variant, as :class:`DecideVariant` left it (None: none)."""
    from instructor.admin.variants import RESOURCE

    return (resources or {}).get("nbgrader", {}).get(RESOURCE)


class DecideVariant(NbGraderPreprocessor):
    """Put the submission's variant into ``resources``: course-admin's, or one decided here."""

    decisions = Dict(
        help="'assignment/student' -> the variant course-admin decided (see hand_over)"
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        """Set ``resources["nbgrader"]["variant"]`` (an ``Assigned``, or None: no variants)."""
        from instructor.admin.variants import RESOURCE, assigned

        root, assignment, student = _submission(self, resources)
        if assignment and student:
            decided = self.decisions.get(f"{assignment}/{student}")
            if decided is None:  # plain nbgrader: nobody decided before it ran
                decided = assigned(root, assignment, student)
            resources.setdefault("nbgrader", {})[RESOURCE] = decided
        return nb, resources


class ExecuteAsStudent(Execute):
    """nbgrader's ``Execute``, with the submission's student id and variant in the kernel.

    Under ``course-admin autograde`` (:mod:`instructor.admin.warm`) the kernel is a warm one,
    started while the previous submission graded: it is given this submission and this
    environment before the first cell runs, and the next warm kernel starts at once.
    """

    _warm = None  # the warm kernel taken for this notebook, until it has its submission
    _cold = False  # a kernel that failed: start the replacement the ordinary way

    def _kernel_env(self, env=None) -> dict[str, str]:
        """The grading kernel's environment: the student id and the decided variant set."""
        env = dict(os.environ if env is None else env)
        decided = _decided(self.resources)
        if decided is not None:
            extra = decided.kernel_env()
            env.update(extra)
            self.log.info("Grading %s of %s as %s", decided.assignment, decided.student, extra)
        return env

    def start_new_kernel(self, **kwargs):
        """Start the grading kernel with ``ALLIANCE_STUDENT`` and ``ALLIANCE_VARIANT`` set."""
        if _decided(self.resources) is not None:
            kwargs["env"] = self._kernel_env(kwargs.get("env"))
        return super().start_new_kernel(**kwargs)

    def create_kernel_manager(self):
        """A warm kernel's manager when the batch keeps one ready (and start the next one)."""
        from instructor.admin import warm
        from instructor.admin.sandbox import sandboxed

        if not self.kernel_name:  # as nbclient does, before the spare is started with it
            self.kernel_name = self.nb.metadata.get("kernelspec", {}).get("name") or ""
        pool = warm.active()
        _root, assignment, _student = _submission(self, self.resources)
        if pool is None or self._cold or not assignment or not sandboxed():
            return super().create_kernel_manager()
        km = pool.take()
        pool.refill(functools.partial(self._start_warm, assignment))
        if km is None:
            return super().create_kernel_manager()
        self.km = self._warm = km
        return km

    def _start_warm(self, assignment: str):
        """Start a warm kernel for the next submission of ``assignment`` (see the pool)."""
        from jupyter_core.utils import run_sync

        from instructor.admin import warm
        from instructor.admin.warm import source_modules

        root, _assignment, _student = _submission(self, self.resources)
        km = self.kernel_manager_class(kernel_name=self.kernel_name, config=self.config)
        km.warm_imports = source_modules(root, assignment)
        pool = warm.active()
        if pool is not None and hasattr(km, "zygote"):
            km.zygote = pool.zygote(root)
        arguments = list(self.extra_arguments)
        if km.ipykernel and self.ipython_hist_file:
            if not any(a.startswith("--HistoryManager.hist_file") for a in arguments):
                arguments.append(f"--HistoryManager.hist_file={self.ipython_hist_file}")
        run_sync(km.start_kernel)(extra_arguments=arguments, env=dict(os.environ))
        return km

    def start_new_kernel_client(self):
        """Connect to the grading kernel; if it never answers, start one new kernel and retry.

        A warm kernel is given this submission first (its files and the student's environment).
        """
        try:
            kc = super().start_new_kernel_client()
            if self._warm is not None:
                self._hand_over()
            return kc
        except RuntimeError as error:  # "Kernel didn't respond" / "Kernel died before replying"
            self.log.warning("The grading kernel did not start (%s); starting a new one", error)
            if self.km is not None:  # a warm kernel that could not take the submission
                self._cleanup_kernel()
            self._warm, self._cold = None, True
            self.km = self.create_kernel_manager()  # the failed one is shut down and cleaned up
            self.start_new_kernel()
            return super().start_new_kernel_client()

    def _hand_over(self) -> None:
        """Give the warm kernel this submission's files and environment before any cell runs."""
        km, self._warm = self._warm, None
        path = (self.resources or {}).get("metadata", {}).get("path") or os.getcwd()
        try:
            code = km.take_submission(path, self._kernel_env())
        except OSError as error:
            msg = f"the warm kernel could not be given the submission ({error})"
            raise RuntimeError(msg) from error
        how = "started ahead in a sandbox of its own"
        if getattr(km, "zygote", None) is not None:
            how = "forked ahead by the grading zygote into namespaces of its own"
        self.log.info("Grading in a warm kernel: %s, never used", how)
        reply = self.wait_for_reply(self.kc.execute(code, silent=True, store_history=False))
        content = (reply or {}).get("content", {})
        if content.get("status") != "ok":
            msg = f"the warm kernel could not take the submission ({content.get('evalue', '')})"
            raise RuntimeError(msg)

    async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
        """Run one cell, remembering which one runs (see :meth:`_update_display_id`)."""
        self._running_cell = cell_index
        return await super().async_execute_cell(cell, cell_index, *args, **kwargs)

    def _update_display_id(self, display_id, msg):
        """Apply nbclient's display update to the outputs of the running cell only."""
        everywhere = self._display_id_map.get(display_id)
        if not everywhere:
            return super()._update_display_id(display_id, msg)
        running = getattr(self, "_running_cell", None)
        self._display_id_map[display_id] = {
            cell: outputs for cell, outputs in everywhere.items() if cell == running
        }
        try:
            super()._update_display_id(display_id, msg)
        finally:
            self._display_id_map[display_id] = everywhere


class CheckVariant(NbGraderPreprocessor):
    """Log a submitted notebook that ran another variant than its submitter's own."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        """Compare the variant in the notebook's banner with the submitter's; warn if not equal."""
        from instructor.admin.variants import mismatch

        _root, _assignment, student = _submission(self, resources)
        decided = _decided(resources)
        if decided is not None:
            _ran, problem = mismatch(decided, student, nb)
            if problem is not None:
                self.log.warning("Variant: %s", problem.note)
        return nb, resources


class _CompiledSchemas:
    """``jsonschema.validate`` with each schema checked and compiled once, not on every call."""

    def __init__(self):
        import jsonschema

        self.ValidationError = jsonschema.ValidationError
        self._jsonschema = jsonschema
        self._validators: dict[str, object] = {}

    def validate(self, instance, schema) -> None:
        import json

        key = json.dumps(schema, sort_keys=True)
        validator = self._validators.get(key)
        if validator is None:
            cls = self._jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            validator = self._validators[key] = cls(schema)
        validator.validate(instance)


_SCHEMAS: list = []


class CheckCellMetadata(NbgraderCheckCellMetadata):
    """nbgrader's metadata check, its schema compiled once per process (it is per cell)."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        """Validate every cell's nbgrader metadata exactly as nbgrader does, only faster."""
        from nbgrader.nbgraderformat import common

        if not _SCHEMAS:
            _SCHEMAS.append(_CompiledSchemas())
        saved, common.jsonschema = common.jsonschema, _SCHEMAS[0]
        try:
            return super().preprocess(nb, resources)
        finally:
            common.jsonschema = saved


class StripWidgetState(NbGraderPreprocessor):
    """Remove saved widget state (notebook metadata and widget outputs) from a notebook."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        """Drop ``metadata.widgets`` and every widget view from the outputs."""
        nb.metadata.pop("widgets", None)
        for cell in nb.cells:
            cell.get("metadata", {}).pop("widgets", None)
            for output in cell.get("outputs", []):
                output.get("data", {}).pop(WIDGET_MIME, None)
        return nb, resources


class FlagDuplicateCells(NbGraderPreprocessor):
    """Keep the last cell of each grade id; earlier copies become ordinary cells."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        """Remove the nbgrader metadata of every earlier copy of a duplicated cell."""
        seen: set[str] = set()
        for index in range(len(nb.cells) - 1, -1, -1):
            cell = nb.cells[index]
            if not (utils.is_grade(cell) or utils.is_solution(cell) or utils.is_locked(cell)):
                continue
            grade_id = cell.metadata.nbgrader.get("grade_id")
            if grade_id in seen:
                self.log.warning(
                    "Cell %r appears more than once (the student copied it): the last copy "
                    "is graded; the copy at position %d runs as an ordinary cell.",
                    grade_id,
                    index + 1,
                )
                del cell.metadata["nbgrader"]
                cell.metadata.pop("deletable", None)
                cell.metadata.pop("editable", None)
            else:
                seen.add(grade_id)
        return nb, resources


class RenderCharts(NbGraderPreprocessor):
    """Draw the charts a grading kernel left as specifications (see ``toolkit.ui.render``)."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        """Turn every deferred chart output into SVG; log the ones that cannot be drawn."""
        from toolkit.ui.render import render_deferred

        for index, cell in enumerate(nb.cells, start=1):
            for problem in render_deferred(cell.get("outputs", [])):
                self.log.warning("Cell %d: %s", index, problem)
        return nb, resources


class HideHiddenTests(ClearHiddenTests):
    """Take hidden tests, and the tracebacks that quote them, out of a feedback notebook."""

    def preprocess_cell(self, cell: NotebookNode, resources: ResourcesDict, cell_index: int):
        """Cut the hidden region and shorten its cell's tracebacks to their last line."""
        if self.begin_test_delimeter not in cell.source:
            return cell, resources
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        cell.source = cell.source.rstrip("\n") + "\n" + HIDDEN_NOTE
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = [
                    f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
                ]
        return cell, resources


class RestoreMissingCells(OverwriteCells):
    """nbgrader's ``OverwriteCells``, restoring a deleted grade cell wherever it stood."""

    def add_missing_grade_cells(self, nb: NotebookNode, resources: ResourcesDict):
        """Insert each missing grade cell after the nearest source cell above it still present."""
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        source_cells = list(source_nb.source_cells)
        order = [cell.name for cell in source_cells]
        grade_cells = {cell.name: cell for cell in source_nb.grade_cells}
        solution_ids = {cell.name for cell in source_nb.solution_cells}
        for index, name in enumerate(order):
            if name not in grade_cells:
                continue
            present = {
                cell.metadata.get("nbgrader", {}).get("grade_id"): i
                for i, cell in enumerate(nb.cells)
                if cell.metadata.get("nbgrader", {}).get("grade_id")
            }
            if name in present:
                continue
            self.log.warning("Missing grade cell %s encountered, adding to notebook", name)
            cell = self.missing_cell_transform(
                source_cells[index], grade_cells[name].max_score, is_solution=name in solution_ids
            )
            above = next((present[p] for p in reversed(order[:index]) if p in present), -1)
            nb.cells.insert(above + 1, cell)
        return nb, resources
