"""nbgrader settings for a server started at the repository root (``make lab``).

The course root is ``grading/``; its own ``nbgrader_config.py`` holds every setting, so
the formgrader, Validate and assignment-list extensions in JupyterLab and the ``nbgrader``
commands run from here or from ``grading/`` all see the same course.
"""

from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file
load_subconfig(str(Path(__file__).resolve().parent / "grading" / "nbgrader_config.py"))  # noqa: F821
