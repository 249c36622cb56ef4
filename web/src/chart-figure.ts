import { h } from "./dom";
import { t } from "./i18n";

/**
 * A chart with its caption and the same numbers as a table that only screen readers see, so every chart can be read
 * without seeing it. With no rows the chart gives way to a "no data" line.
 */
export function chartFigure(title: string, chart: SVGElement, head: string[], rows: string[][]): HTMLElement {
  const table = h("table", { class: "visually-hidden" }, h("caption", {}, title),
    h("thead", {}, h("tr", {}, ...head.map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((x) => h("td", {}, x))))));
  return h("figure", { class: "chart-box" }, h("figcaption", {}, title), rows.length ? chart : h("p", { class: "muted" }, t("noData")), table);
}
