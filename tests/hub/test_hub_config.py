"""The hub kit's configuration reads the course's settings as its README says (no hub needed)."""

import ast
import doctest
import importlib
import logging
import runpy
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

KIT = ROOT / "deploy" / "jupyterhub"


@pytest.fixture
def load(monkeypatch, tmp_path):
    """Load jupyterhub_config.py with the given COURSE_* variables, as JupyterHub does."""

    def _load(**env):
        monkeypatch.setenv("COURSE_STUDENTS_FILE", str(tmp_path / "students.txt"))
        monkeypatch.setenv("CONFIGPROXY_AUTH_TOKEN", "t" * 64)
        for name, value in env.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        return PyFileConfigLoader("jupyterhub_config.py", path=str(KIT)).load_config()

    return _load


def spawner(name: str, args=()) -> SimpleNamespace:
    """What the pre-spawn hook sees of a LocalProcessSpawner (``args``: c.Spawner.args)."""
    return SimpleNamespace(
        user=SimpleNamespace(name=name),
        environment={},
        popen_kwargs={},
        args=list(args),
        log=logging.getLogger("test"),
    )


def test_only_the_course_list_may_sign_in(load, tmp_path):
    """Are instructors and the students' file (comments and blanks ignored) the only users?"""
    (tmp_path / "students.txt").write_text("# cohort 3\nada\n\nben  # late joiner\n")
    c = load(COURSE_INSTRUCTORS="kim, lee", COURSE_STUDENTS="cy")
    assert c.Authenticator.allowed_users == {"kim", "lee", "ada", "ben", "cy"}
    assert c.Authenticator.admin_users == {"kim", "lee"}
    assert c.JupyterHub.authenticator_class == "pam"


def test_lab_day_uses_the_shared_passwords(load):
    """Does COURSE_AUTH=shared-password switch the authenticator and pass both passwords?"""
    c = load(COURSE_AUTH="shared-password", COURSE_PASSWORD="p" * 8, COURSE_ADMIN_PASSWORD="a" * 32)
    assert c.JupyterHub.authenticator_class == "shared-password"
    assert c.SharedPasswordAuthenticator.user_password == "p" * 8
    assert c.SharedPasswordAuthenticator.admin_password == "a" * 32


def test_unknown_sign_in_method_is_named(load):
    """Does a misspelt COURSE_AUTH stop the hub with the allowed values?"""
    with pytest.raises(ValueError, match="'pam' or 'shared-password'"):
        load(COURSE_AUTH="shared_password")


def test_servers_run_the_course_environment(load):
    """Do servers start from COURSE_ENV, find alembic there, and share one exchange?"""
    c = load(COURSE_ENV="/opt/course/env", COURSE_EXCHANGE="/srv/x")
    assert c.Spawner.cmd == ["/opt/course/env/bin/jupyterhub-singleuser"]
    assert c.Spawner.environment["PATH"].startswith("/opt/course/env/bin:")
    assert c.Spawner.environment["ALLIANCE_EXCHANGE"] == "/srv/x"
    assert c.Spawner.start_timeout >= 60


def test_students_kernels_read_the_pinned_variants(load):
    """Do servers learn where the instructor's pinned variants are (COURSE_VARIANTS)?"""
    assert load().Spawner.environment["ALLIANCE_VARIANTS"] == "/srv/nbgrader/variants.csv"
    c = load(COURSE_VARIANTS="/srv/course/variants.csv")
    assert c.Spawner.environment["ALLIANCE_VARIANTS"] == "/srv/course/variants.csv"


def test_students_get_the_student_settings(load):
    """Does the spawn hook give students, and only students, the no-grading-panels settings?"""
    c = load(COURSE_ENV="/opt/course/env", COURSE_INSTRUCTORS="kim")
    spawned = {}
    for name in ("kim", "ada"):
        seen = spawner(name)
        c.Spawner.pre_spawn_hook(seen)
        spawned[name] = seen
    # Instructors' servers (the formgrader's config, course-admin) find the instructor package.
    assert spawned["kim"].environment == {
        "PYTHONPATH": "/opt/course/env/instructor",
        "PATH": "/opt/course/env/instructor/bin:" + c.Spawner.environment["PATH"],
    }
    assert spawned["ada"].environment == {
        "JUPYTER_CONFIG_PATH": "/opt/course/env/etc/alliance-course/student"
    }
    # Students' servers create private files; instructors keep the usual umask (feedback).
    assert spawned["ada"].popen_kwargs == {"umask": 0o077}
    assert spawned["kim"].popen_kwargs == {}


def test_only_instructors_servers_may_be_framed_by_themselves(load):
    """Do instructors' servers allow framing by their own pages (the formgrader panel), and
    students' keep JupyterHub's `frame-ancestors 'none'` (no argument of ours)?"""
    c = load(COURSE_INSTRUCTORS="kim")
    spawned = {name: spawner(name, c.Spawner.args) for name in ("kim", "ada")}
    for seen in spawned.values():
        c.Spawner.pre_spawn_hook(seen)
    c.Spawner.pre_spawn_hook(spawned["kim"])  # a second start adds nothing
    framing = [a for a in spawned["kim"].args if "Content-Security-Policy" in a]
    assert len(framing) == 1
    setting = framing[0].split("=", 1)[1]
    assert ast.literal_eval(setting) == {
        "headers": {"Content-Security-Policy": "frame-ancestors 'self'"}
    }
    assert spawned["ada"].args == c.Spawner.args
    assert not any("tornado_settings" in a for a in spawned["ada"].args)


def test_a_hub_restart_leaves_servers_and_proxy_running(load):
    """Does the hub leave servers up when it stops, behind a proxy of its own (the default)?"""
    c = load(COURSE_PROXY=None, COURSE_PROXY_API_URL="http://127.0.0.1:9001")
    assert c.JupyterHub.cleanup_servers is False
    assert c.ConfigurableHTTPProxy.should_start is False
    assert c.ConfigurableHTTPProxy.api_url == "http://127.0.0.1:9001"
    assert c.JupyterHub.hub_bind_url == "http://127.0.0.1:8081"


def test_an_external_proxy_needs_its_secret(load):
    """Without CONFIGPROXY_AUTH_TOKEN, does the hub stop and say where to put it?"""
    with pytest.raises(ValueError, match="CONFIGPROXY_AUTH_TOKEN.*proxy.env.*COURSE_PROXY=hub"):
        load(CONFIGPROXY_AUTH_TOKEN=None)


def test_the_hub_can_start_the_proxy_itself(load):
    """With COURSE_PROXY=hub, does the hub start the pinned proxy (and stop it with itself)?"""
    c = load(COURSE_PROXY="hub", COURSE_HUB_STATE="/srv/state")
    assert "should_start" not in c.ConfigurableHTTPProxy
    assert c.ConfigurableHTTPProxy.pid_file == "/srv/state/jupyterhub-proxy.pid"
    assert c.ConfigurableHTTPProxy.command[0].endswith("configurable-http-proxy")
    with pytest.raises(ValueError, match="'external' or 'hub'"):
        load(COURSE_PROXY="outside")


@pytest.fixture
def config_module(monkeypatch, tmp_path):
    """jupyterhub_config.py run as a plain module, for its functions."""
    monkeypatch.setenv("CONFIGPROXY_AUTH_TOKEN", "t" * 64)
    monkeypatch.setenv("COURSE_STUDENTS_FILE", str(tmp_path / "students.txt"))
    config = Config()
    return runpy.run_path(
        str(KIT / "jupyterhub_config.py"), init_globals={"get_config": lambda: config}
    )


def test_a_readable_home_is_made_private(config_module, tmp_path):
    """Does a home others can read (755, as Debian makes it) become 700, and stay so?"""
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o755)
    assert config_module["make_home_private"](home) == 0o755
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert config_module["make_home_private"](home) == 0o700
    home.chmod(0o2750)  # setgid kept, group access taken off
    config_module["make_home_private"](home)
    assert stat.S_IMODE(home.stat().st_mode) == 0o2700


def test_terminals_keep_the_course_environment(load):
    """Do terminals run a shell that keeps the servers' PATH (course-admin, nbgrader)?"""
    c = load()
    setting = next(a for a in c.Spawner.args if a.startswith("--ServerApp.terminado_settings="))
    shell = ast.literal_eval(setting.split("=", 1)[1])["shell_command"]
    assert shell == ["/bin/bash"]  # no -l: a login shell's /etc/profile resets PATH


def test_a_kernel_on_a_taken_port_restarts_on_new_ones(load):
    """Do servers let a kernel's automatic restart pick new ports (no port cache)?"""
    c = load()
    assert "--ServerKernelManager.cache_ports=False" in c.Spawner.args


def test_the_spawn_hook_makes_the_home_private(config_module, tmp_path, monkeypatch):
    """Does the hook that runs before each start make the participant's home private?"""
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    monkeypatch.setitem(config_module["_before_start"].__globals__, "_home_of", lambda _: home)
    config_module["_before_start"](spawner("ada"))
    assert stat.S_IMODE(home.stat().st_mode) == 0o700


def test_a_home_that_cannot_be_made_private_stops_the_start(config_module):
    """Where the mode cannot change, is the start refused with the command that fixes it?"""
    proc_dir = Path("/proc/1")  # readable by all, and no one may change its mode
    with pytest.raises(PermissionError, match=r"chmod 700 /proc/1"):
        config_module["make_home_private"](proc_dir)


@pytest.mark.parametrize("module", ["classroom", "load_report"])
def test_the_kits_examples_run(module):
    """Do the Examples in the load driver's modules give what they say?"""
    found = importlib.import_module(module)  # deploy/jupyterhub/ is on pytest's pythonpath
    result = doctest.testmod(found, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_the_config_examples_run(config_module):
    """Do the Examples in jupyterhub_config.py's functions give what they say?"""
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    function = config_module["instructor_args"]
    for test in finder.find(function, "instructor_args", globs=dict(config_module)):
        runner.run(test)
    assert runner.tries > 0 and runner.failures == 0
