import { type Project, call } from "./api";
import { chartFigure } from "./chart-figure";
import { clear, h, s } from "./dom";
import { errorMessage as message, fillWhenReady } from "./page-content";
import { t } from "./i18n";
import { jobProgress } from "./jobs";

// Algorithm testing: run a model on a test snapshot, read one evaluation (figures, confusion heat map, PR curves,
// reliability diagram, slices worst first), compare two, and send failing items to review.

type Json = Record<string, unknown>;
interface Summary { [control: string]: { task: string; headline: string; value: number | null; items: number } }
export interface EvaluationRow {
  id: number; snapshot: string; snapshot_version: number; snapshot_id: number; model: string; model_version: string;
  created_by: string; created_at: string; duration_ms: number; items: number; summary: Summary;
}
interface Slice { dimension: string; value: string; items: number; metric: string; figure: number | null }
interface ControlReport { task: string; headline: string; higher_is_better: boolean; items: number; wrong: number; metrics: Json; slices: Slice[] }
interface Report { controls: Record<string, ControlReport>; skipped_controls?: Record<string, string> }
interface Interval { metric: string; baseline: number; candidate: number; delta: number; lower: number; upper: number }
interface Flip { item: number; direction: string; truth: unknown; baseline: unknown; candidate: unknown }
interface ControlComparison {
  task: string; bootstrap?: Interval; mcnemar?: { b: number; c: number; p_value: number };
  flips: { right_to_wrong: number; wrong_to_right: number; items: Flip[] };
}
interface Comparison { baseline: { id: number }; candidate: { id: number }; controls: Record<string, ControlComparison> }

const p = (name: string) => `/projects/${encodeURIComponent(name)}`;

export const evaluationsApi = {
  list: async (name: string) => (await call<{ evaluations: EvaluationRow[] }>("GET", `${p(name)}/evaluations?limit=200`))!.evaluations,
  get: async (name: string, id: number) => (await call<EvaluationRow & { report: Report }>("GET", `${p(name)}/evaluations/${id}`))!,
  run: async (name: string, model: string, snapshot: string) =>
    (await call<EvaluationRow>("POST", `${p(name)}/evaluations`, { model, snapshot }))!,
  compare: async (name: string, baseline: number, candidate: number) =>
    (await call<Comparison>("GET", `${p(name)}/evaluations/compare?baseline=${baseline}&candidate=${candidate}`))!,
  versions: async (name: string) => (await call<{ versions: { model: string }[] }>("GET", `${p(name)}/evaluations/prediction-versions`))!.versions,
  snapshots: async (name: string) => (await call<{ snapshots: { name: string; version: number }[] }>("GET", `${p(name)}/snapshots`))!.snapshots,
  /** Queues the evaluation on the job engine; the job's result names the stored evaluation. */
  queue: async (name: string, model: string, snapshot: string) =>
    (await call<{ job: number }>("POST", `${p(name)}/evaluations`, { model, snapshot, background: true }))!.job,
  sendToReview: async (name: string, id: number) => (await call<{ sent: number }>("POST", `${p(name)}/evaluations/${id}/send-to-review`, {}))!.sent,
};

const fixed = (value: unknown, digits = 3) => (typeof value === "number" && Number.isFinite(value) ? value.toFixed(digits) : "—");
const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** The "Evaluations" page: the list (with a run form and compare), one evaluation (?id=N), or a comparison (?compare=A,B). */
export function evaluationsPage(project: Project, query: URLSearchParams): HTMLElement {
  const main = h("section", { class: "evaluations" }, h("p", { class: "muted", role: "status" }, t("loading")));
  const id = Number(query.get("id"));
  const pair = (query.get("compare") ?? "").split(",").map(Number).filter((n) => n > 0);
  fillWhenReady(main, () => (id > 0 ? detail(project, id) : pair.length === 2 ? comparison(project, pair[0]!, pair[1]!) : list(project)));
  return main;
}

const base = (project: Project) => `#/p/${encodeURIComponent(project.name)}/evaluations`;

async function list(project: Project): Promise<HTMLElement> {
  const [rows, versions, snapshots] = await Promise.all([
    evaluationsApi.list(project.name), evaluationsApi.versions(project.name).catch(() => []), evaluationsApi.snapshots(project.name).catch(() => [])]);
  const box = h("div", {}, h("h1", {}, t("evaluations")));

  const model = h("input", { id: "eval-model", list: "eval-models", required: true, placeholder: t("evalModelHint"), value: versions[0]?.model ?? "" });
  const options = h("datalist", { id: "eval-models" }, ...versions.map((v) => h("option", { value: v.model })));
  const names = [...new Set(snapshots.map((x) => x.name))];
  const snapshot = h("select", { id: "eval-snapshot" }, ...names.map((n) => h("option", { value: n }, n)));
  const status = h("p", { role: "status", class: "muted" });
  const run = h("button", { type: "submit", disabled: names.length === 0 }, t("evalRunButton"));
  const form = h("form", { class: "eval-run", "aria-labelledby": "eval-run-heading" },
    h("h2", { id: "eval-run-heading" }, t("evalRun")),
    h("label", { for: "eval-model" }, t("evalModel")), " ", model, options, " ",
    h("label", { for: "eval-snapshot" }, t("evalSnapshot")), " ", snapshot, " ", run, status);
  if (names.length === 0) status.textContent = t("evalNoSnapshot");
  // The evaluation runs as a background job: its progress shows under the form, and the finished evaluation opens.
  const progress = h("div", { class: "eval-job" });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run.disabled = true;
    status.textContent = t("evalRunning");
    clear(progress);
    void evaluationsApi.queue(project.name, model.value.trim(), snapshot.value)
      .then((job) => {
        status.textContent = t("evalQueued", { job });
        progress.append(jobProgress(job, (done) => {
          const made = (done.result as { evaluation?: number } | null | undefined)?.evaluation;
          if (done.state === "succeeded" && made) {
            status.textContent = t("evalDone", { id: made });
            location.hash = `${base(project)}?id=${made}`;
          } else {
            status.textContent = t("evalJobEnded");
            run.disabled = false;
          }
        }));
      })
      .catch((e: unknown) => { status.textContent = t("error", { message: message(e) }); status.setAttribute("role", "alert"); run.disabled = false; });
  });
  box.append(form, progress);

  if (rows.length === 0) {
    box.append(h("p", { class: "muted" }, t("evalNone")));
    return box;
  }
  const chosen = new Set<number>();
  const compare = h("button", { type: "button", disabled: true }, t("evalCompare"));
  const hint = h("p", { class: "muted" }, t("evalPickTwo"));
  compare.addEventListener("click", () => {
    const [a, b] = [...chosen].sort((x, y) => x - y);
    location.hash = `${base(project)}?compare=${a},${b}`;
  });
  const table = h("table", { class: "eval-list" }, h("thead", {}, h("tr", {},
    h("th", { scope: "col" }, ""), h("th", { scope: "col" }, "#"), h("th", { scope: "col" }, t("evalModel")), h("th", { scope: "col" }, t("evalSnapshot")),
    h("th", { scope: "col" }, t("items")), h("th", { scope: "col" }, t("evalHeadline")), h("th", { scope: "col" }, t("evalCreated")))));
  const body = h("tbody");
  for (const row of rows) {
    const box_ = h("input", { type: "checkbox", "aria-label": `${t("evalCompare")} ${row.id}` });
    box_.addEventListener("change", () => {
      if (box_.checked) chosen.add(row.id);
      else chosen.delete(row.id);
      const picked = rows.filter((r) => chosen.has(r.id));
      compare.disabled = !(picked.length === 2 && picked[0]!.snapshot_id === picked[1]!.snapshot_id);
    });
    const headlines = Object.entries(row.summary).map(([control, x]) => `${control} ${x.headline} ${fixed(x.value)}`).join(" · ");
    body.append(h("tr", {}, h("td", {}, box_), h("td", {}, h("a", { href: `${base(project)}?id=${row.id}` }, String(row.id))),
      h("td", {}, row.model), h("td", {}, `${row.snapshot} v${row.snapshot_version}`), h("td", {}, String(row.items)),
      h("td", {}, headlines), h("td", {}, new Date(row.created_at).toLocaleString())));
  }
  table.append(body);
  box.append(table, h("p", {}, compare), hint);
  return box;
}

async function detail(project: Project, id: number): Promise<HTMLElement> {
  const evaluation = await evaluationsApi.get(project.name, id);
  const box = h("div", {}, h("p", {}, h("a", { href: base(project) }, t("evalBack"))),
    h("h1", {}, t("evalTitle", { id, model: evaluation.model, snapshot: `${evaluation.snapshot} v${evaluation.snapshot_version}` })));
  const status = h("p", { role: "status", class: "muted" });
  const send = h("button", { type: "button" }, t("evalSendToReview"));
  send.addEventListener("click", () => {
    send.disabled = true;
    void evaluationsApi.sendToReview(project.name, id)
      .then((count) => { status.textContent = t("evalSent", { count }); })
      .catch((e: unknown) => { status.textContent = t("error", { message: message(e) }); })
      .finally(() => { send.disabled = false; });
  });
  box.append(h("p", {}, send, " ", h("a", { href: `/api/v1${p(project.name)}/evaluations/${id}/report.html`, target: "_blank", rel: "noopener" }, t("evalHtmlReport"))), status);

  for (const [name, control] of Object.entries(evaluation.report.controls)) {
    const section = h("section", { class: "eval-control" }, h("h2", {}, t("evalControl", { control: name, task: control.task, items: control.items, wrong: control.wrong })));
    const scalars = Object.entries(control.metrics).filter(([, v]) => typeof v === "number");
    section.append(h("table", { class: "eval-metrics" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("evalMetric")), h("th", { scope: "col" }, t("evalValue")))),
      h("tbody", {}, ...scalars.map(([k, v]) => h("tr", {}, h("td", {}, k), h("td", {}, fixed(v, 4)))))));
    const figures = h("div", { class: "dashboard" });
    const confusion = control.metrics["confusion"] as { labels: string[]; matrix: number[][] } | undefined;
    if (confusion && confusion.labels.length > 0 && confusion.labels.length <= 40) figures.append(heatMap(t("evalConfusion", { control: name }), confusion.labels, confusion.matrix));
    const curves = control.metrics["curves"] as Record<string, { pr: { recall: number; precision: number }[] }> | undefined;
    if (curves && Object.keys(curves).length > 0) {
      figures.append(lines(t("evalPrCurves", { control: name }), Object.entries(curves).map(([label, c]) => ({ name: label, points: c.pr.map((q) => [q.recall, q.precision] as [number, number]) }))));
    }
    const bins = control.metrics["reliability"] as { lower: number; upper: number; count: number; accuracy: number | null }[] | undefined;
    if (bins && bins.length > 0) figures.append(reliability(t("evalReliability", { control: name }), bins));
    if (control.slices.length > 0) figures.append(sliceBars(t("evalSlices", { control: name }), control));
    section.append(figures);
    box.append(section);
  }
  for (const [control, reason] of Object.entries(evaluation.report.skipped_controls ?? {})) box.append(h("p", { class: "muted" }, t("evalNotScored", { control, reason })));
  return box;
}

async function comparison(project: Project, baseline: number, candidate: number): Promise<HTMLElement> {
  const result = await evaluationsApi.compare(project.name, baseline, candidate);
  const box = h("div", {}, h("p", {}, h("a", { href: base(project) }, t("evalBack"))), h("h1", {}, t("evalCompareTitle", { baseline, candidate })));
  for (const [name, control] of Object.entries(result.controls)) {
    const section = h("section", { class: "eval-control" }, h("h2", {}, `${name} (${control.task})`));
    const b = control.bootstrap;
    if (b) section.append(h("p", {}, t("evalDelta", { metric: b.metric, baseline: fixed(b.baseline), candidate: fixed(b.candidate), delta: fixed(b.delta), lower: fixed(b.lower), upper: fixed(b.upper) })));
    if (control.mcnemar) section.append(h("p", {}, t("evalMcNemar", { b: control.mcnemar.b, c: control.mcnemar.c, p: fixed(control.mcnemar.p_value, 4) })));
    section.append(h("p", {}, t("evalFlips", { rtw: control.flips.right_to_wrong, wtr: control.flips.wrong_to_right })));
    if (control.flips.items.length > 0) {
      section.append(h("table", { class: "eval-flips" },
        h("thead", {}, h("tr", {}, ...[t("evalItem"), t("evalFlipDirection"), t("evalTruth"), t("evalBaseline"), t("evalCandidate")].map((x) => h("th", { scope: "col" }, x)))),
        h("tbody", {}, ...control.flips.items.slice(0, 100).map((f) => h("tr", { class: f.direction },
          h("td", {}, h("a", { href: `#/p/${encodeURIComponent(project.name)}/work?item=${f.item}` }, String(f.item))),
          h("td", {}, f.direction === "right_to_wrong" ? t("evalRightToWrong") : t("evalWrongToRight")),
          h("td", {}, text(f.truth)), h("td", {}, text(f.baseline)), h("td", {}, text(f.candidate)))))));
    }
    box.append(section);
  }
  return box;
}

function label(x: number, y: number, value: string, anchor = "start", cls = "axis"): SVGTextElement {
  const el = s("text", { x, y, "text-anchor": anchor, class: cls });
  el.textContent = value;
  return el;
}

function heatMap(title: string, labels: string[], matrix: number[][]): HTMLElement {
  const cell = 34;
  const left = 110;
  const top = 14;
  const size = labels.length * cell;
  const svg = s("svg", { viewBox: `0 0 ${left + size + 10} ${top + size + 90}`, class: "chart", role: "img", "aria-label": title });
  matrix.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    svg.append(label(left - 6, top + i * cell + cell / 2 + 4, labels[i]!.slice(0, 14), "end"));
    row.forEach((count, j) => {
      const share = total === 0 ? 0 : count / total;
      const rect = s("rect", { x: left + j * cell, y: top + i * cell, width: cell - 1, height: cell - 1,
        fill: i === j ? `rgba(30,123,52,${0.1 + 0.9 * share})` : `rgba(179,38,30,${share === 0 ? 0.03 : 0.1 + 0.9 * share})` });
      const tip = s("title");
      tip.textContent = `${labels[i]} → ${labels[j]}: ${count}`;
      rect.append(tip);
      svg.append(rect, label(left + j * cell + cell / 2, top + i * cell + cell / 2 + 4, String(count), "middle", "value"));
    });
  });
  labels.forEach((name, j) => {
    const x = left + j * cell + cell / 2;
    const el = label(x, top + size + 12, name.slice(0, 14), "end");
    el.setAttribute("transform", `rotate(-45 ${x} ${top + size + 12})`);
    svg.append(el);
  });
  const rows = matrix.flatMap((row, i) => row.map((count, j) => [labels[i]!, labels[j]!, String(count)]));
  return chartFigure(title, svg, [t("evalTruth"), t("evalModel"), t("items")], rows);
}

const palette = ["#0b57d0", "#b3261e", "#1e7b34", "#6b3fa0", "#8a5a00", "#00677d", "#a8326e", "#4b5563"];

function lines(title: string, series: { name: string; points: [number, number][] }[]): HTMLElement {
  const size = 240;
  const left = 36;
  const svg = s("svg", { viewBox: `0 0 ${left + size + 150} ${size + 40}`, class: "chart", role: "img", "aria-label": title });
  svg.append(s("rect", { x: left, y: 10, width: size, height: size, fill: "none", stroke: "#6b7683" }));
  svg.append(label(left - 4, 14, "1", "end"), label(left - 4, size + 10, "0", "end"), label(left + size, size + 26, "1", "middle"));
  series.forEach((one, k) => {
    const colour = palette[k % palette.length]!;
    const points = one.points.map(([x, y]) => `${left + x * size},${10 + (1 - y) * size}`).join(" ");
    svg.append(s("polyline", { points, fill: "none", stroke: colour, "stroke-width": 2 }));
    if (k < 12) svg.append(s("rect", { x: left + size + 12, y: 12 + k * 16, width: 10, height: 10, fill: colour }), label(left + size + 26, 21 + k * 16, one.name.slice(0, 16)));
  });
  return chartFigure(title, svg, [t("label"), t("evalValue")], series.map((one) => [one.name, String(one.points.length)]));
}

function reliability(title: string, bins: { lower: number; upper: number; count: number; accuracy: number | null }[]): HTMLElement {
  const size = 240;
  const left = 36;
  const svg = s("svg", { viewBox: `0 0 ${left + size + 20} ${size + 40}`, class: "chart", role: "img", "aria-label": title });
  svg.append(s("rect", { x: left, y: 10, width: size, height: size, fill: "none", stroke: "#6b7683" }));
  for (const bin of bins) {
    if (!bin.count || bin.accuracy === null) continue;
    svg.append(s("rect", { x: left + bin.lower * size, y: 10 + (1 - bin.accuracy) * size, width: (bin.upper - bin.lower) * size - 1, height: bin.accuracy * size, fill: "#0b57d0", opacity: 0.75 }));
  }
  svg.append(s("line", { x1: left, y1: 10 + size, x2: left + size, y2: 10, stroke: "#b3261e", "stroke-dasharray": "4 3" }));
  return chartFigure(title, svg, [t("evalSlice"), t("evalValue"), t("items")],
    bins.map((b) => [`${b.lower.toFixed(1)}–${b.upper.toFixed(1)}`, fixed(b.accuracy), String(b.count)]));
}

function sliceBars(title: string, control: ControlReport): HTMLElement {
  const rows = control.slices.filter((x) => x.figure !== null).slice(0, 20);
  const rowHeight = 24;
  const labelWidth = 200;
  const width = 640;
  const max = Math.max(1e-9, ...rows.map((x) => x.figure!));
  const svg = s("svg", { viewBox: `0 0 ${width} ${Math.max(1, rows.length) * rowHeight + 8}`, class: "chart", role: "img", "aria-label": title });
  rows.forEach((slice, i) => {
    const top = i * rowHeight + 4;
    const length = Math.max(2, ((width - labelWidth - 160) * Math.max(0, slice.figure!)) / max);
    svg.append(label(labelWidth - 8, top + 15, `${slice.dimension}=${slice.value}`.slice(0, 28), "end"),
      s("rect", { x: labelWidth, y: top + 3, width: length, height: rowHeight - 8, rx: 3, fill: "#0b57d0" }),
      label(labelWidth + length + 6, top + 15, `${slice.metric} ${fixed(slice.figure)} · ${slice.items}`, "start", "value"));
  });
  return chartFigure(title, svg, [t("evalSlice"), t("evalMetric"), t("evalValue"), t("items")],
    rows.map((x) => [`${x.dimension}=${x.value}`, x.metric, fixed(x.figure), String(x.items)]));
}
