"""Start-up costs every lesson, autograded notebook and nbgrader command pays."""

import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from run import Case

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def python(code: str):
    return lambda: subprocess.run([sys.executable, "-c", code], check=True)


def one_cell_notebook():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    NotebookClient(nb, timeout=60, kernel_name="python3").execute()


def execute(path: Path):
    def run():
        nb = nbformat.read(path, as_version=4)
        NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()

    return run


CASES = [
    Case("import pandas", python("import pandas")),
    Case(
        "import pandas, altair, ipywidgets",
        python("import pandas, altair, ipywidgets"),
        reference="import pandas",
    ),
    Case(
        "import toolkit (charts set up)",
        python("import toolkit"),
        reference="import pandas",
        target=3.5,
    ),
    Case("one-cell notebook (nbclient)", one_cell_notebook, reference="import pandas", target=4.5),
    Case(
        "nbgrader --version",
        lambda: subprocess.run(
            [str(BIN / "nbgrader"), "--version"], check=True, capture_output=True
        ),
        reference="import pandas",
        repeat=5,
    ),
    *[
        Case(f"run {p.name}", execute(p), repeat=3, warmup=0, reference="import pandas", target=5)
        for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    ],
]
