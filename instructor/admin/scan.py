r"""Leak scans: what students receive must hold no solution, hidden test or saved widget state.

:func:`scan_release` compares each student version with its source notebook; every line
of a solution region or of a hidden-test region that does not also appear in the visible
part of the source is a *secret*, and no secret may appear in the student version.
:func:`scan_feedback` does the same for hidden tests in the feedback HTML, also written
backwards or inside base64 text (a submission can print what it saw of the tests encoded;
:mod:`instructor.admin.redact` keeps such outputs out, and this scan would catch a regression),
and also refuses remote scripts (feedback must open offline).

Examples
--------
>>> from nbformat.v4 import new_code_cell
>>> hidden = "### BEGIN HIDDEN TESTS\nassert answer == 42\n### END HIDDEN TESTS"
>>> cell = new_code_cell("x = 1\n" + hidden)
>>> sorted(secret_lines([cell], "HIDDEN TESTS"))
['assert answer == 42']
"""

from __future__ import annotations

import base64
import binascii
import html
import re

import nbformat

from instructor.admin.course import Course

__all__ = ["Leak", "scan_feedback", "scan_release", "secret_lines"]

MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
REMOTE_SCRIPT = re.compile(r"<script[^>]+src=[\"']?(https?:)?//", re.IGNORECASE)
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


class Leak(str):
    """One finding of a scan, in words (file, place, what leaked)."""


def _significant(line: str) -> bool:
    text = line.strip()
    return len(text) >= 6 and not text.startswith("#") and text not in {"pass", "...", '"""'}


def secret_lines(cells, region: str) -> set[str]:
    r"""Lines inside ``### BEGIN <region>`` blocks not also written outside such blocks.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell
    >>> cell = new_code_cell(
    ...     'answer = read_saved(q, "lag.answer.json", variant=n)\n'
    ...     "### BEGIN HIDDEN TESTS\n"
    ...     "graded = read_saved(\n"
    ...     '    q,\n    "lag.answer.json",\n)\n'
    ...     "assert graded == truth_of_the_graded_case\n"
    ...     "### END HIDDEN TESTS"
    ... )
    >>> sorted(secret_lines([cell], "HIDDEN TESTS"))
    ['assert graded == truth_of_the_graded_case', 'graded = read_saved(']
    """
    inside: set[str] = set()
    outside: set[str] = set()
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        lines = cell.source.splitlines()
        has_region = any(f"BEGIN {region}" in line for line in lines)
        whole = region == "SOLUTION" and meta.get("solution") and not has_region
        state = False
        for line in lines:
            if f"BEGIN {region}" in line:
                state = True
            elif f"END {region}" in line:
                state = False
            elif state or whole:
                inside.add(line.strip())
            else:
                outside.add(line.strip())
    # a line that is part of a visible one (a file name on a line of its own in a hidden
    # test, written inside a call in the visible code) tells a student nothing
    shown = "\n".join(outside)
    return {line for line in inside - outside if _significant(line) and line not in shown}


def scan_release(course: Course, assignment: str) -> list[Leak]:
    """Problems in the student version of ``assignment`` (an empty list when it is clean)."""
    leaks: list[Leak] = []
    for source_path in sorted((course.folder("source") / assignment).glob("*.ipynb")):
        source = nbformat.read(source_path, as_version=4)
        released_path = course.folder("release") / assignment / source_path.name
        if not released_path.exists():
            leaks.append(Leak(f"{released_path}: missing (run the release first)"))
            continue
        released = nbformat.read(released_path, as_version=4)
        where = f"release/{assignment}/{source_path.name}"
        if "widgets" in released.metadata:
            leaks.append(Leak(f"{where}: saved widget state in the notebook metadata"))
        secrets = secret_lines(source.cells, "SOLUTION") | secret_lines(
            source.cells, "HIDDEN TESTS"
        )
        for number, cell in enumerate(released.cells, start=1):
            for marker in MARKERS:
                if marker in cell.source:
                    leaks.append(Leak(f"{where}, cell {number}: marker {marker!r} left in"))
            for line in cell.source.splitlines():
                if line.strip() in secrets:
                    leaks.append(
                        Leak(f"{where}, cell {number}: solution or hidden test {line.strip()!r}")
                    )
            if cell.get("outputs"):
                leaks.append(Leak(f"{where}, cell {number}: outputs left in"))
            if cell.get("execution_count"):
                leaks.append(Leak(f"{where}, cell {number}: execution count left in"))
            if "widgets" in cell.get("metadata", {}):
                leaks.append(Leak(f"{where}, cell {number}: saved widget state"))
    return leaks


def scan_feedback(course: Course, assignment: str) -> list[Leak]:
    """Hidden tests or remote scripts in the feedback HTML files of ``assignment``."""
    leaks: list[Leak] = []
    secrets: set[str] = set()
    for source_path in (course.folder("source") / assignment).glob("*.ipynb"):
        secrets |= secret_lines(nbformat.read(source_path, as_version=4).cells, "HIDDEN TESTS")
    feedback = course.folder("feedback")
    for path in sorted(feedback.glob(f"*/{assignment}/*.html")):
        text = path.read_text(encoding="utf-8")
        where = str(path.relative_to(course.root))
        for secret in sorted(secrets):
            if secret in text or html.escape(secret) in text or _tokens_in(secret, text):
                leaks.append(Leak(f"{where}: hidden test {secret!r}"))
        for secret in sorted(_encoded(secrets, text)):
            leaks.append(Leak(f"{where}: hidden test {secret!r}, encoded (base64 or backwards)"))
        if "HIDDEN TESTS" in text:
            leaks.append(Leak(f"{where}: hidden-test marker left in"))
        if REMOTE_SCRIPT.search(text):
            leaks.append(Leak(f"{where}: loads a remote script (feedback must work offline)"))
    return leaks


_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")


def _encoded(secrets: set[str], text: str) -> set[str]:
    r"""The secrets that ``text`` holds backwards or inside a run of base64 characters.

    Examples
    --------
    >>> import base64
    >>> page = "<pre>" + base64.b64encode(b"x = 1\nassert answer == 42\n").decode() + "</pre>"
    >>> sorted(_encoded({"assert answer == 42"}, page))
    ['assert answer == 42']
    >>> sorted(_encoded({"assert answer == 42"}, "<p>24 == rewsna tressa</p>"))
    ['assert answer == 42']
    """
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    found = {secret for secret in secrets if secret[::-1] in plain}
    for run in _BASE64_RUN.findall(text):
        try:
            decoded = base64.b64decode(run + "=" * (-len(run) % 4)).decode("utf-8", "ignore")
        except (binascii.Error, ValueError):
            continue
        found |= {secret for secret in secrets if secret in decoded}
    return found


def _tokens_in(secret: str, text: str) -> bool:
    """Whether ``secret`` appears once syntax highlighting's tags are removed from ``text``."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    return " ".join(secret.split()) in " ".join(plain.split())
