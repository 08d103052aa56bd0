"""Validate a notebook the way the autograder will, with a readable summary and an exit code.

``nbgrader validate`` prints its findings but exits 0 even when a check fails (nbgrader
#1908), so neither a student's script nor CI can rely on it. :func:`validate` runs nbgrader's
own ``Validator`` and turns its result into a short summary: which checks did not pass (the
first line of each test cell's docstring and the error's last line), never the test code.
When every check passes it says "These checks passed; your instructor's grading may check
more." (a student's copy never shows the hidden tests), never "all tests passed".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.selfstudy.checks import PASSED_NOTE

__all__ = ["Validation", "validate"]

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Validation:
    """The outcome of validating one notebook."""

    path: Path
    passed: bool
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """A few readable lines: the verdict, then one line per check that did not pass."""
        if self.passed:
            return f"{self.path.name}: {PASSED_NOTE}"
        head = f"{self.path.name}: {len(self.problems)} problem(s) to fix before you hand in:"
        return "\n".join([head, *(f"  ✘ {p}" for p in self.problems)])


def _what(source: str) -> str:
    """The first line of a test cell's docstring, or its first line of code."""
    match = re.match(r'\s*(?:"""|\'\'\')(.+?)(?:"""|\'\'\'|$)', source, re.DOTALL)
    text = match.group(1) if match else source
    return text.strip().splitlines()[0][:100] if text.strip() else "a check"


def _last_line(error: str) -> str:
    lines = [ANSI.sub("", line).strip() for line in error.splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


def validate(
    path: str | Path, *, timeout: int = 60, config=None, sandbox: bool | None = None
) -> Validation:
    """Run nbgrader's ``Validator`` on a notebook; never raises for a bad notebook.

    ``sandbox``: run the notebook's kernel in the grading sandbox (None: where it can start;
    a student checking their own notebook on a laptop needs none).
    """
    from nbgrader.validator import Validator
    from traitlets.config import Config

    path = Path(path)
    if not path.exists():
        return Validation(path, False, [f"{path} does not exist"])
    cfg = Config(config) if config is not None else Config()
    cfg.Execute.timeout = cfg.Execute.get("timeout", timeout)
    if sandbox is None:
        from instructor.admin.sandbox import sandboxed

        sandbox = sandboxed()
    if sandbox:  # the notebook's code runs as in autograde (instructor.admin.sandbox)
        cfg.Execute.kernel_manager_class = cfg.Execute.get(
            "kernel_manager_class", "instructor.admin.sandbox.SandboxKernelManager"
        )
    try:
        result = Validator(config=cfg).validate(str(path.resolve()))
    except Exception as exc:  # an unreadable notebook is a finding, not a crash
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Validation(path, False, [f"the notebook could not be read or run: {first}"])
    problems = []
    for cell in result.get("type_changed", []):
        problems.append(
            f"a cell was changed from {cell['old_type']} to {cell['new_type']}: change it back"
        )
    for cell in result.get("changed", []):
        problems.append(f"a cell you may not edit was changed: {_what(cell['source'])}")
    for cell in result.get("failed", []):
        error = _last_line(cell.get("raw_error", ""))
        problems.append(f"{_what(cell['source'])}" + (f" — {error}" if error else ""))
    return Validation(path, not problems, problems)
