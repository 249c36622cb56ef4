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
  const keys = new Map<string, string>();
  schema.controls.forEach((control, c) => {
    const seen = new Set<string>();
    (control.labels ?? []).forEach((label, l) => {
      const path = `$.controls[${c}].labels[${l}]`;
      if (!label.value.trim()) problems.push({ message: t("ruleEmptyValue", { control: control.name }), path: `${path}.value` });
      else if (seen.has(label.value)) problems.push({ message: t("ruleDuplicateValue", { value: label.value, control: control.name }), path: `${path}.value` });
      seen.add(label.value);
      const key = label.hotkey?.toLowerCase();
      if (key) {
        const owner = keys.get(key);
        if (owner) problems.push({ message: t("ruleDuplicateKey", { key, a: owner, b: label.value }), path: `${path}.hotkey` });
        else keys.set(key, label.value);
      }
    });
  });
  return problems;
}

export function rulesPage(project: Project): Workspace {
  const schema: Schema = structuredClone(project.schema);
  const editors = h("div", { class: "rule-controls" });
  const guideline = h("textarea", { id: "rules-guideline", class: "code", rows: 8 });
  guideline.value = schema.guideline ?? "";
  const guidePreview = h("div", { class: "guide-preview", "aria-label": t("guidelinePreview"), role: "region" });
  const problems = h("div", { class: "problems", role: "alert", tabindex: -1, hidden: true });
  const saved = h("span", { class: "muted rules-saved", role: "status" });
  const save = h("button", { type: "button", class: "primary" }, t("saveRules"));
  const previewBox = h("div", { class: "rules-preview" });
  let preview: Workspace | null = null;
  let sample: Item | null = null;

  function labelRow(control: SchemaControl, index: number): HTMLElement {
    const label = control.labels![index]!;
    const n = index + 1;
    const value = h("input", { type: "text", value: label.value, "aria-label": t("ruleValue", { control: control.name, n }), class: "rule-value" });
    const colour = h("input", { type: "color", "aria-label": t("ruleColour", { control: control.name, n }) });
    const current = colorOf(control, label.value);
    colour.value = hexColour.test(current) ? current : toHex(current);
    const hotkey = h("input", { type: "text", value: label.hotkey ?? "", maxlength: 1, size: 2, "aria-label": t("ruleHotkey", { control: control.name, n }), class: "rule-key" });
    const description = h("input", { type: "text", value: label.description ?? "", "aria-label": t("ruleDescription", { control: control.name, n }), class: "rule-desc" });
    const remove = h("button", { type: "button", "aria-label": t("ruleRemove", { control: control.name, n }) }, "✕");
    value.addEventListener("input", () => { label.value = value.value; changed(); });
    colour.addEventListener("input", () => { label.background = colour.value; changed(); });
    hotkey.addEventListener("input", () => { if (hotkey.value) label.hotkey = hotkey.value; else delete label.hotkey; changed(); });
    description.addEventListener("input", () => { if (description.value) label.description = description.value; else delete label.description; changed(); });
    remove.addEventListener("click", () => { control.labels!.splice(index, 1); drawEditors(); changed(); });
    return h("tr", {}, h("td", {}, value), h("td", {}, colour), h("td", {}, hotkey), h("td", {}, description), h("td", {}, remove));
  }

  function drawEditors(): void {
    clear(editors);
    for (const control of schema.controls) {
      if (!control.labels) continue;
      const body = h("tbody");
      control.labels.forEach((_, i) => body.append(labelRow(control, i)));
      const add = h("button", { type: "button", "aria-label": t("ruleAdd", { control: control.name }) }, `+ ${t("addLabel")}`);
      add.addEventListener("click", () => {
        control.labels!.push({ value: "" });
        drawEditors();
        changed();
        (editors.querySelectorAll(`fieldset[data-control="${CSS.escape(control.name)}"] .rule-value`).item(control.labels!.length - 1) as HTMLInputElement | null)?.focus();
      });
      editors.append(h("fieldset", { "data-control": control.name },
        h("legend", {}, `${control.name} · ${control.type} → ${control.toName}`),
        h("table", { class: "rule-table" },
          h("thead", {}, h("tr", {}, h("th", {}, t("ruleValueHead")), h("th", {}, t("ruleColourHead")), h("th", {}, t("ruleHotkeyHead")), h("th", {}, t("ruleDescriptionHead")), h("th", {}))),
          body),
        add));
    }
    if (!editors.childElementCount) editors.append(h("p", { class: "muted" }, t("noLabelControls")));
  }

  let timer = 0;
  function changed(): void {
    saved.textContent = "";
    const local = check(schema);
    showProblems(problems, local.length ? new ApiError(t("rulesInvalid"), 400, local) : null);
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
      if (local.length) { showProblems(problems, new ApiError(t("rulesInvalid"), 400, local)); problems.focus(); return; }
      save.disabled = true;
      try {
        const updated = await api.updateSchema(project.name, schema);
        project.schema = updated.schema;
        showProblems(problems, null);
        saved.textContent = t("rulesSaved");
      } catch (error) {
        showProblems(problems, error);
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
        h("h2", {}, h("label", { for: "rules-guideline" }, t("guideline"))), guideline,
        h("h3", {}, t("guidelinePreview")), guidePreview,
        problems,
        h("p", {}, save, " ", saved)),
      h("div", {}, h("h2", {}, t("livePreview")), previewBox)));
  // The preview's window key listener must go when the page goes.
  return { el: page, destroy: () => { window.clearTimeout(timer); preview?.destroy(); } };
}
