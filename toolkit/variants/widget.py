"""The start notebook's form for a self-study student id (kept beside the progress record).

On the course hub there is nothing to type: the hub user is the student id, and the form
says so. Studying on one's own computer, a student types the id the instructor gave them
once; every assignment then shows that student's own case.

Examples
--------
>>> import os, tempfile
>>> os.environ["ALLIANCE_COURSE_HOME"] = tempfile.mkdtemp()
>>> form = StudentIdForm(environ={})
>>> form.id_text.value = "ana ruiz"
>>> form.save_button.click()
>>> "is not a student id" in form.message.value
True
>>> form.id_text.value = "ana.ruiz"
>>> form.save_button.click()
>>> from toolkit.variants.identity import saved_id
>>> saved_id(), "ana.ruiz" in form.status.value
('ana.ruiz', True)
>>> "nothing to type" in StudentIdForm(environ={"JUPYTERHUB_USER": "aruiz"}).status.value
True
>>> del os.environ["ALLIANCE_COURSE_HOME"]
"""

from __future__ import annotations

import html

import ipywidgets as w

from toolkit.ui.widget import CourseWidget
from toolkit.variants.identity import KIND, IdError, id_file, identify, parse_saved, save_id

__all__ = ["StudentIdForm"]


class StudentIdForm(CourseWidget):
    """A text box and a button that keep the student id of a self-study student.

    Parameters
    ----------
    environ : mapping, optional
        The environment to read the hub user from (default: the kernel's).
    """

    kind = KIND

    def __init__(self, *, environ=None):
        super().__init__(id_file())
        self.environ = environ
        saved = self.restore(parse_saved, None)
        self.status = w.HTML()
        self.id_text = w.Text(
            value=saved or "",
            description="Student id",
            placeholder="for example ana.ruiz",
            style={"description_width": "90px"},
        )
        self.save_button = w.Button(description="Keep this id", icon="check")
        self.save_button.on_click(lambda _b: self.keep(self.id_text.value))
        who = identify(environ)
        hub = who.source == "hub"
        self.children = (
            [self.status]
            if hub
            else [
                self.status,
                w.HBox([self.id_text, self.save_button]),
                self.message,
            ]
        )
        self._show(who)
        self.show_notice()

    def _show(self, who) -> None:
        if who.source == "hub":
            text = (
                f"You are signed in on the course hub as <code>{html.escape(who.id)}</code>: "
                "that is your student id, nothing to type."
            )
        elif who.known:
            text = (
                f"Your student id: <code>{html.escape(who.id)}</code>. Every assignment shows "
                "the case of this id."
            )
        else:
            text = (
                "No student id yet: the assignments show a practice case. Type the id your "
                "instructor gave you and click the button."
            )
        self.status.value = f"<p>{text}</p>"

    def keep(self, text: str) -> None:
        """Check and save the typed id; an unusable one gets an inline message."""
        try:
            value = save_id(text)
        except IdError as err:
            self.say(str(err), "error")
            return
        except OSError as err:
            self.say(f"Could not save your id ({err}); try again.", "error")
            return
        self.say(f"Kept: {value}. Run the assignments again to see your own case.", "ok")
        self._show(identify(self.environ))
