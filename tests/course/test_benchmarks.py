"""The benchmark runner (`make bench`): a readable table, with nothing real hidden."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import run  # noqa: E402


def noisy():
    """What the grading cases do: a kernel that logs to stderr, a library that warns."""
    subprocess.run([sys.executable, "-c", "import sys; sys.stderr.write('kernel says hi\\n')"])
    print("SAWarning: autoflush is doing something", file=sys.stderr)  # as warnings do


def broken():
    msg = "the case broke"
    raise RuntimeError(msg)


@pytest.fixture
def cases(monkeypatch):
    chosen = [
        run.Case("noisy case", noisy, repeat=3),
        run.Case("broken case", broken),
        run.Case("against the broken one", noisy, reference="broken case"),
    ]
    monkeypatch.setattr(run, "load_cases", lambda: chosen)
    monkeypatch.delenv("BENCH", raising=False)
    return chosen


def test_table_is_printed_without_child_output_or_warnings(cases, tmp_path, capfd):
    """Do stderr lines of child processes and Python warnings go to the log, not the table?"""
    log = tmp_path / "bench.log"
    status = run.main(log)
    out, err = capfd.readouterr()
    assert "noisy case" in out and "kernel says hi" not in out + err
    assert "autoflush" not in out + err
    logged = log.read_text()
    assert "kernel says hi" in logged and "autoflush is doing something" in logged
    assert f"lines of warnings and child-process output in {log}" in out
    assert status == 1  # the broken case


def test_a_failing_case_is_shown_with_its_traceback(cases, tmp_path, capfd):
    """Is a case that raises marked ERROR, with its traceback on the terminal?"""
    run.main(tmp_path / "bench.log")
    out, err = capfd.readouterr()
    rows = {line.split("  ")[0]: line for line in out.splitlines()}
    assert rows["broken case"].endswith("ERROR")
    assert rows["against the broken one"].endswith("ERROR")
    assert "ERROR in broken case" in err and "RuntimeError: the case broke" in err
