import { type Project } from "./api";
import { clear, h } from "./dom";
import { errorMessage as message, fillWhenReady } from "./page-content";
import { t } from "./i18n";
import { scatterChart } from "./training-charts";
import { runComparison } from "./training-compare";
import { trainingForm } from "./training-form";
import { type Run, type Trainer, headlineMetric, scalarMetrics, trainingApi } from "./training-api";
import { metric, modelLink, paramText, runDetail, seconds, statusName, trainingBase, when } from "./training-run";

// The "Training" page: start a training (trainer, parameters, snapshot, search) and follow its job; the runs list
// (cursor paging) with their metrics and the headline metric against each parameter across runs; one run (?run=N);
// two runs compared (?compare=A,B). Keys: Ctrl+Enter starts, Alt+C compares the two ticked runs, Alt+M shows more
// runs, Alt+B goes back to the list.


type Keys = [string, string][];

function shortcutList(keys: Keys): HTMLElement {
  const dl = h("dl", { class: "keys" });
  for (const [key, what] of keys) dl.append(h("dt", {}, h("kbd", {}, key)), h("dd", {}, what));
  return h("details", { class: "shortcuts train-keys" }, h("summary", {}, t("shortcuts")), dl);
}

/** Page keys, listening only while the page is shown (the router drops the element on navigation). */
function listenKeys(page: HTMLElement, handle: (e: KeyboardEvent) => boolean): void {
  const onKey = (e: KeyboardEvent): void => {
    if (!page.isConnected) { window.removeEventListener("keydown", onKey); return; }
    if (handle(e)) e.preventDefault();
  };
  window.addEventListener("keydown", onKey);
}

/** The few metrics a list row has room for: the headline, then the usual summaries the run has. */
function listedMetrics(metrics: Record<string, unknown>): [string, number][] {
  const numbers = new Map(scalarMetrics(metrics));
  const names = [headlineMetric(metrics), "accuracy", "f1_macro", "f1_micro", "f1", "precision", "recall"];
  return [...new Set(names)].filter((n): n is string => !!n && numbers.has(n)).slice(0, 3).map((n) => [n, numbers.get(n)!]);
}

export function trainingPage(project: Project, query: URLSearchParams): HTMLElement {
  const main = h("section", { class: "training" }, h("p", { class: "muted", role: "status" }, t("loading")));
  const run = Number(query.get("run"));
  const pair = (query.get("compare") ?? "").split(",").map(Number).filter((n) => n > 0);
  const back = (e: KeyboardEvent): boolean => {
    if (!(e.altKey && e.code === "KeyB")) return false;
    location.hash = trainingBase(project);
    return true;
  };
  fillWhenReady(main, async () => {
    const trainers = await trainingApi.trainers();
    if (run <= 0 && pair.length !== 2) return runsList(project, trainers, main);
    const content = run > 0 ? await runDetail(project, run, trainers) : await runComparison(project, pair[0]!, pair[1]!);
    content.firstElementChild?.after(shortcutList([["Alt+B", t("trainBack")]]));
    listenKeys(main, back);
    return content;
  });
  return main;
}

async function runsList(project: Project, trainers: Trainer[], page: HTMLElement): Promise<HTMLElement> {
  const snapshots = await trainingApi.snapshots(project.name).catch(() => []);
  const base = trainingBase(project);
  const box = h("div", {}, h("h1", {}, t("training")));
  const keys: Keys = [["Ctrl+Enter", t("trainStart")], ["Alt+C", t("trainCompareSelected")], ["Alt+M", t("trainMore")]];
  box.append(shortcutList(keys));

  const runs: Run[] = [];
  let next: string | null = null;
  const chosen = new Set<number>();
  const status = h("p", { class: "muted", role: "status" });
  const body = h("tbody");
  const table = h("table", { class: "train-runs" }, h("caption", { class: "visually-hidden" }, t("trainRuns")), h("thead", {}, h("tr", {},
    ...["", "#", t("trainTrainer"), t("trainSnapshot"), t("trainMetrics"), t("trainParameters"), t("trainDuration"), t("trainStatus"), t("trainModel"), t("trainCreated")]
      .map((x) => h("th", { scope: "col" }, x)))), body);
  const compare = h("button", { type: "button", disabled: true, "aria-keyshortcuts": "Alt+C" }, t("trainCompareSelected"), h("kbd", { "aria-hidden": "true" }, "Alt+C"));
  const more = h("button", { type: "button", hidden: true, "aria-keyshortcuts": "Alt+M" }, t("trainMore"), h("kbd", { "aria-hidden": "true" }, "Alt+M"));
  const charts = h("div", { class: "dashboard train-across" });

  const form = trainingForm(project, trainers, snapshots, (runId) => void reload(runId));

  compare.addEventListener("click", () => {
    const [a, b] = [...chosen].sort((x, y) => x - y);
    if (a && b) location.hash = `${base}?compare=${a},${b}`;
  });

  const row = (one: Run): HTMLElement => {
    const tick = h("input", { type: "checkbox", "aria-label": t("trainPickRun", { id: one.id }) });
    tick.checked = chosen.has(one.id);
    tick.addEventListener("change", () => {
      if (tick.checked) chosen.add(one.id); else chosen.delete(one.id);
      compare.disabled = chosen.size !== 2;
    });
    const head = headlineMetric(one.metrics);
    const figures = listedMetrics(one.metrics);
    return h("tr", { "data-run": one.id },
      h("td", {}, tick), h("td", {}, h("a", { href: `${base}?run=${one.id}`, "aria-label": t("trainOpenRun", { id: one.id }) }, String(one.id))),
      h("td", {}, one.trainer, one.search ? h("span", { class: "badge" }, ` ${t("trainSearched", { method: one.search.method, trials: one.search.trial_count })}`) : null),
      h("td", {}, `${one.snapshot.name} v${one.snapshot.version}`),
      h("td", { class: "train-figures" }, ...figures.map(([name, value]) => h("span", { class: name === head ? "headline" : undefined }, `${name} ${metric(value)} `))),
      h("td", { class: "train-param-summary" }, Object.entries(one.params).map(([k, v]) => `${k}=${paramText(v)}`).join(", ")),
      h("td", {}, seconds(one.duration_seconds)),
      h("td", {}, statusName(one.status), one.error ? h("div", { class: "job-error" }, one.error) : null),
      h("td", {}, modelLink(project, one)), h("td", {}, `${one.created_by} · ${when(one.created_at)}`));
  };

  /** The headline metric against each numeric parameter of the trainer picked in the form, one dot per run. */
  const drawAcross = (): void => {
    clear(charts);
    const trainer = trainers.find((x) => x.name === form.trainer());
    const own = runs.filter((r) => r.trainer === trainer?.name && headlineMetric(r.metrics));
    if (!trainer || own.length < 2) return;
    const head = headlineMetric(own[0]!.metrics)!;
    for (const p of trainer.parameters.filter((x) => x.type === "int" || x.type === "float")) {
      const points = own.flatMap((r) => {
        const x = r.params[p.name];
        const y = r.metrics[head];
        return typeof x === "number" && typeof y === "number" ? [{ x, y, label: t("trainRunN", { id: r.id }) }] : [];
      });
      if (new Set(points.map((q) => q.x)).size > 1) {
        charts.append(scatterChart(t("trainAcrossRuns", { metric: head, param: p.name, trainer: trainer.name }), p.name, head, points, p.log_scale === true));
      }
    }
  };

  const load = async (append: boolean): Promise<void> => {
    try {
      const pageOf = await trainingApi.list(project.name, append ? next : null);
      if (!append) { runs.length = 0; clear(body); }
      for (const one of pageOf.items) { runs.push(one); body.append(row(one)); }
      next = pageOf.next_cursor;
      more.hidden = next === null;
      status.textContent = runs.length ? "" : t("trainNoRuns");
      for (const id of [...chosen]) if (!runs.some((r) => r.id === id)) chosen.delete(id);
      compare.disabled = chosen.size !== 2;
      drawAcross();
    } catch (e) {
      status.textContent = t("error", { message: message(e) });
    }
  };

  /** After a training: the list again from the top, the new run marked. */
  const reload = async (runId: number | null): Promise<void> => {
    await load(false);
    if (runId) body.querySelector(`tr[data-run="${runId}"]`)?.classList.add("fresh");
  };

  more.addEventListener("click", () => void load(true));
  form.onTrainerChange(drawAcross);

  listenKeys(page, (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") { form.submit(); return true; }
    if (e.altKey && e.code === "KeyC") { if (!compare.disabled) compare.click(); return true; }
    if (e.altKey && e.code === "KeyM") { if (!more.hidden) more.click(); return true; }
    return false;
  });

  await load(false);
  box.append(form.el, h("h2", {}, t("trainRuns")), status, table, h("p", {}, compare, " ", more), h("p", { class: "muted" }, t("trainPickTwo")), charts);
  return box;
}
