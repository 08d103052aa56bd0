"""nbgrader configuration of the course: this folder is the course root.

Every nbgrader command (and the formgrader, Validate and assignment-list extensions started
by ``make lab`` through the repository's root ``nbgrader_config.py``) reads this file.
Settings an instructor may change without editing it come from environment variables:

- ``ALLIANCE_EXCHANGE``: the nbgrader exchange folder shared with students
  (default: ``grading/exchange``, enough for one machine; on a hub use a shared folder
  such as ``/srv/nbgrader/exchange``).
- ``ALLIANCE_CELL_TIMEOUT``: seconds one cell may run during autograding (default 60).
- ``ALLIANCE_GRADEBOOK``: the gradebook database URL (default ``grading/gradebook.db``).
"""

import csv
import os
from importlib.util import find_spec
from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

HERE = Path(__file__).resolve().parent

# --- the course ------------------------------------------------------------------------
c.CourseDirectory.course_id = "alliance-masterclass"
c.CourseDirectory.root = str(HERE)
c.CourseDirectory.db_url = os.environ.get(
    "ALLIANCE_GRADEBOOK", f"sqlite:///{HERE / 'gradebook.db'}"
)
# Files nbgrader never copies into a release, a submission or a feedback folder.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints",
    "*.pyc",
    "__pycache__",
    "feedback",
    "*.damaged",
    ".*.tmp",
]
# A submitted file larger than this (kilobytes) is left out of grading, with a warning in
# the log; the student's whole folder may not exceed max_dir_size.
c.CourseDirectory.max_file_size = 2000
c.CourseDirectory.max_dir_size = 20000

# --- the class list ----------------------------------------------------------------------
# grading/students.csv (id, first_name, last_name, email) is the class list: every
# `course-admin` command loads it into the gradebook (so the formgrader lists everyone), and
# the class report names who has not submitted. nbgrader itself ignores the CourseAdmin section.
STUDENTS_CSV = Path(os.environ.get("ALLIANCE_STUDENTS", HERE / "students.csv"))
c.CourseAdmin.students_csv = str(STUDENTS_CSV)
if STUDENTS_CSV.exists():
    with STUDENTS_CSV.open(newline="", encoding="utf-8-sig") as handle:
        c.CourseAdmin.students = [
            {k.strip(): (v or "").strip() for k, v in row.items() if k}
            for row in csv.DictReader(handle)
            if (row.get("id") or "").strip()
        ]

# --- autograding -------------------------------------------------------------------------
# One cell may run this long; a student's infinite loop is interrupted and the notebook's
# other cells still run and count.
c.Execute.timeout = int(os.environ.get("ALLIANCE_CELL_TIMEOUT", "60"))
c.Execute.interrupt_on_timeout = True
# A kernel busy with its own copies (a fork bomb stopped by the sandbox's process limit) may
# send a cell's last outputs late: the cell keeps the error its reply names and the notebook's
# other cells still run (nbgrader's default fails the whole notebook).
c.Execute.raise_on_iopub_timeout = False
# Once the last cell has answered, every output is in the notebook: the kernel is stopped at
# once instead of waiting for its interpreter to tear down (0.1-0.4 s a submission).
c.Execute.shutdown_kernel = "immediate"
# Each grading kernel (autograde, the formgrader's autograde, validate) runs in a bubblewrap
# sandbox: its own copy of the submission, the course environment read-only, no network,
# limits on memory, processes and disk (instructor/admin/sandbox.py; grading/README.md). Where it
# cannot start, grading refuses unless ALLIANCE_UNSANDBOXED=1 (course-admin --unsandboxed).
c.Execute.kernel_manager_class = "instructor.admin.sandbox.SandboxKernelManager"
# nbconvert checks the notebook against the schema once, after the last step, instead of
# after each of the ~16 steps of an autograde (about 0.07 s of the grader a submission); a
# notebook left invalid by any step is still refused.
c.Exporter.optimistic_validation = True
# A deleted grade cell is restored and graded instead of silently scoring 0.
c.OverwriteCells.add_missing_cells = True
# A copied graded cell is graded once, with a clear message, instead of failing (#1083);
# a deleted grade cell is restored even when the cell above it is a read-only widget cell.
c.Autograde.sanitize_preprocessors = [
    "instructor.admin.nbplugins.DecideVariant",
    "instructor.admin.nbplugins.CheckVariant",
    "nbgrader.preprocessors.ClearOutput",
    "instructor.admin.nbplugins.FlagDuplicateCells",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "instructor.admin.nbplugins.RestoreMissingCells",
    "instructor.admin.nbplugins.CheckCellMetadata",
]
# nbconvert's ClearMetadataPreprocessor runs inside `nbgrader autograde` (not in
# generate_assignment): it strips saved widget state from the autograded notebook and so from
# the feedback. Without the mask it would also wipe the nbgrader metadata of every code cell,
# and no test cell would get a score (auto_score stays None).
# nbgrader's own autograde steps, with the course's chart drawing right after the execution:
# the kernels leave charts as specifications and the grader draws them (toolkit.ui.render).
# Each pass starts by putting the submission's variant into its resources (DecideVariant: the
# variant course-admin decided, or under plain nbgrader one decided from the pins); each
# kernel starts with the student id and that variant (ExecuteAsStudent), so an assignment with
# variants is graded against the submitter's own case; CheckVariant (above) logs a notebook
# that ran someone else's.
c.Autograde.autograde_preprocessors = [
    "instructor.admin.nbplugins.DecideVariant",
    "instructor.admin.nbplugins.ExecuteAsStudent",
    "instructor.admin.nbplugins.RenderCharts",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "instructor.admin.nbplugins.CheckCellMetadata",
]
c.ClearMetadataPreprocessor.enabled = True
c.ClearMetadataPreprocessor.preserve_cell_metadata_mask = {"nbgrader"}
c.ClearMetadataPreprocessor.preserve_nb_metadata_mask = {("language_info", "name"), "kernelspec"}

# --- student versions --------------------------------------------------------------------
# Saved widget state must never reach a student version (nbgrader copies notebook metadata).
c.GenerateAssignment.preprocessors = [
    "nbgrader.preprocessors.IncludeHeaderFooter",
    "nbgrader.preprocessors.InstantiateTests",
    "nbgrader.preprocessors.LockCells",
    "nbgrader.preprocessors.ClearSolutions",
    "nbgrader.preprocessors.ClearOutput",
    "instructor.admin.nbplugins.StripWidgetState",
    "nbgrader.preprocessors.CheckCellMetadata",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.SaveCells",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Long outputs (a student printing in a loop) are cut before they reach the gradebook.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 40

# --- feedback ----------------------------------------------------------------------------
# nbgrader copies hidden tests into the feedback (nbgrader #1363): the course's
# HideHiddenTests preprocessor removes them before the HTML is made.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    # from the first cell that runs hidden tests on, a submission's code can know them and
    # print them in any encoding: graded cells show only whether their checks passed, other
    # cells a note instead of their outputs (instructor/admin/redact.py)
    "instructor.admin.redact.SealHiddenTestOutputs",
    "instructor.admin.nbplugins.HideHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# nbgrader's feedback page loads MathJax from a CDN; the course's "feedback" template (the
# same page, no remote script; found first) keeps feedback readable offline, also when the
# formgrader makes it.
_INSTRUCTOR = Path(find_spec("instructor").submodule_search_locations[0])
_NBGRADER = Path(find_spec("nbgrader").submodule_search_locations[0])
c.HTMLExporter.extra_template_basedirs = [
    str(_INSTRUCTOR / "admin" / "templates"),
    str(_NBGRADER / "server_extensions" / "formgrader" / "templates"),
]

# --- exchange and learning-management-system exports ---------------------------------------
c.Exchange.root = os.environ.get("ALLIANCE_EXCHANGE", str(HERE / "exchange"))
if "ALLIANCE_EXCHANGE" not in os.environ:
    # the one-machine exchange: made here, so the Assignments tab works before a first release
    # (nbgrader makes it world-writable on release; a hub's shared exchange is set up by root)
    (HERE / "exchange").mkdir(exist_ok=True)
c.Exchange.path_includes_course = True
# `course-admin collect --from-lms FOLDER` (nbgrader zip_collect) reads files as a
# learning-management system exports them: <login>_<user number>_<submission number>_<file>,
# with LATE_ after the login for late work (Canvas' "Download submissions" layout).
c.ZipCollectApp.collector_plugin = "nbgrader.plugins.FileNameCollectorPlugin"
# file_id keeps the extension: zip_collect strips one (splitext) and adds the file's own, so
# "decision-owners.answer.json" keeps its inner ".answer" (a file_id without it would lose it)
c.FileNameCollectorPlugin.named_regexp = (
    r".*/(?P<student_id>[A-Za-z0-9.-]+)_(?:LATE_)?\d+_\d+_(?P<file_id>[^/]+\.[a-z]+)$"
)
c.FileNameCollectorPlugin.valid_ext = [".ipynb", ".json"]
