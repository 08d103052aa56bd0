// The course's keyboard guard (toolkit/ui/keys.py). JupyterLab's notebook shortcuts act on
// the key pressed wherever the focus is, unless the focused element is a text field: on an
// ipywidgets drop-down, list, radio button or check box, ArrowDown moved to the next cell and
// a typed letter ran a shortcut ("d d" deletes the cell) instead of choosing an option.
// ipywidgets stops them only in its text fields. Lumino skips every shortcut for an element
// that carries data-lm-suppress-shortcuts, so this marks each such control of a course widget
// (.course-widget) as it gets the focus, before any key reaches it. One listener per page.
// Loaded by anywidget from the kernel: nothing is fetched.

const CHOICES =
  "select, input[type=radio], input[type=checkbox], [role=listbox], [role=option], [role=slider]";
const MARK = "data-lm-suppress-shortcuts";

function guard(event) {
  const target = event.target;
  if (target instanceof Element && target.matches(CHOICES) && target.closest(".course-widget")) {
    target.setAttribute(MARK, "true");
  }
}

function render({ el }) {
  el.style.display = "none";
  if (!window.__courseKeyboardGuard) {
    window.__courseKeyboardGuard = true;
    document.addEventListener("focusin", guard, true);
  }
}

export default { render };
