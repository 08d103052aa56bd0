"""The pinned environment: one lock, mirrored by environment.yml, installed as pinned."""

import re
import tomllib
from importlib import metadata

import lockcheck
import pytest
import yaml
from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def _pins(lines) -> dict[str, str]:
    pins = {}
    for line in lines:
        line = line.strip()
        if line and not line.startswith(("#", "-")) and "==" in line:
            name, version = line.split("==", 1)
            pins[canonicalize_name(name)] = version.strip()
    return pins


def lock() -> dict[str, str]:
    return _pins((ROOT / "requirements.lock").read_text().splitlines())


def test_environment_yml_has_exactly_the_lock_pins():
    """Do conda/Binder users get the same packages at the same versions as pip users?"""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert _pins(pip_section) == lock(), "environment.yml and requirements.lock drifted: make lock"
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert re.fullmatch(r"python=3\.1[1-9]", python)


def test_every_top_level_need_is_pinned_and_satisfied():
    """Is every dependency in pyproject.toml pinned in the lock at a version it accepts?"""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = lock()
    for spec in project["dependencies"]:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not in requirements.lock: make lock"
        assert req.specifier.contains(pins[name], prereleases=True), (req, pins[name])


def test_installed_environment_matches_the_lock():
    """Does the environment the tests run in hold exactly the pinned versions?"""
    wrong = {}
    for name, version in lock().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[name] = (version, installed)
    assert not wrong, f"pinned vs installed: {wrong}"


def test_slow_import_package_is_kept_out():
    """Is rfc3987-syntax (1.8 s of Earley parsers at every jsonschema import) absent?"""
    assert "rfc3987-syntax" not in lock()
    try:
        metadata.version("rfc3987-syntax")
    except metadata.PackageNotFoundError:
        pass
    else:
        raise AssertionError("rfc3987-syntax is installed: see README, Start-up speed")
    import jsonschema  # noqa: F401 - the import must still work without it


def test_core_stack_versions():
    """Does the lock carry the stack the course is built on?"""
    pins = lock()
    assert pins["jupyterlab"].startswith("4.")
    assert pins["ipywidgets"].startswith("8.")
    assert pins["altair"].startswith("6.")
    assert pins["nbgrader"] == "0.9.6"


@pytest.fixture(scope="module")
def resolutions(pytestconfig):
    """pip's resolutions, started in the background when the session collected this module."""
    started = pytestconfig.stash.get(lockcheck.STASH, None) or lockcheck.Resolutions()
    return started.results()


@pytest.mark.slow
@pytest.mark.parametrize("python", list(lockcheck.PYTHONS))
def test_lock_installs_on_every_python_the_makefile_accepts(resolutions, python):
    """Does pip resolve the lock, as wheels, for the oldest Python the Makefile accepts (3.11
    means 3.11.0; Debian 12's python3 is 3.11.2) and for the newest, to exactly the pins?

    pip asks the package index (not the installed environment) what each pinned version
    needs and which wheels it has: "No matching distribution" here is what a classroom seat
    on that Python would hit in `make setup`.
    """
    version, status, problems, resolved = resolutions[python]
    assert status == 0, f"the lock does not install on Python {version}:\n" + "\n".join(
        problems[-6:]
    )
    assert resolved == lock(), "the lock misses a dependency or pins one twice: make lock"
