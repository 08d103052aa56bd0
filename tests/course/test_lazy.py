"""A lazily loaded name: imported once, the garbage collector paused meanwhile and back after."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_fresh(code: str) -> str:
    """Run ``code`` in a new interpreter (nothing of the toolkit loaded yet); its output."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_a_first_use_freezes_what_its_import_made_and_later_garbage_is_still_collected():
    out = run_fresh(
        """
        import gc, weakref
        import toolkit
        before = gc.get_freeze_count()
        from toolkit.steering import SteeringDashboard
        frozen = gc.get_freeze_count()
        print(gc.isenabled(), frozen > before)
        from toolkit.steering import SteeringDashboard
        print(gc.get_freeze_count() == frozen)

        class Node:
            pass
        node = Node()
        node.me = node
        gone = weakref.ref(node)
        del node
        gc.collect()
        print(gone() is None)
        """
    )
    assert out.split() == ["True", "True", "True", "True"]


def test_a_collector_switched_off_stays_off_and_nothing_is_frozen():
    out = run_fresh(
        """
        import gc
        import toolkit
        gc.disable()
        before = gc.get_freeze_count()
        toolkit.steering.PortfolioMap
        print(gc.isenabled(), gc.get_freeze_count() == before)
        """
    )
    assert out.split() == ["False", "True"]


def test_a_failed_first_use_switches_the_collector_back_on():
    out = run_fresh(
        """
        import gc
        from toolkit._lazy import lazy_names
        broken = lazy_names("demo", {"thing": "toolkit.no_such_module"})
        try:
            broken("thing")
        except ModuleNotFoundError as e:
            print(e.name)
        print(gc.isenabled())
        """
    )
    assert out.split() == ["toolkit.no_such_module", "True"]


def test_the_first_course_widget_freezes_what_the_kernel_imported_once():
    out = run_fresh(
        """
        import gc, tempfile, pathlib
        from toolkit.indicators.surveys import survey_figures  # imported directly, not lazily
        print(gc.get_freeze_count() == 0)
        from toolkit.health.widget import HealthCheck
        folder = pathlib.Path(tempfile.mkdtemp())
        HealthCheck(path=folder / "one.json")
        frozen = gc.get_freeze_count()
        HealthCheck(path=folder / "two.json")
        print(frozen > 50_000, gc.get_freeze_count() == frozen, gc.isenabled())
        """
    )
    assert out.split() == ["True", "True", "True", "True"]
