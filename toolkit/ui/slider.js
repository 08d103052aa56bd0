// The course's slider (toolkit/ui/slider.py): a native range input with its <label> and its
// value in words beside it. Native, so a screen reader names it by its label, reads its value
// (aria-valuetext), and the keyboard works as everywhere else: Tab reaches it, the arrow keys,
// Page Up/Down, Home and End move it. Loaded by anywidget from the kernel: nothing is fetched.

let made = 0;

function shown(model, value) {
  const decimals = model.get("decimals");
  const number = model.get("percent") ? value * 100 : value;
  const text = number.toFixed(decimals) + (model.get("percent") ? "%" : "");
  const unit = model.get("unit");
  return unit ? `${text} ${unit}` : text;
}

function render({ model, el }) {
  made += 1;
  const id = `course-slider-${made}-${Math.random().toString(36).slice(2, 8)}`;
  el.classList.add("course-slider");
  const label = document.createElement("label");
  label.htmlFor = id;
  const input = document.createElement("input");
  input.type = "range";
  input.id = id;
  // JupyterLab's notebook shortcuts (arrow keys move between cells) stop at this attribute
  input.setAttribute("data-lm-suppress-shortcuts", "true");
  const value = document.createElement("span");
  value.className = "course-slider-value";
  value.setAttribute("aria-hidden", "true"); // the input says it itself (aria-valuetext)
  el.append(label, input, value);

  const say = (number) => {
    const text = shown(model, number);
    value.textContent = text;
    input.setAttribute("aria-valuetext", text);
  };
  const draw = () => {
    label.textContent = model.get("description");
    label.style.flexBasis = model.get("label_width") || "auto"; // aligns a column of sliders
    input.min = String(model.get("min"));
    input.max = String(model.get("max"));
    input.step = String(model.get("step"));
    input.value = String(model.get("value"));
    input.disabled = model.get("disabled");
    say(Number(model.get("value")));
  };
  draw();

  // the number follows the thumb at once; the kernel hears of it when the move ends
  // (a key press, or letting go of the mouse), so a drag does not queue a redraw per pixel
  input.addEventListener("input", () => say(Number(input.value)));
  input.addEventListener("change", () => {
    model.set("value", Number(input.value));
    model.save_changes();
  });

  const traits = [
    "value", "min", "max", "step", "description", "label_width", "unit", "percent", "decimals",
    "disabled",
  ];
  for (const name of traits) model.on(`change:${name}`, draw);
  return () => {
    for (const name of traits) model.off(`change:${name}`, draw);
  };
}

export default { render };
