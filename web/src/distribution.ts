import { ApiError, type Project, call } from "./api";
import { clear, h } from "./dom";
import { type Key, lang, t } from "./i18n";
import { jobProgress } from "./jobs";
import { showProblems } from "./problems";

// The project's work-distribution settings: overlap, order, lease, gold rate, and the qualification exam, with
// the gold accuracy and exam results that managers check them against.

export interface QueueScoring { strategy: string; model: string; items: number; scored_by: string; scored_at: string }
export interface DistributionSettings {
  overlap: number; order: string; lease_minutes: number; gold_rate: number; random_share?: number;
  orders?: string[]; by_priority?: string[]; scoring?: QueueScoring | null;
}
export interface ExamSettings { enabled: boolean; pass_score: number; items: number[] }
export interface GoldItem { item_id: number; in_exam: boolean }
export interface GoldAccuracy { user: string; items: number; items_correct: number; accuracy: number }
export interface ExamResult { user: string; score: number; passed: boolean; correct: number; total: number }

function send<T>(method: string, path: string, body?: unknown): Promise<T | null> {
  return call<T>(method, `/projects/${path}`, body);
}

const p = (name: string) => encodeURIComponent(name);

export const distributionApi = {
  settings: async (name: string) => (await send<DistributionSettings>("GET", `${p(name)}/distribution`))!,
  saveSettings: async (name: string, settings: DistributionSettings) => (await send<DistributionSettings>("PUT", `${p(name)}/distribution`, settings))!,
  exam: async (name: string) => (await send<ExamSettings>("GET", `${p(name)}/exam`))!,
  saveExam: async (name: string, exam: ExamSettings) => (await send<ExamSettings>("PUT", `${p(name)}/exam`, exam))!,
  gold: async (name: string) => (await send<{ gold: GoldItem[] }>("GET", `${p(name)}/gold`))!.gold,
  accuracy: async (name: string) => (await send<{ annotators: GoldAccuracy[] }>("GET", `${p(name)}/gold/accuracy`))!.annotators,
  results: async (name: string) => (await send<{ results: ExamResult[] }>("GET", `${p(name)}/exam/results`))!.results,
  reset: (name: string, who: string) => send<null>("POST", `${p(name)}/exam/results/${encodeURIComponent(who)}/reset`),
  skip: (name: string, id: number) => send<null>("POST", `${p(name)}/items/${id}/skip`),
  prioritize: async (name: string, body: { model?: string; strategy?: string }) =>
    (await send<{ job_id: number; strategy: string; model: string }>("POST", `${p(name)}/queue/prioritize`, body))!,
};

// The orders the queue can follow; the active-learning ones serve the items a model scoring put first.
const orderLabels: Record<string, Key> = {
  sequential: "orderSequential", random: "orderRandom", "least-confidence": "orderLeastConfidence",
  margin: "orderMargin", entropy: "orderEntropy", diversity: "orderDiversity",
};

function numberField(label: string, hint: string, value: number, min: number, max: number, step: number): [HTMLElement, HTMLInputElement] {
  const input = h("input", { type: "number", min, max, step, value: String(value), required: true });
  return [h("label", { class: "field" }, h("span", {}, label), input, h("small", {}, hint)), input];
}

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

function table(caption: string, head: string[], rows: (string | HTMLElement)[][]): HTMLElement {
  return h("table", { class: "grid" }, h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ...head.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))));
}

export function distributionPage(project: Project): HTMLElement {
  const name = project.name;
  const root = h("section", { class: "distribution", "aria-label": t("distribution") }, h("h1", {}, t("distribution")), h("p", {}, t("loading")));
  void (async () => {
    try {
      const [settings, exam, gold] = await Promise.all([distributionApi.settings(name), distributionApi.exam(name), distributionApi.gold(name)]);
      clear(root);
      const scoring = queueScoring(name, settings);
      root.append(h("h1", {}, t("distribution")), settingsForm(name, settings, scoring.refresh), scoring.element, examForm(name, exam, gold));
      const [accuracy, results] = await Promise.all([distributionApi.accuracy(name), distributionApi.results(name)]);
      root.append(accuracyTable(accuracy), resultsTable(name, results));
    } catch (e) {
      clear(root);
      const message = e instanceof ApiError && e.status === 403 ? t("notAllowed") : t("error", { message: e instanceof Error ? e.message : String(e) });
      root.append(h("h1", {}, t("distribution")), h("p", { role: "alert" }, message));
    }
  })();
  return root;
}

function settingsForm(name: string, settings: DistributionSettings, saved: (settings: DistributionSettings) => void): HTMLElement {
  const [overlapField, overlap] = numberField(t("overlap"), t("overlapHint"), settings.overlap, 1, 100, 1);
  const [leaseField, lease] = numberField(t("leaseMinutes"), t("leaseHint"), settings.lease_minutes, 1, 10080, 1);
  const [goldField, gold] = numberField(t("goldRate"), t("goldRateHint"), settings.gold_rate, 0, 0.5, 0.05);
  const [shareField, share] = numberField(t("randomShare"), t("randomShareHint"), settings.random_share ?? 0, 0, 1, 0.05);
  const byPriority = settings.by_priority ?? [];
  const order = h("select", {}, ...(settings.orders ?? ["sequential", "random"]).map((o) =>
    h("option", { value: o }, orderLabels[o] ? t(orderLabels[o]) : o)));
  order.value = settings.order;
  const showShare = (): void => { shareField.hidden = !byPriority.includes(order.value); };
  order.addEventListener("change", showShare);
  showShare();
  const status = h("p", { role: "status", "aria-live": "polite" });
  const problems = h("div", { role: "alert", class: "problems", hidden: true });
  const form = h("form", { class: "settings", "aria-label": t("distribution") },
    overlapField, h("label", { class: "field" }, h("span", {}, t("itemOrder")), order), shareField, leaseField, goldField,
    h("button", { type: "submit", class: "primary" }, t("saveSettings")), status, problems);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      try {
        showProblems(problems, null);
        const result = await distributionApi.saveSettings(name, {
          overlap: Number(overlap.value), order: order.value, lease_minutes: Number(lease.value), gold_rate: Number(gold.value),
          random_share: Number(share.value),
        });
        overlap.value = String(result.overlap);
        saved(result);
        status.textContent = t("saved");
      } catch (error) {
        status.textContent = "";
        showProblems(problems, error);
      }
    })();
  });
  return form;
}

/**
 * The active-learning queue: when it was last scored (strategy, model, items), and a button that scores it again
 * with a model (blank: the production model), following the job's progress.
 */
function queueScoring(name: string, initial: DistributionSettings): { element: HTMLElement; refresh: (s: DistributionSettings) => void } {
  let settings = initial;
  const last = h("p", { class: "queue-scored" });
  const model = h("input", { type: "text", placeholder: t("queueModelPlaceholder"), "aria-label": t("queueModel") });
  const button = h("button", { type: "button" }, t("queueScoreNow"));
  const progress = h("div", {});
  const problems = h("div", { role: "alert", class: "problems", hidden: true });
  const render = (): void => {
    const s = settings.scoring;
    last.textContent = s
      ? t("queueLastScored", { at: new Date(s.scored_at).toLocaleString(lang()), strategy: orderLabels[s.strategy] ? t(orderLabels[s.strategy]) : s.strategy, model: s.model, items: s.items, user: s.scored_by })
      : t("queueNeverScored");
  };
  render();
  button.addEventListener("click", () => void (async () => {
    try {
      showProblems(problems, null);
      button.disabled = true;
      const strategy = settings.by_priority?.includes(settings.order) ? settings.order : undefined;
      const queued = await distributionApi.prioritize(name, { model: model.value.trim() || undefined, strategy });
      clear(progress);
      progress.append(jobProgress(queued.job_id, () => void distributionApi.settings(name).then((fresh) => { settings = fresh; render(); button.disabled = false; })));
    } catch (error) {
      button.disabled = false;
      showProblems(problems, error);
    }
  })());
  const element = h("section", { class: "settings", "aria-label": t("queueScoring") }, h("h2", {}, t("queueScoring")),
    h("p", {}, t("queueScoringHint")), last,
    h("label", { class: "field" }, h("span", {}, t("queueModel")), model), button, progress, problems);
  return { element, refresh: (s) => { settings = s; render(); } };
}

function examForm(name: string, exam: ExamSettings, gold: GoldItem[]): HTMLElement {
  const enabled = h("input", { type: "checkbox" });
  enabled.checked = exam.enabled;
  const [passField, pass] = numberField(t("examPassScore"), t("examPassHint"), exam.pass_score, 0, 1, 0.05);
  const boxes = gold.map((g) => {
    const box = h("input", { type: "checkbox", value: String(g.item_id) });
    box.checked = exam.items.includes(g.item_id);
    return box;
  });
  const items = h("fieldset", {}, h("legend", {}, t("examItems")),
    ...(gold.length ? gold.map((g, i) => h("label", { class: "check" }, boxes[i]!, ` ${t("goldItem", { id: g.item_id })}`)) : [h("p", {}, t("noGold"))]));
  const status = h("p", { role: "status", "aria-live": "polite" });
  const form = h("form", { class: "settings", "aria-label": t("exam") }, h("h2", {}, t("exam")),
    h("label", { class: "check" }, enabled, ` ${t("examEnabled")}`), passField, items,
    h("button", { type: "submit", class: "primary" }, t("saveExam")), status);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      try {
        await distributionApi.saveExam(name, {
          enabled: enabled.checked, pass_score: Number(pass.value), items: boxes.filter((b) => b.checked).map((b) => Number(b.value)),
        });
        status.textContent = t("saved");
      } catch (error) {
        status.textContent = t("error", { message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  return form;
}

function accuracyTable(rows: GoldAccuracy[]): HTMLElement {
  if (!rows.length) return h("section", {}, h("h2", {}, t("goldAccuracy")), h("p", {}, t("noData")));
  return h("section", {}, h("h2", {}, t("goldAccuracy")), table(t("goldAccuracy"), [t("user"), t("goldItems"), t("correctItems"), t("accuracy")],
    rows.map((r) => [r.user, String(r.items), String(r.items_correct), percent(r.accuracy)])));
}

function resultsTable(name: string, rows: ExamResult[]): HTMLElement {
  const section = h("section", {}, h("h2", {}, t("examResults")));
  if (!rows.length) { section.append(h("p", {}, t("noData"))); return section; }
  const status = h("p", { role: "status", "aria-live": "polite" });
  section.append(table(t("examResults"), [t("user"), t("score"), t("passed"), ""], rows.map((r) => {
    const reset = h("button", { type: "button" }, t("resetExam", { user: r.user }));
    reset.addEventListener("click", () => void distributionApi.reset(name, r.user).then(
      () => { reset.disabled = true; status.textContent = t("examReset", { user: r.user }); },
      (error: unknown) => { status.textContent = t("error", { message: error instanceof Error ? error.message : String(error) }); }));
    return [r.user, `${percent(r.score)} (${r.correct}/${r.total})`, r.passed ? t("passed") : t("failed"), reset];
  })), status);
  return section;
}
