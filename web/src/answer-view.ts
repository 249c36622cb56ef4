import type { Item, Project, Result } from "./api";
import { h } from "./dom";
import { t } from "./i18n";
import { labelsOf } from "./state";
import { type Workspace, workspace } from "./workspace";

// An answer shown read-only: the item drawn by the workspace tools with the answer's regions (inert, so nothing
// can be changed), and the same answer as a plain list that screen readers and quick readers can take in.

/** One result as a line of text: control, labels or text, and where. */
export function describeResult(r: Result): string {
  const v = r.value;
  const what = labelsOf(r).length ? labelsOf(r).join(", ")
    : Array.isArray(v["choices"]) ? (v["choices"] as string[]).join(", ")
    : Array.isArray(v["text"]) ? (v["text"] as string[]).join(" / ")
    : v["rating"] !== undefined ? `★ ${String(v["rating"])}` : "";
  let where = "";
  if (typeof v["text"] === "string") where = `“${v["text"]}” [${String(v["start"])}–${String(v["end"])}]`;
  else if (r.type === "labels" && typeof v["start"] === "number") where = t("seconds", { s: `${Number(v["start"]).toFixed(2)}–${Number(v["end"]).toFixed(2)}` });
  else if (typeof v["x"] === "number" && typeof v["width"] === "number")
    where = `${Number(v["x"]).toFixed(1)}%, ${Number(v["y"]).toFixed(1)}% · ${Number(v["width"]).toFixed(1)}×${Number(v["height"]).toFixed(1)}%`;
  else if (Array.isArray(v["points"])) where = t("points", { n: (v["points"] as unknown[]).length });
  return `${r.from_name}: ${what}${where ? ` · ${where}` : ""}`;
}

export function resultList(results: Result[], label: string): HTMLElement {
  if (!results.length) return h("p", { class: "muted" }, t("emptyAnswer"));
  const list = h("ul", { class: "answer-list", "aria-label": label });
  for (const r of results) list.append(h("li", {}, describeResult(r)));
  return list;
}

/** The item drawn with this answer, not editable. destroy() when the view goes. */
export function readOnlyAnswer(project: Project, item: Item, results: Result[]): Workspace {
  const view = workspace(project, null, { ...item, annotations: [], predictions: [] }, { prefill: results });
  view.el.setAttribute("inert", "");
  view.el.classList.add("read-only");
  return view;
}
