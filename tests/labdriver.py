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
        """Run one code cell (a locator) with Shift+Enter; wait for its execution count."""
        cell.locator(".cm-content").click()
        self.page.keyboard.press("Shift+Enter")
        cell.locator(".jp-InputPrompt", has_text=re.compile(r"\[\d+\]")).wait_for(
            timeout=RUN_TIMEOUT_MS
        )
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


def copy_artifact(src: Path, artifacts: Path, name: str) -> None:
    """Copy a file into the test-artifacts folder (kept for a human to look at after a run)."""
    artifacts.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, artifacts / name)
