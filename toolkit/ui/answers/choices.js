// The course's choice group (toolkit/ui/answers/choices.py): native radio buttons or check
// boxes in a <fieldset> whose <legend> says what the group sets, so a screen reader names the
// group and each option by the name a participant reads; or (dropdown) a native <select> with
// its <label>. The keyboard works as everywhere else: Tab reaches the group, the arrow keys
// move between radio buttons (and pick) or choose in the drop-down, Space ticks a check box.
// JupyterLab's notebook shortcuts (the arrow keys move between cells) stop at the inputs.
// Loaded by anywidget from the kernel: nothing is fetched.

let made = 0;

function render({ model, el }) {
  made += 1;
  const group = `course-choice-${made}-${Math.random().toString(36).slice(2, 8)}`;
  el.classList.add("course-choice");
  if (model.get("dropdown")) return dropdown({ model, el }, group);
  const fieldset = document.createElement("fieldset");
  const legend = document.createElement("legend");
  const list = document.createElement("div");
  list.className = "course-choice-options";
  fieldset.append(legend, list);
  el.append(fieldset);
  let inputs = [];

  const send = () => {
    const picked = inputs.map((input, i) => (input.checked ? i : -1)).filter((i) => i >= 0);
    model.set("value", picked);
    model.save_changes();
  };
  const build = () => {
    list.textContent = "";
    const type = model.get("multiple") ? "checkbox" : "radio";
    inputs = model.get("options").map((name, i) => {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = type;
      input.name = group;
      input.value = String(i);
      input.id = `${group}-${i}`;
      input.setAttribute("data-lm-suppress-shortcuts", "true");
      input.addEventListener("change", send);
      const text = document.createElement("span");
      text.textContent = name;
      label.append(input, text);
      list.append(label);
      return input;
    });
  };
  const mark = () => {
    const selected = new Set(model.get("value"));
    inputs.forEach((input, i) => {
      input.checked = selected.has(i);
      input.disabled = model.get("disabled");
    });
  };
  const draw = () => {
    legend.textContent = model.get("legend");
    build();
    mark();
  };
  draw();

  const shape = ["legend", "options", "multiple"];
  for (const name of shape) model.on(`change:${name}`, draw);
  model.on("change:value", mark);
  model.on("change:disabled", mark);
  return () => {
    for (const name of shape) model.off(`change:${name}`, draw);
    model.off("change:value", mark);
    model.off("change:disabled", mark);
  };
}

// A native <select> tied to its <label>; its first entry (``blank``) stands for no answer yet.
function dropdown({ model, el }, id) {
  el.classList.add("course-choice-dropdown");
  const label = document.createElement("label");
  label.htmlFor = id;
  const select = document.createElement("select");
  select.id = id;
  select.setAttribute("data-lm-suppress-shortcuts", "true");
  el.append(label, select);
  select.addEventListener("change", () => {
    model.set("value", select.selectedIndex > 0 ? [select.selectedIndex - 1] : []);
    model.save_changes();
  });
  const build = () => {
    label.textContent = model.get("legend");
    label.style.flexBasis = model.get("label_width") || "auto"; // aligns a column of drop-downs
    select.textContent = "";
    for (const name of [model.get("blank"), ...model.get("options")]) {
      const option = document.createElement("option");
      option.textContent = name;
      select.append(option);
    }
    mark();
  };
  const mark = () => {
    const picked = model.get("value");
    select.selectedIndex = picked.length ? picked[0] + 1 : 0;
    select.disabled = model.get("disabled");
  };
  build();
  const shape = ["legend", "options", "blank", "label_width"];
  for (const name of shape) model.on(`change:${name}`, build);
  model.on("change:value", mark);
  model.on("change:disabled", mark);
  return () => {
    for (const name of shape) model.off(`change:${name}`, build);
    model.off("change:value", mark);
    model.off("change:disabled", mark);
  };
}

export default { render };
