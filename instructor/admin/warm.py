r"""Warm grading kernels: the next submission's kernel starts while the current one grades.

Starting a grading kernel (its sandbox, Python, IPython and the toolkit's modules with pandas
and Altair) is most of what autograding one submission costs. In a batch the next kernel is
started as soon as the current one is taken, and warms up while the current submission is
graded: :class:`WarmKernels` keeps one spare per grading process.

What a warm kernel is, and what it is not:

- it is an ordinary sandboxed kernel (:class:`~instructor.admin.sandbox.SandboxKernelManager`)
  that starts before anyone's submission is known: its private folder, the one the sandbox
  shows it as the submission, is its own and empty, and it imports the toolkit's modules that
  the assignment's *source* notebook imports (the instructor's, never a student's: no student
  decides what the next kernel holds);
- it is given exactly one submission (``take_submission``): the grader copies that student's
  files into its empty folder, and the kernel moves them into its home and takes the
  student's environment before the first cell runs; then it grades, and is shut down as any
  grading kernel is. A kernel never grades a second submission, and no other student's file
  is ever in its folder.

The batches use warm kernels (``course-admin autograde``, with or without ``--workers``, and
``make vet``; :func:`warm_kernels`, :func:`in_worker`); the formgrader and ``validate`` start
each kernel when it is needed, as before. ``ALLIANCE_WARM_KERNELS=0`` switches them off.

Examples
--------
>>> from nbformat.v4 import new_code_cell, new_notebook
>>> nb = new_notebook(cells=[new_code_cell(
...     "import pandas as pd\nfrom toolkit.governance.assignment import same_alliance\n"
...     "import toolkit.health as h\n%matplotlib inline")])
>>> course_modules([nb])
('toolkit.governance.assignment', 'toolkit.health')
"""

from __future__ import annotations

import ast
import contextlib
import functools
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat

__all__ = ["WarmKernels", "active", "course_modules", "source_modules", "using", "warm_kernels"]

#: The course's package: only its modules are imported ahead (their import has no output).
PACKAGE = "toolkit"


def course_modules(notebooks) -> tuple[str, ...]:
    """The toolkit's modules that the code cells of ``notebooks`` import, in order, once each."""
    found: dict[str, None] = {}
    for nb in notebooks:
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            lines = cell.source.splitlines()
            code = "\n".join(x for x in lines if not x.lstrip().startswith(("%", "!")))
            try:
                tree = ast.parse(code)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    if name == PACKAGE or name.startswith(PACKAGE + "."):
                        found[name] = None
    return tuple(found)


@functools.cache
def source_modules(root: str, assignment: str) -> tuple[str, ...]:
    """The toolkit's modules an assignment's source notebooks import (course root ``root``)."""
    folder = Path(root) / "source" / assignment
    notebooks = []
    for path in sorted(folder.glob("*.ipynb")):
        with contextlib.suppress(Exception):  # an unreadable notebook warms nothing
            notebooks.append(nbformat.read(path, as_version=4))
    return course_modules(notebooks)


class WarmKernels:
    """One spare grading kernel, started ahead and warming while the current submission grades.

    :meth:`take` hands the spare over (or None) and forgets it; :meth:`refill` starts the next
    one; :meth:`close` shuts down a spare that was never taken.
    """

    def __init__(self) -> None:
        self._spare = None
        self._zygote = None  # None: not tried yet; False: cannot start here
        self.started = 0
        self.taken = 0

    def zygote(self, root: str):
        """The zygote that forks this pool's kernels, started at first use; None where it cannot.

        It imports the modules of every assignment of the course at ``root``
        (:mod:`instructor.admin.zygote`). Where it cannot start, or with
        ``ALLIANCE_ZYGOTE=0``, each warm kernel starts in a sandbox of its own.
        """
        from instructor.admin import zygote

        if self._zygote and not self._zygote.alive():  # it ended: start another one
            broken = self._zygote.broken
            self._zygote.close()
            self._zygote = False if broken else None  # one that could not fork: none again
        if self._zygote is None:
            self._zygote = False
            if not zygote.disabled():
                folders = sorted(p.name for p in (Path(root) / "source").iterdir() if p.is_dir())
                modules = dict.fromkeys(m for a in folders for m in source_modules(root, a))
                try:
                    self._zygote = zygote.Zygote(tuple(modules))
                except (OSError, RuntimeError) as error:
                    logging.getLogger(__name__).warning(
                        "Grading kernels start one by one: the grading zygote could not start (%s)",
                        error,
                    )
        return self._zygote or None

    def take(self):
        """The spare kernel's manager (started, never used), or None; it is the caller's now."""
        km, self._spare = self._spare, None
        if km is not None:
            self.taken += 1
        return km

    def refill(self, start: Callable[[], object]) -> None:
        """Start the next spare with ``start`` (a started kernel manager), unless one waits."""
        if self._spare is None:
            self._spare = start()
            self.started += 1

    def wait_ready(self, timeout: float = 120) -> None:
        """Return once the spare kernel answers (its imports done); for measuring only."""
        from jupyter_core.utils import run_sync

        km = self._spare
        if km is None:
            return
        kc = km.client()
        kc.start_channels()
        try:
            run_sync(kc.wait_for_ready)(timeout=timeout)
        finally:
            kc.stop_channels()

    def close(self) -> None:
        """Shut down the spare kernel, if any (it never ran anyone's code), and the zygote."""
        from jupyter_core.utils import run_sync

        km = self.take()
        if km is not None:
            with contextlib.suppress(Exception):  # already gone: nothing to stop
                run_sync(km.shutdown_kernel)(now=True)
            with contextlib.suppress(Exception):
                run_sync(km.cleanup_resources)()
        if self._zygote:
            self._zygote.close()
        self._zygote = None


_ACTIVE: list[WarmKernels] = []


def active() -> WarmKernels | None:
    """The warm kernels the grading in this process uses, or None (start each when needed)."""
    return _ACTIVE[-1] if _ACTIVE else None


@contextlib.contextmanager
def using(pool: WarmKernels) -> Iterator[WarmKernels]:
    """Grade with ``pool``'s warm kernels inside the block (the pool stays open after it)."""
    _ACTIVE.append(pool)
    try:
        yield pool
    finally:
        _ACTIVE.remove(pool)


@contextlib.contextmanager
def warm_kernels() -> Iterator[WarmKernels]:
    """Grade with warm kernels inside the block; the spare left at its end is shut down."""
    pool = WarmKernels()
    if disabled():
        yield pool
        return
    try:
        with using(pool):
            yield pool
    finally:
        pool.close()


def in_worker() -> None:
    """Grade with warm kernels in this worker process until it ends (the batch's workers)."""
    from multiprocessing import util

    if disabled():
        return
    pool = WarmKernels()
    _ACTIVE.append(pool)
    util.Finalize(pool, pool.close, exitpriority=10)


def disabled() -> bool:
    """Whether warm kernels are switched off (``ALLIANCE_WARM_KERNELS=0``)."""
    return os.environ.get("ALLIANCE_WARM_KERNELS", "").strip().lower() in {"0", "false", "no"}
