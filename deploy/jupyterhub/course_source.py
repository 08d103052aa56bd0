"""Make what a course environment installs for the students: the toolkit package and its data.

    python deploy/jupyterhub/course_source.py DEST

``build-course-env`` runs this with the environment's Python, then installs what it wrote.
Into ``DEST`` go:

- ``dist/``: the students' package, a wheel of this checkout's ``toolkit`` (with the course
  data, ``datasets/``, as its data files). It holds no answer: everything that knows one (the
  generator of the course data, each assignment's answer key and vetting) is the separate
  instructor package (``instructor/``), which the toolkit never imports;
- ``datasets/variants/<assignment>/``: what the students' kernels need that the package does
  not carry, each variant's data and questions, written by this checkout's instructor package
  (:data:`VARIANT_DATA`); ``build-course-env`` puts them beside the installed course data,
  where the toolkit reads them;
- ``notebooks/``: the lessons, which the deployment guide copies into students' homes.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: what the students' package is built from (the repository's own pyproject.toml)
PACKAGE = ("pyproject.toml", "README.md", "LICENSE", "toolkit", "datasets")
#: assignment -> the instructor module whose ``write_data(folder)`` writes its variants' data
VARIANT_DATA = {"reading-the-indicators": "instructor.keys.reading_the_indicators"}


def _skipped(folder: str, names: list[str]) -> set[str]:
    """Build leftovers, and the variant data a checkout keeps in datasets/ (written anew)."""
    skipped = {"variants"} & set(names) if Path(folder) == REPO / "datasets" else set()
    leftovers = ("__pycache__", ".ipynb_checkpoints", "build")
    return skipped | {n for n in names if n in leftovers or n.endswith((".pyc", ".egg-info"))}


def build_wheel(dest) -> Path:
    """Build the students' package (a wheel of ``toolkit``) into ``dest``; return its path."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="toolkit-build-") as tmp:
        for part in PACKAGE:
            source = REPO / part
            if source.is_dir():
                shutil.copytree(source, Path(tmp) / part, ignore=_skipped)
            else:
                shutil.copy2(source, Path(tmp) / part)
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--no-build-isolation", "--wheel-dir", str(dest), tmp],
            capture_output=True, text=True,
        )  # fmt: skip
    if done.returncode != 0:
        msg = f"course_source: building the toolkit's wheel failed:\n{done.stdout}{done.stderr}"
        raise SystemExit(msg)
    return next(dest.glob("alliance_toolkit-*.whl"))


def _instructor_of_this_checkout():
    """Import this checkout's instructor package (never one installed elsewhere)."""
    sys.path.insert(0, str(REPO))
    import instructor

    where = Path(instructor.__file__).resolve().parent
    if where != REPO / "instructor":
        msg = f"course_source: imported the instructor package from {where}, not from {REPO}"
        raise SystemExit(msg)
    return instructor


def write_variant_data(dest) -> list[Path]:
    """Write every variant's data under ``dest/datasets/variants/`` (no answers)."""
    _instructor_of_this_checkout()
    written = []
    for assignment, module in VARIANT_DATA.items():
        folder = Path(dest) / "datasets" / "variants" / assignment
        written += importlib.import_module(module).write_data(folder)
    return written


def copy_course(dest) -> list[Path]:
    """Write the wheel, the variants' data and the lessons into ``dest``.

    Returns the variant data files written (under ``dest/datasets/variants/``).
    """
    dest = Path(dest)
    build_wheel(dest / "dist")
    shutil.copytree(REPO / "notebooks", dest / "notebooks", ignore=_skipped, dirs_exist_ok=True)
    return write_variant_data(dest)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: course_source.py DEST")
    files = copy_course(sys.argv[1])
    print(f"course package and data written to {sys.argv[1]}, {len(files)} files of variant data")
