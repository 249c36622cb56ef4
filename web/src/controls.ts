import type { Result, SchemaControl } from "./api";
import { h } from "./dom";
import { t } from "./i18n";
import { type Answer, geometryOf, newId } from "./state";

// Item-level and per-region answers: choices (radio group or checkboxes), text areas and ratings.

function findAnswer(answer: Answer, control: SchemaControl, regionId: string | null): Result | undefined {
  return answer.results.find((r) => r.from_name === control.name && r.type === control.type && (regionId === null || r.id === regionId));
}

/** Sets (or clears, when value is null) the answer of a control, item-level or for one region. */
export function setAnswer(answer: Answer, control: SchemaControl, value: Record<string, unknown> | null, regionId: string | null): void {
  const existing = findAnswer(answer, control, regionId);
  const others = answer.results.filter((r) => r !== existing);
  if (value === null) {
    answer.update(others);
    return;
  }
  const region = regionId ? answer.region(regionId) : undefined;
  const full = region ? { ...geometryOf(region), ...value } : value;
  const result: Result = existing
    ? { ...existing, value: full }
    : { id: regionId ?? newId(), from_name: control.name, to_name: control.toName, type: control.type, value: full };
  if (region?.original_width) { result.original_width = region.original_width; result.original_height = region.original_height; }
  answer.update([...others, result]);
}

export function toggleChoice(answer: Answer, control: SchemaControl, value: string, regionId: string | null): void {
  const current = (findAnswer(answer, control, regionId)?.value["choices"] as string[] | undefined) ?? [];
  let next: string[];
  if (current.includes(value)) next = current.filter((c) => c !== value);
  else next = control.multiple ? [...current, value] : [value];
  setAnswer(answer, control, next.length ? { choices: next } : null, regionId);
}

function shownName(value: string, alias?: string): string {
  return alias && alias !== value ? `${value} · ${alias}` : value;
}

/** Renders one item-level or per-region control. */
export function renderControl(answer: Answer, control: SchemaControl, regionId: string | null, predicted: string[] = []): HTMLElement {
  const result = findAnswer(answer, control, regionId);
  const box = h("div", { class: "control", "data-control": control.name });
  const headingId = `c-${control.name}-${regionId ?? "item"}`;
  box.append(h("div", { class: "control-name", id: headingId }, control.name));
  if (control.type === "choices") {
    const chosen = (result?.value["choices"] as string[] | undefined) ?? [];
    const group = h("div", { role: control.multiple ? "group" : "radiogroup", "aria-labelledby": headingId, class: "choices" });
    for (const label of control.labels ?? []) {
      const on = chosen.includes(label.value);
      const button = h("button", {
        type: "button", role: control.multiple ? "checkbox" : "radio", "aria-checked": on ? "true" : "false",
        "aria-label": label.value, class: `choice${on ? " on" : ""}${predicted.includes(label.value) ? " predicted" : ""}`, title: label.description,
      }, shownName(label.value, label.alias));
      if (label.hotkey && regionId === null) button.append(h("kbd", { "aria-hidden": "true" }, label.hotkey));
      button.addEventListener("click", () => toggleChoice(answer, control, label.value, regionId));
      group.append(button);
    }
    box.append(group);
  } else if (control.type === "textarea") {
    const texts = (result?.value["text"] as string[] | undefined) ?? [];
    const area = h("textarea", { "aria-labelledby": headingId, rows: regionId ? 2 : 3, class: "textarea" });
    area.value = texts.join("\n");
    area.addEventListener("change", () => {
      const text = area.value;
      setAnswer(answer, control, text.trim() ? { text: [text] } : null, regionId);
    });
    box.append(area);
  } else if (control.type === "rating") {
    const max = control.maxRating ?? 5;
    const rating = (result?.value["rating"] as number | undefined) ?? 0;
    const group = h("div", { role: "radiogroup", "aria-labelledby": headingId, class: "rating" });
    for (let n = 1; n <= max; n++) {
      const button = h("button", { type: "button", role: "radio", "aria-checked": n === rating ? "true" : "false",
        "aria-label": t("ratingStar", { n, max }), class: n <= rating ? "star on" : "star" }, "★");
      button.addEventListener("click", () => setAnswer(answer, control, n === rating ? null : { rating: n }, regionId));
      group.append(button);
    }
    box.append(group);
  }
  return box;
}
