import type { Project } from "./api";
import { h } from "./dom";
import { lang, t } from "./i18n";
import { lineChart, scatterChart } from "./training-charts";
import { type Run, type RunDetail, type Trainer, scalarMetrics, trainingApi } from "./training-api";
import { trialTable } from "./trial-table";

// One run: what it trained on and with, its held-out metrics (and per class), the search's trials (a sortable table
// and the score against each numeric parameter), the learning curve, the run it was compared with, and its model.

export const trainingBase = (project: Project): string => `#/p/${encodeURIComponent(project.name)}/training`;
export const modelsLink = (project: Project): string => `#/p/${encodeURIComponent(project.name)}/models`;

export const metric = (value: unknown, digits = 4): string =>
  (typeof value === "number" && Number.isFinite(value) ? Number(value.toFixed(digits)).toString() : "—");
export const paramText = (value: unknown): string => (value === null || value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value));
export const seconds = (value: number | null): string => (value === null ? "—" : t("trainSeconds", { s: value.toFixed(1) }));
export const when = (iso: string): string => new Date(iso).toLocaleString(lang());

/** "text-ngram · sentiment v2", as runs are named in lists and headings. */
export const runLabel = (run: Run): string => `${run.trainer} · ${run.snapshot.name} v${run.snapshot.version}`;

export function statusName(status: string): string {
  switch (status) {
    case "running": return t("jobStateRunning");
    case "succeeded": case "finished": return t("trainStatusFinished");
    case "failed": return t("jobStateFailed");
    case "cancelled": return t("jobStateCancelled");
    default: return status;
  }
}

/** Metrics as a two-column table; per-class figures (an object per label) as a table of their own. */
export function metricsTable(metrics: Record<string, unknown>, caption: string): HTMLElement {
  return h("table", { class: "train-metrics" }, h("caption", {}, caption),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("evalMetric")), h("th", { scope: "col" }, t("evalValue")))),
    h("tbody", {}, ...scalarMetrics(metrics).map(([name, value]) => h("tr", {}, h("th", { scope: "row" }, name), h("td", {}, metric(value))))));
}

function perClassTable(metrics: Record<string, unknown>): HTMLElement | null {
  const perClass = metrics["per_class"];
  if (!perClass || typeof perClass !== "object" || Array.isArray(perClass)) return null;
  const rows = Object.entries(perClass as Record<string, Record<string, unknown>>);
  const names = [...new Set(rows.flatMap(([, v]) => Object.keys(v ?? {}).filter((k) => typeof v[k] === "number")))];
  if (!rows.length || !names.length) return null;
  return h("table", { class: "train-metrics" }, h("caption", {}, t("trainPerClass")),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("label")), ...names.map((n) => h("th", { scope: "col" }, n)))),
    h("tbody", {}, ...rows.map(([label, v]) => h("tr", {}, h("th", { scope: "row" }, label), ...names.map((n) => h("td", {}, metric(v[n])))))));
}

/** A link to the Models page for the version this run registered. */
export function modelLink(project: Project, run: Run): HTMLElement | string {
  if (!run.model) return "—";
  const reference = `${run.model.name}@${run.model.version}`;
  return h("a", { href: modelsLink(project), "aria-label": t("trainOpenModel", { model: reference }) }, reference);
}

export async function runDetail(project: Project, id: number, trainers: Trainer[]): Promise<HTMLElement> {
  const run: RunDetail = await trainingApi.get(project.name, id);
  const base = trainingBase(project);
  const box = h("div", { class: "train-run" },
    h("p", {}, h("a", { href: base, "aria-keyshortcuts": "Alt+B" }, t("trainBack"), h("kbd", { "aria-hidden": "true" }, "Alt+B"))),
    h("h1", {}, t("trainRunTitle", { id: run.id, run: runLabel(run) })));
  const facts = h("dl", { class: "train-facts" });
  const fact = (name: string, value: Node | string): void => { facts.append(h("dt", {}, name), h("dd", {}, value)); };
  fact(t("trainStatus"), statusName(run.status));
  fact(t("trainTrainer"), `${run.trainer} (${run.task})`);
  fact(t("trainSnapshot"), `${run.snapshot.name} v${run.snapshot.version}`);
  fact(t("trainSeed"), String(run.seed));
  fact(t("trainDuration"), seconds(run.duration_seconds));
  fact(t("trainModel"), modelLink(project, run));
  if (run.compared_with) {
    fact(t("trainComparedWith"), h("a", { href: `${base}?compare=${run.compared_with},${run.id}` }, t("trainCompareWithRun", { id: run.compared_with })));
  }
  if (run.search) {
    const search = run.search;
    fact(t("trainSearch"), t("trainSearchSummary", { method: search.method, trials: search.trial_count, folds: search.folds, budget: search.budget_seconds ?? "—" })
      + (typeof search.best_score === "number" && search.metric ? ` · ${t("trainBestScore", { metric: search.metric, score: metric(search.best_score) })}` : "")
      + (search.budget_spent ? ` · ${t("trainBudgetSpent")}` : ""));
  }
  fact(t("trainCreated"), `${run.created_by} · ${when(run.created_at)}`);
  box.append(facts);
  if (run.error) box.append(h("p", { role: "alert", class: "job-error" }, run.error));

  const declared = trainers.find((x) => x.name === run.trainer)?.parameters ?? [];
  const names = [...new Set([...declared.map((p) => p.name), ...Object.keys(run.params)])];
  // The parameters a search varied are those whose value differs between trials (the ones the user fixed do not).
  const varied = new Set(names.filter((n) => new Set(run.trials.map((x) => paramText(x.params[n]))).size > 1));
  const tables = h("div", { class: "train-tables" },
    h("table", { class: "train-params-used" }, h("caption", {}, t("trainParameters")),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("trainParameter")), h("th", { scope: "col" }, t("trainValue")), h("th", { scope: "col" }, t("trainDefaultShort")))),
      h("tbody", {}, ...names.map((name) => {
        const p = declared.find((x) => x.name === name);
        const searched = varied.has(name);
        return h("tr", {}, h("th", { scope: "row" }, name), h("td", {}, paramText(run.params[name]), searched ? h("span", { class: "badge" }, ` ${t("trainFoundBySearch")}`) : null), h("td", {}, paramText(p?.default)));
      }))),
    metricsTable(run.metrics, t("trainHeldOut")));
  const perClass = perClassTable(run.metrics);
  if (perClass) tables.append(perClass);
  box.append(tables);

  const charts = h("div", { class: "dashboard" });
  if (run.trials.length) {
    const scoreName = run.search?.metric ? t("trainTrialScoreOf", { metric: run.search.metric }) : t("trainTrialScore");
    box.append(h("h2", {}, t("trainTrials")), trialTable(run.trials, names.filter((n) => run.trials.some((x) => Object.hasOwn(x.params, n))), scoreName));
    for (const p of declared.filter((x) => x.type === "int" || x.type === "float")) {
      const points = run.trials.flatMap((trial, i) => {
        const x = trial.params[p.name];
        return typeof x === "number" && typeof trial.score === "number" ? [{ x, y: trial.score, label: t("trainTrialN", { n: (trial.index ?? i) + 1 }) }] : [];
      });
      if (new Set(points.map((q) => q.x)).size > 1) charts.append(scatterChart(t("trainScoreVs", { param: p.name }), p.name, scoreName, points, p.log_scale === true));
    }
  }
  if (run.curve.length) {
    const metricsOnCurve = [...new Set(run.curve.flatMap((point) => Object.keys(point).filter((k) => k !== "examples" && k !== "rung" && typeof point[k] === "number")))];
    charts.append(lineChart(t("trainLearningCurve"), t("trainTrialExamples"),
      metricsOnCurve.map((name) => ({ name, points: run.curve.filter((p) => typeof p[name] === "number").map((p) => [p.examples, p[name]!] as [number, number]) }))));
  }
  if (charts.childElementCount) box.append(h("h2", {}, t("trainCharts")), charts);
  else if (!run.trials.length) box.append(h("p", { class: "muted" }, t("trainNoTrials")));
  return box;
}
