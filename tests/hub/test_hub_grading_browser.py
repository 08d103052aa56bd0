"""A whole class run from JupyterLab on the hub, in Chromium, as the hub README's instructor does.

The instructor signs in, opens *Nbgrader → Formgrader* inside JupyterLab (a panel, framed by
the instructor's own server) and generates and releases ``steering-committee``; a student,
in a browser of their own, fetches it from the *Assignment List*, writes the sponsor's note and
submits; the instructor loads the class list into the gradebook (``course-admin students`` in
a terminal), collects, autogrades, hand-grades the note with points and a comment, generates
and releases feedback; the student fetches the feedback and reads the score and the comment.
Along the way the formgrader's links are followed in the panel and in a tab of their own.

Every request either browser makes stays on this machine, and every page the instructor
opens answers 200. The hub is the session's (``hubsession.py``), with its own student (Cy) and
an assignment no other hub test uses, so the tests hold in any order. It needs root, ``npm ci``
in deploy/jupyterhub/ and Chromium: it skips without them and fails under ``CI=true``.
"""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ARTIFACTS
from labdriver import Lab, is_loopback
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

# The session's hub (a plugin, below) is imported here first: let pytest rewrite its asserts.
pytest.register_assert_rewrite("hubsession")
from hubsession import COURSE_FOLDER, home_of  # noqa: E402

pytest_plugins = ["hubsession"]
pytestmark = [pytest.mark.hub, pytest.mark.browser]

#: The assignment of this test alone (the other hub tests use the course's first).
ASSIGNMENT = "steering-committee"
#: Its written part, graded by hand.
WRITTEN = "sponsor_note"
NOTE = "Ask the sponsor to unblock the joint pipeline review before the quarter closes."
COMMENT = "Clear ask; name the owner of the review next time."
POINTS = "3"
SHOTS = ARTIFACTS / "screenshots" / "hub"
SLOW = 240_000  # ms: nbgrader's autograde and feedback on a busy 2-core machine
#: The panel JupyterLab shows the formgrader in.
PANEL = ".jp-MainAreaWidget:not(.lm-mod-hidden) iframe"


class Browser:
    """One person's browser on the hub: its pages, every request it made, every page's status."""

    def __init__(self, chromium, hub, name: str, password: str):
        self.hub, self.name = hub, name
        self.context = chromium.new_context(viewport={"width": 1280, "height": 900})
        self.requests: list[str] = []
        self.pages: list[tuple[int, str]] = []  # (status, url) of every page and frame loaded
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.on("response", self._seen)
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.page.on("websocket", lambda ws: self.requests.append(ws.url))
        self.lab = Lab(self.page, None)
        self.sign_in(password)

    def _seen(self, response) -> None:
        if response.request.resource_type == "document":
            self.pages.append((response.status, response.url))

    @property
    def server(self) -> str:
        return f"{self.hub.base}/user/{self.name}"

    def sign_in(self, password: str) -> None:
        """Sign in on the hub's page; the hub starts the server and opens JupyterLab."""
        self.page.goto(f"{self.hub.base}/hub/login")
        self.page.fill("#username_input", self.name)
        self.page.fill("#password_input", password)
        self.page.click("#login_submit")
        self.page.wait_for_url(re.compile(rf"/user/{self.name}/lab"), timeout=SLOW)
        self.wait_for_lab()

    def wait_for_lab(self) -> None:
        self.page.wait_for_selector(".jp-LabShell #jp-main-dock-panel", timeout=SLOW)
        self.page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").wait_for(timeout=SLOW)

    def remote_requests(self) -> list[str]:
        """Requests that went to another machine (there must be none)."""
        return sorted({u for u in self.requests if not is_loopback(u)})

    def failed_pages(self) -> list[tuple[int, str]]:
        """Pages and frames that did not answer 200 (a redirect on the way is fine)."""
        return [(status, url) for status, url in self.pages if status >= 400]

    def close(self, shot: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        for number, page in enumerate(self.context.pages):
            page.screenshot(path=str(SHOTS / f"{shot}-{number}.png"))
        self.context.close()


# ----- the instructor's side ------------------------------------------------------------------


def formgrader(teacher: Browser):
    """Nbgrader → Formgrader: the formgrader in a JupyterLab panel (a frame locator)."""
    teacher.lab.menu("Nbgrader", "Formgrader")
    frame = teacher.page.frame_locator(PANEL)
    expect(frame.get_by_role("link", name="Manage Assignments").first).to_be_visible(timeout=60_000)
    return frame


def back_to_formgrader(teacher: Browser):
    """The formgrader's panel brought to the front by its tab (the menu would load it anew)."""
    teacher.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="Formgrader").click()
    return teacher.page.frame_locator(PANEL)


def manage_assignments(teacher: Browser, frame):
    """Manage Assignments, opened from the formgrader's menu; the assignment's row.

    Waits until the new page has loaded its assignments: a click on the page it replaces
    would be lost.
    """
    for panel in teacher.page.frames:
        if "/formgrader" in panel.url:
            try:
                panel.evaluate("() => { window.leftBehind = true; }")
            except PlaywrightError:  # still loading: nothing to leave behind
                pass
    frame.get_by_role("link", name="Manage Assignments").first.click()
    for _ in range(240):
        panel = next((f for f in teacher.page.frames if "/formgrader" in f.url), None)
        try:
            if panel and panel.evaluate(LOADED):
                break
        except PlaywrightError:  # the frame is between two pages
            pass
        teacher.page.wait_for_timeout(250)
    row = frame.locator("table tr").filter(
        has=frame.locator("td.name", has_text=re.compile(rf"^\s*{ASSIGNMENT}\s*$"))
    )
    expect(row).to_have_count(1, timeout=60_000)
    return row


#: Manage Assignments has loaded its assignments, on a page that is not the one left behind.
LOADED = "() => !window.leftBehind && Boolean(window.models && window.models.loaded)"


def press(frame, row, column: str) -> None:
    """Press the row's button in ``column`` and wait for nbgrader's "Success" (then OK)."""
    row.locator(f"td.{column} a").click()
    done = frame.locator("#success-modal, #error-modal")
    expect(done).to_be_visible(timeout=SLOW)
    assert frame.locator("#error-modal").count() == 0, done.inner_text()
    done.locator(".modal-footer button").click()
    expect(done).to_have_count(0)


def run_in_terminal(teacher: Browser, command: str) -> None:
    """File → New → Terminal, and type ``command`` (with Enter) into it."""
    teacher.lab.menu("File", "New", "Terminal")
    terminal = teacher.page.locator(".jp-Terminal .xterm:visible")
    terminal.wait_for(timeout=60_000)
    # Type once the terminal's connection to its shell is open (keys before it are lost).
    for _ in range(120):
        if any("/terminals/websocket/" in url for url in teacher.requests):
            break
        teacher.page.wait_for_timeout(500)
    teacher.page.wait_for_timeout(2000)  # the shell's start-up files, then its prompt
    terminal.click()
    teacher.page.keyboard.type(command + "\n")


def saved_grade(teacher: Browser, submission_id: str) -> tuple:
    """The written part's manual score and comment in the gradebook (the formgrader's API)."""
    api = f"{teacher.server}/formgrader/api"
    query = {"submission_id": submission_id}
    grades = teacher.page.request.get(f"{api}/grades", params=query).json()
    comments = teacher.page.request.get(f"{api}/comments", params=query).json()
    score = next((g["manual_score"] for g in grades if g["name"] == WRITTEN), None)
    comment = next((c["manual_comment"] for c in comments if c["name"] == WRITTEN), None)
    return score, comment


def gradebook_names(teacher: Browser, student: str) -> str:
    """The student's name as the formgrader has it (its students API, as its pages read it)."""
    found = teacher.page.request.get(f"{teacher.server}/formgrader/api/students").json()
    row = next((s for s in found if s["id"] == student), {})
    return f"{row.get('last_name')}, {row.get('first_name')}"


def opens_in_own_tab(teacher: Browser, link, where: str) -> None:
    """A formgrader link opened in a tab of its own lands in the instructor's JupyterLab."""
    with teacher.context.expect_page() as opened:
        link.click()
    tab = opened.value
    tab.wait_for_load_state()
    assert f"/user/{teacher.name}/lab/tree/{where}" in tab.url, tab.url
    tab.locator(".jp-LabShell").wait_for(timeout=SLOW)
    tab.close()


# ----- the student's side ---------------------------------------------------------------------

#: The index of the markdown cell still saying YOUR ANSWER HERE, scrolled into view; else
#: scroll the notebook on (JupyterLab draws only the cells in view) and give null.
FIND_BLANK = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const cell = [...panel.querySelectorAll('.jp-MarkdownCell')]
    .find((c) => c.textContent.includes('YOUR ANSWER HERE'));
  if (cell) {
    cell.scrollIntoView();
    return cell.getAttribute('data-windowed-list-index');
  }
  panel.querySelector('.jp-WindowedPanel-outer').scrollTop += 600;
  return null;
}"""


def assignment_list(student: Browser):
    """Nbgrader → Assignment List, as the student opens it."""
    student.lab.menu("Nbgrader", "Assignment List")
    panel = student.page.locator(".jp-MainAreaWidget:not(.lm-mod-hidden)")
    expect(panel.get_by_text("Released assignments").first).to_be_visible(timeout=60_000)
    return panel


def write_the_note(student: Browser) -> None:
    """Open the fetched notebook, write the sponsor's note in its answer cell, save."""
    path = f"{COURSE_FOLDER}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    student.page.goto(f"{student.server}/lab/tree/{path}")
    student.page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=SLOW)
    student.lab.wait_idle()
    # JupyterLab draws the cells in view only: scroll down until the blank answer shows.
    index = None
    for _ in range(100):
        index = student.page.evaluate(FIND_BLANK)
        if index is not None:
            break
        student.page.wait_for_timeout(200)
    assert index is not None, "no written part to answer (YOUR ANSWER HERE) in the notebook"
    cell = student.page.locator(
        f".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell[data-windowed-list-index='{index}']"
    )
    cell.dblclick()
    editor = cell.locator(".cm-content")
    editor.click()
    student.page.keyboard.press("Control+a")
    student.page.keyboard.type(NOTE)
    student.page.keyboard.press("Shift+Enter")
    expect(cell).to_contain_text(NOTE)
    student.lab.save()


# ----- the test -------------------------------------------------------------------------------


@pytest.fixture
def class_list(people, assignment):
    """The instructor's class list in the course folder, with the student's name (README)."""
    course = home_of(people["instructor"]) / COURSE_FOLDER
    rows = ["id,first_name,last_name,email", f"{people['cy']},Cyrus,Okafor,cy@example.org"]
    path = course / "students.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    shutil.chown(path, people["instructor"], people["instructor"])
    yield path
    path.unlink(missing_ok=True)


def test_an_instructor_runs_a_class_from_jupyterlab(chromium, hub, people, class_list):
    """Generate, release, fetch, submit, collect, grade by hand, return feedback, read it:
    all in the browser, nothing from outside the machine, every page the instructor opens 200?"""
    teacher = Browser(chromium, hub, people["instructor"], hub.admin_password)
    student = None
    try:
        # Instructor: the formgrader in a JupyterLab panel; generate and release.
        frame = formgrader(teacher)
        row = manage_assignments(teacher, frame)
        press(frame, row, "assign")
        press(frame, row, "release")
        expect(row.locator("td.status")).to_have_text("released")
        # The assignment's name and Preview open the folders in JupyterLab's file browser.
        row.locator("td.name a").click()
        crumbs = teacher.page.locator(".jp-FileBrowser .jp-BreadCrumbs")
        expect(crumbs).to_contain_text(ASSIGNMENT)
        row.locator("td.preview a").click()
        expect(crumbs).to_contain_text("release")

        # Student: fetch from the Assignment List, write the note, submit.
        student = Browser(chromium, hub, people["cy"], hub.password)
        panel = assignment_list(student)
        released = panel.locator("#released_assignments_list")
        expect(released).to_contain_text(ASSIGNMENT, timeout=60_000)
        # the other hub tests' assignment may be released too: this assignment's row
        mine = released.locator("> .list_item").filter(has_text=ASSIGNMENT)
        mine.get_by_role("button", name="Fetch").click()
        fetched = panel.locator("#fetched_assignments_list")
        expect(fetched).to_contain_text(ASSIGNMENT, timeout=SLOW)
        write_the_note(student)
        panel = assignment_list(student)
        panel.locator("#fetched_assignments_list").get_by_role("button", name="Submit").click()
        expect(panel.locator("#submitted_assignments_list")).to_contain_text(
            ASSIGNMENT, timeout=SLOW
        )

        # Instructor: the class list into the gradebook, in a terminal, as the README says.
        course = f"~/{COURSE_FOLDER}"
        run_in_terminal(teacher, f"course-admin --course {course} students")
        for _ in range(120):  # the terminal draws on a canvas: ask the gradebook instead
            if gradebook_names(teacher, people["cy"]) == "Okafor, Cyrus":
                break
            teacher.page.wait_for_timeout(500)
        assert gradebook_names(teacher, people["cy"]) == "Okafor, Cyrus"
        frame = back_to_formgrader(teacher)
        row = manage_assignments(teacher, frame)
        press(frame, row, "collect")
        row.locator("td.num-submissions a").click()
        submission = frame.locator("table tr").filter(has_text=people["cy"])
        expect(submission).to_contain_text("Okafor, Cyrus")  # the name, not "None, None"
        submission.locator("td.autograde a").click()
        done = frame.locator("#success-modal, #error-modal")
        expect(done).to_be_visible(timeout=SLOW)
        assert frame.locator("#error-modal").count() == 0, done.inner_text()
        done.locator(".modal-footer button").click()
        expect(submission).to_contain_text("needs manual grading")

        # Hand-grade the note: Manual Grading → assignment → notebook → the submission.
        frame.get_by_role("link", name="Manual Grading").first.click()
        frame.get_by_role("link", name=ASSIGNMENT, exact=True).click()
        frame.get_by_role("link", name=ASSIGNMENT, exact=True).click()
        frame.locator("table a", has_text="Submission #1").first.click()
        score = frame.locator(f"input.score#{WRITTEN}")
        expect(score).to_be_visible(timeout=60_000)
        expect(frame.locator("body")).to_contain_text(NOTE)
        comment = frame.locator(f"textarea#{WRITTEN}-comment")
        graded = next(f for f in teacher.page.frames if "/formgrader/submissions/" in f.url)
        submission_id = graded.url.split("/formgrader/submissions/")[1].split("/")[0].split("?")[0]
        # The page saves a field when the cursor leaves it; a field typed into while the page
        # still fetches the grades is drawn again empty, so type until the gradebook has it.
        for _ in range(10):
            for field, value in ((score, POINTS), (comment, COMMENT)):
                field.fill(value)
                field.press("Tab")
            teacher.page.wait_for_timeout(3000)
            if saved_grade(teacher, submission_id) == (float(POINTS), COMMENT):
                break
        assert saved_grade(teacher, submission_id) == (float(POINTS), COMMENT)
        assert frame.locator("script[src*='MathJax']").count() == 1
        assert teacher.page.frames[-1].evaluate("() => typeof MathJax") == "object"

        # Feedback: generate and release from Manage Assignments.
        frame.get_by_role("link", name="Manual Grading").first.click()
        row = manage_assignments(teacher, frame)
        press(frame, row, "generate-feedback")
        press(frame, row, "release-feedback")

        # The same formgrader in a tab of its own: its links reach the instructor's JupyterLab.
        tab = teacher.context.new_page()
        tab.goto(f"{teacher.server}/formgrader/manage_assignments")
        own = tab.locator("table tr").filter(has_text=ASSIGNMENT)
        expect(own).to_have_count(1, timeout=60_000)
        source = f"{COURSE_FOLDER}/source/{ASSIGNMENT}"
        opens_in_own_tab(teacher, own.locator("td.name a"), source)
        opens_in_own_tab(teacher, own.locator("td.preview a"), f"{COURSE_FOLDER}/release")
        for link in ("Manual Grading", "Manage Students", "Manage Assignments"):
            tab.get_by_role("link", name=link).first.click()
            tab.wait_for_load_state()
        tab.close()

        # Student: fetch the feedback; one click on "(view feedback)" opens the feedback page
        # itself (the course's lab plugin, tools/labextension), as a page (not behind "Trust
        # HTML"): the score and the comment.
        panel = assignment_list(student)
        submitted = panel.locator("#submitted_assignments_list")
        submitted.get_by_role("button", name="Fetch Feedback").click()
        view = submitted.get_by_text("(view feedback)")
        expect(view).to_be_visible(timeout=SLOW)
        view.click()
        tab = student.page.locator(".lm-TabBar-tab", has_text=f"{ASSIGNMENT}.html")
        expect(tab).to_be_visible(timeout=60_000)
        expect(student.page.get_by_role("button", name="Trust HTML", exact=True)).to_have_count(0)
        feedback = student.page.frame_locator(".jp-HTMLViewer:not(.lm-mod-hidden) iframe")
        expect(feedback.locator("body")).to_contain_text(COMMENT, timeout=60_000)
        expect(feedback.locator("body")).to_contain_text(NOTE)
        expect(feedback.locator("body")).to_contain_text(f"(Score: {float(POINTS):.1f} / 4.0)")

        assert teacher.remote_requests() == [], teacher.remote_requests()
        assert student.remote_requests() == [], student.remote_requests()
        assert teacher.failed_pages() == [], teacher.failed_pages()
    finally:
        teacher.close("instructor")
        if student is not None:
            student.close("student")
