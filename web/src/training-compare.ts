import type { Project } from "./api";
import { h } from "./dom";
import { t } from "./i18n";
import { pairedBars } from "./training-charts";
import { trainingApi } from "./training-api";
import { metric, modelLink, paramText, runLabel, seconds, trainingBase } from "./training-run";

// Two runs side by side: each metric with its change from A to B (better or worse said in words, not only colour),
// the parameters that differ, and the metrics as paired bars.

/** "+0.0412" / "−0.0100" / "0": the sign always written. */
export function signed(delta: number | null): string {
  if (delta === null || !Number.isFinite(delta)) return "—";
  const text = metric(Math.abs(delta));
  return delta > 0 ? `+${text}` : delta < 0 ? `−${text}` : "0";
}

export async function runComparison(project: Project, a: number, b: number): Promise<HTMLElement> {
  const result = await trainingApi.compare(project.name, a, b);
  const base = trainingBase(project);
  const runLink = (id: number) => h("a", { href: `${base}?run=${id}` }, t("trainRunN", { id }));
  const box = h("div", { class: "train-compare" },
    h("p", {}, h("a", { href: base, "aria-keyshortcuts": "Alt+B" }, t("trainBack"), h("kbd", { "aria-hidden": "true" }, "Alt+B"))),
    h("h1", {}, t("trainCompareTitle", { a, b })));
  box.append(h("table", { class: "train-compare-runs" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, ""), h("th", { scope: "col" }, "A"), h("th", { scope: "col" }, "B"))),
    h("tbody", {},
      h("tr", {}, h("th", { scope: "row" }, t("trainRun")), h("td", {}, runLink(result.a.id)), h("td", {}, runLink(result.b.id))),
      h("tr", {}, h("th", { scope: "row" }, t("trainTrainer")), h("td", {}, runLabel(result.a)), h("td", {}, runLabel(result.b))),
      h("tr", {}, h("th", { scope: "row" }, t("trainDuration")), h("td", {}, seconds(result.a.duration_seconds)), h("td", {}, seconds(result.b.duration_seconds))),
      h("tr", {}, h("th", { scope: "row" }, t("trainModel")), h("td", {}, modelLink(project, result.a)), h("td", {}, modelLink(project, result.b))))));

  box.append(h("table", { class: "train-deltas" }, h("caption", {}, t("trainMetricDeltas")),
    h("thead", {}, h("tr", {}, ...[t("evalMetric"), "A", "B", t("trainDelta")].map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, ...result.metrics.map((row) => {
      const direction = row.delta === null || row.delta === 0 ? "" : row.delta > 0 ? "up" : "down";
      return h("tr", { class: direction ? `delta-${direction}` : undefined },
        h("th", { scope: "row" }, row.name), h("td", {}, metric(row.a)), h("td", {}, metric(row.b)),
        h("td", {}, signed(row.delta), direction ? h("span", { class: "visually-hidden" }, ` ${t(direction === "up" ? "trainHigher" : "trainLower")}`) : null));
    }))));

  const differing = result.params.filter((row) => row.differs ?? paramText(row.a) !== paramText(row.b));
  box.append(differing.length
    ? h("table", { class: "train-param-diff" }, h("caption", {}, t("trainParamDiffs")),
      h("thead", {}, h("tr", {}, ...[t("trainParameter"), "A", "B"].map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, ...differing.map((row) => h("tr", {}, h("th", { scope: "row" }, row.name), h("td", {}, paramText(row.a)), h("td", {}, paramText(row.b))))))
    : h("p", { class: "muted" }, t("trainSameParams")));

  box.append(h("div", { class: "dashboard" },
    pairedBars(t("trainCompareChart"), [t("trainRunN", { id: a }), t("trainRunN", { id: b })], result.metrics)));
  return box;
}
