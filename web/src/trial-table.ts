import { clear, h } from "./dom";
import { t } from "./i18n";
import type { Trial } from "./training-api";

// A search's trials as a table that sorts by any column: a column's header is a button; pressing it again
// turns the order round. Starts best score first, so the winner is the top row.

type Cell = number | string | null;
interface Column { name: string; value: (trial: Trial) => Cell; text: (trial: Trial) => string }

const num = (value: number | null | undefined, digits = 4): string => (typeof value === "number" && Number.isFinite(value) ? Number(value.toFixed(digits)).toString() : "—");
const cellText = (value: unknown): string => (value === null || value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value));

/** Nulls sort last whatever the direction; numbers as numbers, the rest as text. */
function compare(a: Cell, b: Cell): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

export function trialTable(trials: Trial[], paramNames: string[], scoreName: string): HTMLElement {
  const number = (x: Trial): number => (x.index ?? trials.indexOf(x)) + 1;
  const columns: Column[] = [
    { name: "#", value: number, text: (x) => String(number(x)) },
    ...paramNames.map((name): Column => ({
      name,
      value: (x) => { const v = x.params[name]; return typeof v === "number" || typeof v === "string" ? v : v === undefined || v === null ? null : JSON.stringify(v); },
      text: (x) => cellText(x.params[name]),
    })),
    { name: scoreName, value: (x) => x.score, text: (x) => (x.score === null && x.error ? `— ${x.error}` : num(x.score)) },
    { name: t("trainTrialFolds"), value: (x) => x.scores.length, text: (x) => x.scores.map((s) => num(s, 3)).join(" · ") },
    { name: t("trainTrialExamples"), value: (x) => x.examples, text: (x) => String(x.examples) },
    { name: t("trainTrialRung"), value: (x) => x.rung, text: (x) => (x.rung === null || x.rung === undefined ? "—" : String(x.rung)) },
    { name: t("trainTrialSeconds"), value: (x) => x.seconds, text: (x) => num(x.seconds, 2) },
  ];
  const scoreColumn = paramNames.length + 1;
  let sortBy = scoreColumn;
  let descending = true;
  const head = h("tr");
  const body = h("tbody");
  const table = h("table", { class: "trial-table" }, h("caption", { class: "visually-hidden" }, t("trainTrials")), h("thead", {}, head), body);

  const draw = (): void => {
    clear(head);
    columns.forEach((column, i) => {
      const button = h("button", { type: "button", class: "sort" }, column.name, i === sortBy ? h("span", { "aria-hidden": "true" }, descending ? " ▼" : " ▲") : null);
      button.addEventListener("click", () => {
        if (sortBy === i) descending = !descending;
        else { sortBy = i; descending = i === scoreColumn; }
        draw();
        (head.children[i]?.querySelector("button") as HTMLButtonElement | null)?.focus();
      });
      head.append(h("th", { scope: "col", "aria-sort": i === sortBy ? (descending ? "descending" : "ascending") : "none" }, button));
    });
    const column = columns[sortBy]!;
    const rows = [...trials].sort((a, b) => {
      const va = column.value(a);
      const vb = column.value(b);
      if (va === null || vb === null) return compare(va, vb);
      return descending ? compare(vb, va) : compare(va, vb);
    });
    clear(body);
    for (const trial of rows) body.append(h("tr", {}, ...columns.map((c) => h("td", {}, c.text(trial)))));
  };
  draw();
  return table;
}
