"""The instructor's side of the course: everything that knows an answer.

- :mod:`instructor.generator`: the generator of the course data (``datasets/``), whose
  profiles hold the true lags and stories (``grading/instructor/course-data.md``);
- :mod:`instructor.keys`: each graded assignment's answer key and vetting (and, for
  ``reading-the-indicators``, the plan its variants' data are generated from);
- :mod:`instructor.admin`: the instructor's ``course-admin`` on top of nbgrader (release,
  autograde, feedback, report, vetting, and the preprocessors the course adds to nbgrader).

It imports :mod:`toolkit`; the toolkit never imports it, and the students' environment (the
hub's course environment, a participant's ``pip install alliance-toolkit``) does not have it.
"""

__all__ = ["admin", "generator", "keys"]
