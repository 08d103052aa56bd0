"""Drive JupyterLab in Chromium the way a student does: menus, clicks and keys (Playwright).

Used by the browser tests (`tests/browser/`). A :class:`Lab` wraps one Playwright page on
the session's JupyterLab server; every request the page makes is recorded, so a test can
prove that nothing left the machine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Debian's Chromium, launched headless. Without the background-networking flags Chromium
# itself phones home (component updates, sync), which a closed classroom network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",  # needed as root (containers, CI)
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# axe-core, Deque's accessibility rules engine, installed by `npm ci` in tests/browser/
# (`make test` and .ci/run do it; nothing is fetched at run time)
AXE = Path(__file__).resolve().parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
#: the rules that make up WCAG 2.1 level AA (A and AA, from WCAG 2.0 and 2.1)
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: what the course draws in the open notebook: its cell outputs, not JupyterLab's interface
OUTPUTS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"
RUN_TIMEOUT_MS = 180_000  # a whole notebook, on a busy 2-core machine

# Everything a student could see go wrong in a notebook after Run All, gathered in one pass.
_INSPECT = """
() => {
  const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')];
  return cells.map((cell, index) => {
    const outputs = [...cell.querySelectorAll('.jp-OutputArea-output')];
    const svgImgs = [...cell.querySelectorAll('img')].filter(
      (img) => img.src.startsWith('data:image/svg+xml'));
    // charts drawn in the page: top-level inline SVGs (widget charts) and figures/canvases
    const charts = [...cell.querySelectorAll(
        '.jp-OutputArea-output svg, .jp-OutputArea-output figure[role=img]')]
      .filter((el) => !el.parentElement.closest(
        '.jp-OutputArea-output svg, figure, .jupyter-widgets-error-widget'));
    const marks = (el) =>
      el.querySelectorAll('path, rect, line, circle, text').length
      + el.querySelectorAll('canvas').length;
    return {
      index,
      kind: cell.classList.contains('jp-CodeCell') ? 'code'
        : cell.classList.contains('jp-MarkdownCell') ? 'markdown' : 'raw',
      prompt: (cell.querySelector('.jp-InputPrompt') || {}).textContent || '',
      source: (cell.querySelector('.cm-content') || {}).textContent || '',
      stderr: outputs
        .filter((o) => o.getAttribute('data-mime-type') === 'application/vnd.jupyter.stderr')
        .map((o) => o.textContent.slice(0, 500)),
      text: outputs.map((o) => o.textContent).join('\\n'),
      // outputs showing a widget view; a widget whose code failed shows an error view instead
      widgets: outputs.filter((o) => o.querySelector('.jupyter-widgets')
        && !o.querySelector('.jupyter-widgets-error-widget')).length,
      brokenWidgets: cell.querySelectorAll('.jupyter-widgets-error-widget').length,
      svgImages: svgImgs.map((img) => ({loaded: img.complete && img.naturalWidth > 0})),
      figures: charts.map((f) => ({
        label: f.getAttribute('aria-label') || '',
        marks: marks(f),
      })),
      canvases: cell.querySelectorAll('.jp-OutputArea-output canvas').length,
    };
  });
}
"""


def chromium_missing_message() -> str:
    """Why the browser tests cannot run here, and how to fix it."""
    return (
        f"Chromium not found at {CHROMIUM}: the browser tests drive Debian's Chromium. "
        "Install it with `sudo apt-get install chromium` (or set CHROMIUM_PATH); "
        "never `playwright install`."
    )


def axe_missing_message() -> str:
    """Why the accessibility checks cannot run here, and how to fix it."""
    return (
        f"axe-core not found at {AXE}: run `npm ci` in tests/browser/ "
        "(`make test` does it when npm is installed: `sudo apt-get install npm`)."
    )


def is_loopback(url: str) -> bool:
    """Does ``url`` stay on this machine (loopback host, or an inline data/blob URL)?"""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "chrome-error"}:
        return True
    return parts.hostname in LOOPBACK


@dataclass
class Lab:
    """One browser tab on the session's JupyterLab, with every request it made."""

    page: object  # playwright.sync_api.Page
    server: object  # conftest.LabServer
    requests: list[str] = field(default_factory=list)

    # --- network -----------------------------------------------------------------------------
    def remote_requests(self) -> list[str]:
        """Requests (HTTP and WebSocket) that went to another machine."""
        return sorted({u for u in self.requests if not is_loopback(u)})

    # --- opening and running -----------------------------------------------------------------
    def open(self, path: str) -> None:
        """Open ``path`` (relative to the course root) in a fresh workspace; wait for its kernel."""
        self.page.goto(self.server.url(f"/lab/tree/{path}?reset"))
        self.page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=RUN_TIMEOUT_MS)
        self.wait_idle()
        self.close_sidebar()

    def close_sidebar(self) -> None:
        """Collapse the file browser so the notebook gets the full width (as in the screenshots)."""
        current = self.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if current.count():
            current.first.click()  # clicking the open panel's tab collapses the sidebar

    def menu(self, *labels: str) -> None:
        """Click through the menu bar, e.g. ``menu("Run", "Run All Cells")``."""

        def exact(label):  # "Run All Cells" must not pick "Restart Kernel and Run All Cells…"
            return re.compile(rf"^{re.escape(label)}…?$")

        self.page.locator(".lm-MenuBar-itemLabel", has_text=exact(labels[0])).first.click()
        for label in labels[1:]:
            item = self.page.locator(".lm-Menu:visible .lm-Menu-item").filter(
                has=self.page.locator(".lm-Menu-itemLabel", has_text=exact(label))
            )
            item.first.click()

    def accept_dialog(self) -> None:
        """Press the dialog's main (accept) button, e.g. "Restart"."""
        button = self.page.locator(".jp-Dialog .jp-mod-accept")
        button.wait_for(timeout=20_000)
        button.click()

    def wait_idle(self) -> None:
        """Wait until the kernel is connected and idle (the toolbar and status bar say so)."""
        self.page.wait_for_function(
            """() => {
              const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
              const status = panel && panel.querySelector('.jp-Notebook-ExecutionIndicator');
              const bar = [...document.querySelectorAll('#jp-main-statusbar span')]
                .some((s) => /\\| Idle$/.test(s.textContent.trim()));
              return bar && status && status.getAttribute('data-status') === 'idle';
            }""",
            timeout=RUN_TIMEOUT_MS,
            polling=200,
        )

    def run_cell(self, cell) -> None:
        """Run one code cell (a locator) with Shift+Enter; wait for its new execution count
        (a cell run before, e.g. by Run All, must show another number than it did)."""
        prompt = cell.locator(".jp-InputPrompt")
        before = prompt.text_content() or ""
        cell.locator(".cm-content").click()
        self.page.keyboard.press("Shift+Enter")
        prompt.filter(has_text=re.compile(r"\[\d+\]")).filter(
            has_not_text=re.compile(rf"^\s*{re.escape(before.strip())}\s*$") if before else None
        ).wait_for(timeout=RUN_TIMEOUT_MS)
        self.wait_idle()

    def wait_all_run(self) -> None:
        """Wait until Run All has finished: the kernel is idle and every non-empty code cell
        shows an execution count, or Run All stopped at an error (no cell left queued)."""
        self.page.wait_for_function(
            """() => {
              const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
              const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
              if (!status || status.getAttribute('data-status') !== 'idle') return false;
              const idle = [...document.querySelectorAll('#jp-main-statusbar span')]
                .some((s) => /\\| Idle$/.test(s.textContent.trim()));
              if (!idle) return false;
              const prompts = [...panel.querySelectorAll('.jp-CodeCell')]
                .filter((c) => (c.querySelector('.cm-content') || {}).textContent.trim())
                .map((c) => c.querySelector('.jp-InputPrompt').textContent);
              if (prompts.every((p) => /\\[\\d+\\]/.test(p))) return true;
              const stopped = panel.querySelector(
                '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
              return Boolean(stopped) && !prompts.some((p) => p.includes('*'));
            }""",
            timeout=RUN_TIMEOUT_MS,
            polling=250,
        )

    def clear_outputs(self) -> None:
        """Edit → Clear Outputs of All Cells, and wait until no cell shows an execution count."""
        self.menu("Edit", "Clear Outputs of All Cells")
        self.page.wait_for_function(
            """() => [...document.querySelectorAll(
                  '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
                .every((p) => !/\\d/.test(p.textContent))""",
            timeout=RUN_TIMEOUT_MS,
        )

    def run_all(self) -> None:
        """Run → Run All Cells, then wait for the last cell and an idle kernel.

        Outputs are cleared first, so the wait sees this run's execution counts, not saved ones.
        """
        self.clear_outputs()
        self.menu("Run", "Run All Cells")
        self.wait_all_run()

    def run_all_past_errors(self) -> None:
        """Run All, and after each cell that fails, run on from the next cell (Run Selected
        Cell and All Below), until every code cell has run: a student version of an assignment,
        whose graded cells fail while the blanks are empty, then shows every output."""
        self.run_all()
        for _ in range(50):
            left = self.page.evaluate(
                """() => [...document.querySelectorAll(
                      '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')]
                    .findIndex((c) => (c.querySelector('.cm-content') || {}).textContent.trim()
                      && !/\\[\\d+\\]/.test(c.querySelector('.jp-InputPrompt').textContent))"""
            )
            if left < 0:
                return
            cell = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell").nth(left)
            cell.locator(".jp-InputPrompt").click()
            self.menu("Run", "Run Selected Cell and All Below")
            cell.locator(".jp-InputPrompt", has_text=re.compile(r"\[\d+\]")).wait_for(
                timeout=RUN_TIMEOUT_MS
            )
            self.wait_all_run()
        msg = "Run All did not reach the last cell after 50 restarts past failing cells"
        raise AssertionError(msg)

    def restart_and_run_all(self) -> None:
        """Restart the kernel, clearing outputs, then Run All: how a student starts over."""
        self.menu("Kernel", "Restart Kernel and Clear Outputs of All Cells")
        self.accept_dialog()
        self.wait_idle()
        self.run_all()

    def save(self) -> None:
        """File → Save Notebook, and wait until the tab no longer shows unsaved changes."""
        self.menu("File", "Save Notebook")
        self.page.wait_for_selector(
            ".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current:not(.jp-mod-dirty)",
            timeout=30_000,
        )

    def validate(self):
        """Save, press the notebook toolbar's Validate button (nbgrader's), and return the body of
        its "Validation Results" dialog (a locator), closing nothing: read it, then close it."""
        self.save()
        panel = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        panel.locator(".jp-Toolbar").get_by_role("button", name="Validate").click()
        dialog = self.page.locator(".jp-Dialog")
        dialog.get_by_text("Validation Results").wait_for(timeout=RUN_TIMEOUT_MS)
        return dialog.locator(".jp-Dialog-body")

    def reload(self) -> None:
        """Reload the browser tab, as a student pressing F5, and wait for the notebook again."""
        self.page.reload()
        self.page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=RUN_TIMEOUT_MS)
        self.wait_idle()

    # --- reading what the student sees ---------------------------------------------------------
    def cells(self) -> list[dict]:
        """What each cell of the open notebook shows (see ``_INSPECT``)."""
        return self.page.evaluate(_INSPECT)

    def code_cell(self, containing: str):
        """The code cell whose source contains ``containing`` (a Playwright locator)."""
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell").filter(
            has=self.page.locator(".cm-content", has_text=containing)
        )

    def set_cell_source(self, containing: str, new_source: str) -> None:
        """Replace the source of a code cell (found by its text) by typing, then run it."""
        editor = self.code_cell(containing).first.locator(".cm-content")
        editor.click()
        self.page.keyboard.press("Control+a")
        self.page.keyboard.type(new_source)
        self.page.keyboard.press("Shift+Enter")
        self.wait_idle()

    def control(self, scope, label: str, element: str = "input"):
        """The ``input``/``select``/``textarea`` of the ipywidgets control labelled ``label``."""
        exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
        return (
            scope.locator(".widget-inline-hbox")
            .filter(has=self.page.locator("> label.widget-label", has_text=exact))
            .locator(element)
            .first
        )

    def button(self, scope, text: str):
        """The ipywidgets button showing ``text``."""
        return scope.locator("button.jupyter-button", has_text=text).first

    def saved_notebook(self, path: str) -> dict:
        """The notebook as saved on the server (after :meth:`save`)."""
        _, body = self.server.get(f"/api/contents/{path}?content=1")
        return json.loads(body)["content"]

    def problems(self, path: str) -> list[str]:
        """Everything wrong that a student would see in the open notebook, as readable lines.

        Compares the saved notebook (what the kernel sent) with the page (what was drawn): an
        error output, a widget that did not render, an SVG chart that was not drawn.
        """
        self.settle()
        saved = self.saved_notebook(path)["cells"]
        seen = self.cells()
        found = []
        if len(saved) != len(seen):
            return [f"page shows {len(seen)} cells, the saved notebook has {len(saved)}"]
        for cell, shown in zip(saved, seen, strict=True):
            where = f"cell {shown['index']} ({shown['source'][:50]!r})"
            ran = re.search(r"\[\d+\]", shown["prompt"])
            if shown["kind"] == "code" and shown["source"].strip() and not ran:
                found.append(f"{where}: was not run (Run All stopped before it)")
            for out in cell.get("outputs", []):
                if out["output_type"] == "error":
                    found.append(f"{where}: {out['ename']}: {out['evalue']}")
            for text in shown["stderr"]:
                found.append(f"{where}: error/warning output: {text[:200]}")
            if shown["brokenWidgets"]:
                found.append(f"{where}: Error displaying widget (its view failed)")
            for bad in ("Loading widget", "Error displaying widget", "untrusted SVG"):
                if bad in shown["text"]:
                    found.append(f"{where}: shows {bad!r}")
            data = [out.get("data", {}) for out in cell.get("outputs", [])]
            want_widgets = sum("application/vnd.jupyter.widget-view+json" in d for d in data)
            if want_widgets and shown["widgets"] < want_widgets:
                found.append(f"{where}: {want_widgets} widget(s) sent, {shown['widgets']} drawn")
            want_svg = sum(
                "image/svg+xml" in d and "application/vnd.jupyter.widget-view+json" not in d
                for d in data
            )
            drawn = sum(img["loaded"] for img in shown["svgImages"])
            if drawn < want_svg:
                found.append(f"{where}: {want_svg} SVG chart(s) sent, {drawn} drawn")
            for fig in shown["figures"]:
                if not fig["marks"]:
                    found.append(f"{where}: chart {fig['label'][:60]!r} has no drawing")
        return found

    def settle(self, timeout_ms: int = 30_000) -> None:
        """Give widget views and SVG pictures time to finish drawing after the kernel is idle.

        A widget still "Loading..." or a picture still loading after ``timeout_ms`` is then
        reported by :meth:`problems`.
        """
        try:
            self.page.wait_for_function(
                """() => {
                  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
                  const outputs = [...panel.querySelectorAll('.jp-OutputArea-output')];
                  const loading = outputs.some((o) => o.textContent.includes('Loading widget'));
                  const pending = [...panel.querySelectorAll('.jp-OutputArea-output img')]
                    .some((img) => !img.complete);
                  return !loading && !pending;
                }""",
                timeout=timeout_ms,
                polling=250,
            )
        except PlaywrightTimeout:
            pass  # problems() names what is still not drawn

    def charts_drawn(self) -> int:
        """How many charts the page shows drawn (SVG images, widget figures, canvases)."""
        seen = self.cells()
        return sum(
            sum(img["loaded"] for img in c["svgImages"])
            + sum(bool(f["marks"]) for f in c["figures"])
            + c["canvases"]
            for c in seen
        )

    def widgets_drawn(self) -> int:
        """How many widget views the page shows."""
        return sum(c["widgets"] for c in self.cells())

    # --- the keyboard only -------------------------------------------------------------------
    def focused(self) -> dict:
        """The element with keyboard focus: its tag, role, accessible name, value and cell."""
        return self.page.evaluate(
            """() => {
              const a = document.activeElement;
              const label = a.labels && a.labels.length ? a.labels[0].textContent : '';
              const name = a.getAttribute('aria-label') || label || a.textContent || '';
              const cell = a.closest('.jp-Cell');
              return {
                tag: a.tagName.toLowerCase(), type: a.type || '',
                role: a.getAttribute('role') || (a.type === 'range' ? 'slider' : ''),
                name: name.trim().slice(0, 120), value: a.value === undefined ? '' : a.value,
                cell: cell ? ((cell.querySelector('.cm-content') || {}).textContent || '') : '',
              };
            }"""
        )

    def select_cell_by_keyboard(self, containing: str, limit: int = 80) -> None:
        """Into the notebook by JupyterLab's "Skip to main panel" link (the first Tab stop of
        the page), then with the arrow keys to the cell holding ``containing``."""
        self.page.evaluate("() => document.activeElement && document.activeElement.blur()")
        self.tab_to("Skip to main panel")
        self.page.keyboard.press("Enter")
        self.page.keyboard.press("Escape")
        active = """(text) => {
          const cells = [...document.querySelectorAll(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')];
          const at = cells.findIndex((c) => c.classList.contains('jp-mod-active'));
          const want = cells.findIndex((c) =>
            ((c.querySelector('.cm-content') || {}).textContent || '').includes(text));
          return [at, want];
        }"""
        for _ in range(limit):
            at, want = self.page.evaluate(active, containing)
            if want < 0:
                msg = f"no cell contains {containing!r}"
                raise AssertionError(msg)
            if at == want:
                return
            self.page.keyboard.press("ArrowDown" if at < want else "ArrowUp")
        msg = f"the arrow keys did not reach the cell with {containing!r}"
        raise AssertionError(msg)

    def write_answers(self, text: str) -> int:
        """Type ``text`` into every written-answer (markdown) cell still saying "YOUR ANSWER
        HERE", by keyboard: to the cell with the arrow keys, Enter to edit, select all, type,
        Shift+Enter to show it. Returns how many cells were answered."""
        blank = "YOUR ANSWER HERE"
        left = """(blank) => [...document.querySelectorAll(
              '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell')]
            .filter((c) => ((c.querySelector('.cm-content') || {}).textContent || '')
              .includes(blank)).length"""
        done = 0
        while self.page.evaluate(left, blank):
            self.select_cell_by_keyboard(blank, limit=200)
            self.page.keyboard.press("Enter")
            self.page.keyboard.press("Control+a")
            self.page.keyboard.type(text, delay=5)
            self.page.keyboard.press("Shift+Enter")
            done += 1
            if done > 10:
                msg = f"{blank!r} is still shown after typing into 10 cells"
                raise AssertionError(msg)
        return done

    def tab_to(self, name: str, limit: int = 30, *, back: bool = False) -> list[dict]:
        """Press Tab (Shift+Tab) until the focused element's name starts with ``name``.

        Returns every element focused on the way (the last one is the one wanted).
        """
        passed = []
        for _ in range(limit):
            self.page.keyboard.press("Shift+Tab" if back else "Tab")
            passed.append(self.focused())
            if passed[-1]["name"].startswith(name):
                return passed
        names = [f["name"][:40] for f in passed]
        msg = f"Tab did not reach {name!r} in {limit} presses; it went through {names}"
        raise AssertionError(msg)

    def tab_exactly(self, name: str) -> dict:
        """Tab to the element named ``name`` itself (not one whose name only starts with it)."""
        for _ in range(10):
            focused = self.tab_to(name, limit=60)[-1]
            if focused["name"] == name:
                return focused
        msg = f"Tab did not reach an element named exactly {name!r}"
        raise AssertionError(msg)

    def press(self, key: str, times: int = 1) -> None:
        """Press ``key`` ``times`` times, each handled by the kernel before the next."""
        for _ in range(times):
            self.page.keyboard.press(key)
            self.wait_idle()

    # --- accessibility -----------------------------------------------------------------------
    def accessibility(self, scope: str = OUTPUTS) -> list[dict]:
        """axe-core's WCAG 2.1 A/AA violations in ``scope`` (by default the cell outputs).

        Returns one dict per rule broken: ``rule``, ``impact``, ``help`` and ``nodes`` (each
        with the element's CSS ``target``, its ``html`` and axe's ``summary`` of what to fix).

        Three things keep axe-core from seeing a whole notebook at once, and all are undone
        here, without moving anything on the page. JupyterLab's ``<body>`` is 0 pixels high
        (the interface is positioned over it), which axe-core takes for "hidden": it gets the
        window's height. JupyterLab skips drawing the cells out of view
        (``content-visibility: auto``): every cell is drawn. And axe-core measures colour
        contrast only for text on the screen: the notebook is scrolled through a screenful at
        a time, as a student reads it, with the contrast rule run at each stop.
        """
        self.settle()
        self.page.add_style_tag(
            content="body { height: 100vh; } "
            ".jp-NotebookPanel * { content-visibility: visible !important; }"
        )
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(path=str(AXE))
        return self.page.evaluate(
            """async ([scope, tags]) => {
              if (!document.querySelector(scope)) return [];
              const found = new Map();  // rule -> {rule, impact, help, nodes: Map(target -> node)}
              const keep = (violations) => {
                for (const v of violations) {
                  if (!found.has(v.id)) {
                    found.set(v.id, {rule: v.id, impact: v.impact, help: v.help, nodes: new Map()});
                  }
                  for (const n of v.nodes) {
                    found.get(v.id).nodes.set(n.target.join(' '), {
                      target: n.target.join(' '), html: n.html.slice(0, 300),
                      summary: n.failureSummary});
                  }
                }
              };
              const run = (options) => axe.run({include: [scope]}, {
                runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], ...options});
              keep((await run({})).violations);
              const scroller = document.querySelector(
                '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
              if (scroller) {
                const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
                for (let top = 0; ; top += Math.floor(scroller.clientHeight * 0.8)) {
                  scroller.scrollTop = top;
                  await frame(); await frame();
                  keep((await axe.run({include: [scope]}, {
                    runOnly: {type: 'rule', values: ['color-contrast']},
                    resultTypes: ['violations']})).violations);
                  if (top + scroller.clientHeight >= scroller.scrollHeight) break;
                }
              }
              return [...found.values()].map((v) => ({...v, nodes: [...v.nodes.values()]}));
            }""",
            [scope, WCAG_21_AA],
        )

    # --- screenshots ---------------------------------------------------------------------------
    def screenshot(self, path: Path, at=None, block: str = "start") -> Path:
        """Save what the student sees (scrolled to ``at``, a locator, if given) as a PNG."""
        path.parent.mkdir(parents=True, exist_ok=True)
        if at is not None:
            # twice: cells that come into view are laid out (content-visibility) and move it
            for _ in range(2):
                at.evaluate("(el, block) => el.scrollIntoView({block})", block)
                self.page.wait_for_timeout(300)
        self.page.screenshot(path=str(path))
        return path


def assert_validates(lab: Lab) -> None:
    """Press Validate and require nbgrader's pass: its success sentence, no failed cell, no
    crash of the validate command or of the sandboxed kernel; then close the dialog."""
    from playwright.sync_api import expect

    body = lab.validate()
    expect(body).to_contain_text("Success! Your notebook passes all the tests.")
    for bad in ("failed", "There was an error", "Not yet", "Traceback", "ModuleNotFoundError"):
        expect(body).not_to_contain_text(bad)
    lab.page.keyboard.press("Escape")
    lab.page.locator(".jp-Dialog").wait_for(state="detached", timeout=20_000)


def accessibility_problems(lab: Lab, name: str, artifacts: Path) -> str:
    """Run axe-core over the open notebook's outputs; record and describe what it finds.

    The violations (rule, impact, elements) go to ``artifacts/accessibility/<name>.json`` for
    a human to read after the run; the return value is a readable report, empty when there is
    nothing to fix. Without axe-core the test is skipped (outside CI) or fails (CI=true).
    """
    import pytest

    if not AXE.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(axe_missing_message())
        pytest.skip(axe_missing_message())
    violations = lab.accessibility()
    folder = artifacts / "accessibility"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(violations, indent=1), encoding="utf-8")
    lines = []
    for v in violations:
        lines.append(f"{v['rule']} ({v['impact']}, {len(v['nodes'])} element(s)): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"  {node['target']}: {node['html'][:160]}")
    return "\n".join(lines)


def copy_artifact(src: Path, artifacts: Path, name: str) -> None:
    """Copy a file into the test-artifacts folder (kept for a human to look at after a run)."""
    artifacts.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, artifacts / name)
