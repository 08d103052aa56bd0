"""The hub kit's configuration reads the course's settings as its README says (no hub needed)."""

from types import SimpleNamespace

import pytest
from conftest import ROOT
from traitlets.config.loader import PyFileConfigLoader

KIT = ROOT / "deploy" / "jupyterhub"


@pytest.fixture
def load(monkeypatch, tmp_path):
    """Load jupyterhub_config.py with the given COURSE_* variables, as JupyterHub does."""

    def _load(**env):
        monkeypatch.setenv("COURSE_STUDENTS_FILE", str(tmp_path / "students.txt"))
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return PyFileConfigLoader("jupyterhub_config.py", path=str(KIT)).load_config()

    return _load


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
        spawner = SimpleNamespace(user=SimpleNamespace(name=name), environment={})
        c.Spawner.pre_spawn_hook(spawner)
        spawned[name] = spawner.environment
    assert spawned["kim"] == {}
    assert spawned["ada"] == {"JUPYTER_CONFIG_PATH": "/opt/course/env/etc/alliance-course/student"}
