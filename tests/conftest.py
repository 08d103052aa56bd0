"""Shared fixtures: the project's paths, a private progress folder, executed notebooks."""

import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SOURCE_NOTEBOOKS = sorted(
    p for p in (ROOT / "grading" / "source").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
)


@pytest.fixture(autouse=True)
def course_home(tmp_path_factory, monkeypatch):
    """Every test gets its own progress folder, so no test reads the developer's progress."""
    home = tmp_path_factory.mktemp("course-home")
    monkeypatch.setenv("ALLIANCE_COURSE_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def executed_notebooks(tmp_path_factory):
    """Run every lesson notebook once, top to bottom, in a fresh kernel on a copy of notebooks/.

    Returns a dict name -> (executed notebook, error or None). Shared by the tests that look
    at the outputs, so each notebook runs once per session.
    """
    work = tmp_path_factory.mktemp("notebooks-run")
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    home = tmp_path_factory.mktemp("notebooks-home")
    results = {}
    old = os.environ.get("ALLIANCE_COURSE_HOME")
    os.environ["ALLIANCE_COURSE_HOME"] = str(home)
    try:
        for path in NOTEBOOKS:
            nb = nbformat.read(work / "notebooks" / path.name, as_version=4)
            client = NotebookClient(
                nb,
                timeout=600,
                kernel_name="python3",
                resources={"metadata": {"path": str(work / "notebooks")}},
            )
            try:
                client.execute()
                results[path.name] = (nb, None)
            except Exception as exc:  # the test reports it with the notebook's name
                results[path.name] = (nb, exc)
    finally:
        if old is None:
            os.environ.pop("ALLIANCE_COURSE_HOME", None)
        else:
            os.environ["ALLIANCE_COURSE_HOME"] = old
    return results
