import { type InputProblem, type Item, type Project, type Schema, type SchemaControl, ApiError, api } from "./api";
import { clear, h } from "./dom";
import { t } from "./i18n";
import { renderMarkdown } from "./markdown";
import { showProblems } from "./problems";
import { sampleItem } from "./sample-item";
import { colorOf } from "./state";
import { type Workspace, workspace } from "./workspace";

// The annotation rules of a project: labels (value, colour, hotkey, description), the guideline, and a live
// preview of the workspace they make. Saved with PUT /schema; the server refuses removing labels in use.

const hexColour = /^#[0-9a-f]{6}$/i;

/** The colour a label is drawn with, as #rrggbb for the colour input (the browser resolves hsl() and names). */
function toHex(colour: string): string {
  const probe = document.createElement("canvas").getContext("2d");
  if (!probe) return "#1f77b4";
  probe.fillStyle = colour;
  const resolved = probe.fillStyle;
  return hexColour.test(resolved) ? resolved : "#1f77b4";
}

/** Problems the browser can see before asking the server: empty or repeated values, repeated hotkeys. */
function check(schema: Schema): InputProblem[] {
  const problems: InputProblem[] = [];
  const keys = new Map<string, { value: string; path: string; flagged: boolean }>();
  schema.controls.forEach((control, c) => {
    const seen = new Set<string>();
    (control.labels ?? []).forEach((label, l) => {
      const path = `$.controls[${c}].labels[${l}]`;
      if (!label.value.trim()) problems.push({ message: t("ruleEmptyValue", { control: control.name }), path: `${path}.value` });
      else if (seen.has(label.value)) problems.push({ message: t("ruleDuplicateValue", { value: label.value, control: control.name }), path: `${path}.value` });
      seen.add(label.value);
      // Both labels that share a key are flagged, so the clash is seen wherever one looks.
      const key = label.hotkey?.toLowerCase();
      if (key) {
        const owner = keys.get(key);
        if (owner) {
          const message = t("ruleDuplicateKey", { key, a: owner.value, b: label.value });
          if (!owner.flagged) { problems.push({ message, path: `${owner.path}.hotkey` }); owner.flagged = true; }
          problems.push({ message, path: `${path}.hotkey` });
        } else keys.set(key, { value: label.value, path, flagged: false });
      }
    });
  });
  return problems;
}

/** Relative luminance of a #rrggbb colour (WCAG 2). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Contrast ratio of white text on a #rrggbb background, as WCAG 2 defines it (1 to 21). */
export function whiteTextContrast(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

/** WCAG AA for normal text. */
const aaContrast = 4.5;

/** A problem's JSON path relative to the schema (the server may prefix it with $.schema). */
function schemaPath(path: string | null | undefined): string {
  return (path ?? "").replace(/^\$\.schema(?=[.[]|$)/, "$");
}

export function rulesPage(project: Project): Workspace {
  const schema: Schema = structuredClone(project.schema);
  // Which control each label started in: a refusal to remove a label in use names the label, not a path.
  const originalControl = new Map<string, string>();
  for (const control of project.schema.controls) for (const label of control.labels ?? []) originalControl.set(label.value, control.name);
  const editors = h("div", { class: "rule-controls" });
  const guideline = h("textarea", { id: "rules-guideline", class: "code", rows: 8, "aria-describedby": "rules-guideline-error" });
  guideline.value = schema.guideline ?? "";
  const guidelineError = h("p", { id: "rules-guideline-error", class: "field-error", hidden: true });
  const guidePreview = h("div", { class: "guide-preview", "aria-label": t("guidelinePreview"), role: "region" });
  const problems = h("div", { class: "problems", role: "alert", tabindex: -1, hidden: true });
  const saved = h("span", { class: "muted rules-saved", role: "status" });
  const save = h("button", { type: "button", class: "primary" }, t("saveRules"));
  const previewBox = h("div", { class: "rules-preview" });
  let preview: Workspace | null = null;
  let sample: Item | null = null;
  /** Inputs by the JSON path of what they edit, and where each shows its own problem. */
  let places = new Map<string, { input: HTMLElement; message: HTMLElement }>();
  /** Per control (by name): where problems about the control as a whole, or about a removed label, go. */
  let controlPlaces = new Map<string, HTMLElement>();
  let errorCount = 0;
  places.set("$.guideline", { input: guideline, message: guidelineError });

  function place(path: string, input: HTMLElement, describedBy: string[] = []): HTMLElement {
    const id = `rule-err-${++errorCount}`;
    const message = h("span", { id, class: "field-error", hidden: true });
    input.setAttribute("aria-describedby", [...describedBy, id].join(" "));
    places.set(path, { input, message });
    return message;
  }

  /** Shows each problem next to the input it names; the ones with no input stay in the summary box only. */
  function showInPlace(list: InputProblem[]): void {
    for (const { input, message } of places.values()) {
      input.removeAttribute("aria-invalid");
      message.hidden = true;
      message.textContent = "";
    }
    for (const box of controlPlaces.values()) { box.hidden = true; clear(box); }
    for (const problem of list) {
      const path = schemaPath(problem.path);
      const found = places.get(path);
      if (found) {
        found.input.setAttribute("aria-invalid", "true");
        found.message.hidden = false;
        found.message.textContent = found.message.textContent ? `${found.message.textContent}; ${problem.message}` : problem.message;
        continue;
      }
      const control = /^\$\.controls\[(\d+)\]/.exec(path);
      const name = control ? schema.controls[Number(control[1])]?.name : originalControl.get(problem.field ?? "") ?? problem.field ?? undefined;
      const box = name ? controlPlaces.get(name) : undefined;
      if (box) { box.hidden = false; box.append(h("span", {}, problem.message)); }
    }
  }

  function report(error: ApiError | null): void {
    showProblems(problems, error);
    showInPlace(error?.errors ?? []);
  }

  function labelRow(control: SchemaControl, c: number, index: number): HTMLElement {
    const label = control.labels![index]!;
    const n = index + 1;
    const count = control.labels!.length;
    const path = `$.controls[${c}].labels[${index}]`;
    const value = h("input", { type: "text", value: label.value, "aria-label": t("ruleValue", { control: control.name, n }), class: "rule-value" });
    const colour = h("input", { type: "color", "aria-label": t("ruleColour", { control: control.name, n }) });
    const current = colorOf(control, label.value);
    colour.value = hexColour.test(current) ? current : toHex(current);
    const chip = h("span", { class: "rule-chip", "aria-hidden": "true" }, label.value || "…");
    const contrast = h("span", { class: "contrast-warning", id: `rule-contrast-${c}-${index}`, hidden: true });
    const showContrast = () => {
      chip.style.background = colour.value;
      chip.textContent = label.value || "…";
      const ratio = whiteTextContrast(colour.value);
      contrast.hidden = ratio >= aaContrast;
      // Empty when fine: a description points at this span even while it is hidden.
      contrast.textContent = contrast.hidden ? "" : `⚠ ${t("ruleContrastLow", { ratio: ratio.toFixed(1), need: aaContrast })}`;
    };
    showContrast();
    const hotkey = h("input", { type: "text", value: label.hotkey ?? "", maxlength: 1, size: 2, "aria-label": t("ruleHotkey", { control: control.name, n }), class: "rule-key" });
    const description = h("input", { type: "text", value: label.description ?? "", "aria-label": t("ruleDescription", { control: control.name, n }), class: "rule-desc" });
    const up = h("button", { type: "button", class: "rule-move", "aria-label": t("ruleMoveUp", { control: control.name, n }), disabled: index === 0 }, "↑");
    const down = h("button", { type: "button", class: "rule-move", "aria-label": t("ruleMoveDown", { control: control.name, n }), disabled: index === count - 1 }, "↓");
    const remove = h("button", { type: "button", "aria-label": t("ruleRemove", { control: control.name, n }) }, "✕");
    const valueError = place(`${path}.value`, value);
    const aliasError = place(`${path}.alias`, h("span"));
    const colourError = place(`${path}.background`, colour, [contrast.id]);
    const hotkeyError = place(`${path}.hotkey`, hotkey);
    const descriptionError = place(`${path}.description`, description);
    value.addEventListener("input", () => { label.value = value.value; showContrast(); changed(); });
    colour.addEventListener("input", () => { label.background = colour.value; showContrast(); changed(); });
    hotkey.addEventListener("input", () => { if (hotkey.value.trim()) label.hotkey = hotkey.value; else delete label.hotkey; changed(); });
    description.addEventListener("input", () => { if (description.value) label.description = description.value; else delete label.description; changed(); });
    const move = (by: number, button: "up" | "down") => {
      const labels = control.labels!;
      const [moved] = labels.splice(index, 1);
      labels.splice(index + by, 0, moved!);
      drawEditors();
      changed();
      // Focus follows the moved label: the same arrow when it can move on, else the other one.
      const to = index + by + 1;
      const find = (key: "ruleMoveUp" | "ruleMoveDown") =>
        editors.querySelector(`button[aria-label="${CSS.escape(t(key, { control: control.name, n: to }))}"]`) as HTMLButtonElement | null;
      const same = find(button === "up" ? "ruleMoveUp" : "ruleMoveDown");
      (same && !same.disabled ? same : find(button === "up" ? "ruleMoveDown" : "ruleMoveUp"))?.focus();
    };
    up.addEventListener("click", () => move(-1, "up"));
    down.addEventListener("click", () => move(1, "down"));
    remove.addEventListener("click", () => { control.labels!.splice(index, 1); drawEditors(); changed(); });
    return h("tr", {},
      h("td", {}, value, valueError, aliasError),
      h("td", {}, h("span", { class: "rule-colour" }, colour, chip), contrast, colourError),
      h("td", {}, hotkey, hotkeyError),
      h("td", {}, description, descriptionError),
      h("td", { class: "rule-actions" }, up, down, remove));
  }

  function drawEditors(): void {
    clear(editors);
    places = new Map([...places].filter(([path]) => path === "$.guideline"));
    controlPlaces = new Map();
    schema.controls.forEach((control, c) => {
      if (!control.labels) return;
      const body = h("tbody");
      control.labels.forEach((_, i) => body.append(labelRow(control, c, i)));
      const add = h("button", { type: "button", "aria-label": t("ruleAdd", { control: control.name }) }, `+ ${t("addLabel")}`);
      add.addEventListener("click", () => {
        control.labels!.push({ value: "" });
        drawEditors();
        changed();
        (editors.querySelectorAll(`fieldset[data-control="${CSS.escape(control.name)}"] .rule-value`).item(control.labels!.length - 1) as HTMLInputElement | null)?.focus();
      });
      const controlError = h("p", { class: "field-error", hidden: true });
      controlPlaces.set(control.name, controlError);
      editors.append(h("fieldset", { "data-control": control.name },
        h("legend", {}, `${control.name} · ${control.type} → ${control.toName}`),
        controlError,
        h("table", { class: "rule-table" },
          h("thead", {}, h("tr", {}, h("th", {}, t("ruleValueHead")), h("th", {}, t("ruleColourHead")), h("th", {}, t("ruleHotkeyHead")), h("th", {}, t("ruleDescriptionHead")), h("th", {}, t("ruleOrderHead")))),
          body),
        add));
    });
    if (!editors.childElementCount) editors.append(h("p", { class: "muted" }, t("noLabelControls")));
  }

  let timer = 0;
  function changed(): void {
    saved.textContent = "";
    const local = check(schema);
    report(local.length ? new ApiError(t("rulesInvalid"), 400, local) : null);
    window.clearTimeout(timer);
    timer = window.setTimeout(drawPreview, 250);
  }

  function drawGuide(): void {
    clear(guidePreview);
    guidePreview.append(renderMarkdown(guideline.value));
  }
  guideline.addEventListener("input", () => {
    if (guideline.value) schema.guideline = guideline.value; else delete schema.guideline;
    drawGuide();
    changed();
  });

  function drawPreview(): void {
    if (!sample) return;
    preview?.destroy();
    clear(previewBox);
    // The preview is drawn from a copy, so typing in the editor never changes a schema the preview holds.
    preview = workspace({ ...project, schema: structuredClone(schema) }, null, sample);
    previewBox.append(preview.el);
  }

  save.addEventListener("click", () => {
    void (async () => {
      const local = check(schema);
      if (local.length) { report(new ApiError(t("rulesInvalid"), 400, local)); problems.focus(); return; }
      save.disabled = true;
      try {
        const updated = await api.updateSchema(project.name, schema);
        project.schema = updated.schema;
        originalControl.clear();
        for (const control of updated.schema.controls) for (const label of control.labels ?? []) originalControl.set(label.value, control.name);
        report(null);
        saved.textContent = t("rulesSaved");
      } catch (error) {
        report(error instanceof ApiError ? error : new ApiError(error instanceof Error ? error.message : String(error)));
        problems.focus();
      } finally {
        save.disabled = false;
      }
    })();
  });

  drawEditors();
  drawGuide();
  void sampleItem(project).then((item) => { sample = item; drawPreview(); });

  const page = h("section", { class: "page rules" },
    h("h1", {}, project.name, " · ", t("rules")),
    h("div", { class: "rules-grid" },
      h("div", {},
        h("h2", {}, t("labels")), editors,
        h("h2", {}, h("label", { for: "rules-guideline" }, t("guideline"))), h("p", { class: "hint" }, t("guidelineHint")), guideline, guidelineError,
        h("h3", {}, t("guidelinePreview")), guidePreview,
        problems,
        h("p", {}, save, " ", saved)),
      h("div", {}, h("h2", {}, t("livePreview")), previewBox)));
  // The preview's window key listener must go when the page goes.
  return { el: page, destroy: () => { window.clearTimeout(timer); preview?.destroy(); } };
}
