"""pip's resolution of the lock for the oldest and the newest Python the course accepts.

Each resolution asks the package index what every pin needs (~25 to 50 s, mostly waiting on
the network), so ``conftest.py`` starts both as soon as the session has collected the test
that reads them, and the test collects them when it runs: the waiting overlaps the tests
before it instead of adding to the suite's time.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PYTHONS = {"oldest": None, "newest": "3.14"}  # None: the oldest the Makefile accepts
TEST = "test_lock_installs_on_every_python_the_makefile_accepts"


def oldest_python() -> str:
    """The lowest Python pyproject.toml allows; the Makefile must refuse exactly those below."""
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    floor = re.fullmatch(r">=\s*(\d+)\.(\d+)", spec.strip())
    assert floor, f"requires-python should be '>=X.Y', not {spec!r}"
    makefile = re.search(r"sys\.version_info >= \((\d+), (\d+)\)", (ROOT / "Makefile").read_text())
    assert makefile and makefile.groups() == floor.groups(), "Makefile and pyproject disagree"
    return ".".join(floor.groups())


class Resolutions:
    """Both resolutions, started in the background; :meth:`results` waits for them."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="alliance-lock-"))
        self.started = {}
        for key, version in PYTHONS.items():
            version = version or oldest_python()
            report = self.folder / f"{key}.json"
            command = [
                sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
                "--quiet", "--disable-pip-version-check", "--only-binary=:all:",
                "--python-version", version, "--target", str(self.folder / key),
                "--report", str(report), "-r", str(ROOT / "requirements.lock"),
            ]  # fmt: skip
            process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
            self.started[key] = (version, report, process)
        self._results = None

    def results(self) -> dict[str, tuple[str, int, list[str], dict[str, str]]]:
        """Python key -> (version, pip's exit status, its error lines, what it resolved)."""
        if self._results is None:
            self._results = {}
            for key, (version, report, process) in self.started.items():
                _, err = process.communicate()
                problems = [line for line in err.splitlines() if not line.startswith("WARNING")]
                resolved = {}
                if process.returncode == 0:
                    resolved = {
                        canonicalize_name(item["metadata"]["name"]): item["metadata"]["version"]
                        for item in json.loads(report.read_text())["install"]
                    }
                self._results[key] = (version, process.returncode, problems, resolved)
            shutil.rmtree(self.folder, ignore_errors=True)
        return self._results

    def stop(self) -> None:
        for _version, _report, process in self.started.values():
            if process.poll() is None:
                process.kill()
                process.communicate()
        shutil.rmtree(self.folder, ignore_errors=True)


STASH = pytest.StashKey[Resolutions]()
