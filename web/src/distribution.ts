import { ApiError, type Project, call } from "./api";
import { clear, h } from "./dom";
import { t } from "./i18n";

// The project's work-distribution settings: overlap, order, lease, gold rate, and the qualification exam, with
// the gold accuracy and exam results that managers check them against.

export interface DistributionSettings { overlap: number; order: string; lease_minutes: number; gold_rate: number }
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
      root.append(h("h1", {}, t("distribution")), settingsForm(name, settings), examForm(name, exam, gold));
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

function settingsForm(name: string, settings: DistributionSettings): HTMLElement {
  const [overlapField, overlap] = numberField(t("overlap"), t("overlapHint"), settings.overlap, 1, 100, 1);
  const [leaseField, lease] = numberField(t("leaseMinutes"), t("leaseHint"), settings.lease_minutes, 1, 10080, 1);
  const [goldField, gold] = numberField(t("goldRate"), t("goldRateHint"), settings.gold_rate, 0, 0.5, 0.05);
  const order = h("select", {},
    h("option", { value: "sequential" }, t("orderSequential")), h("option", { value: "random" }, t("orderRandom")));
  order.value = settings.order;
  const status = h("p", { role: "status", "aria-live": "polite" });
  const form = h("form", { class: "settings", "aria-label": t("distribution") },
    overlapField, h("label", { class: "field" }, h("span", {}, t("itemOrder")), order), leaseField, goldField,
    h("button", { type: "submit", class: "primary" }, t("saveSettings")), status);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      try {
        const saved = await distributionApi.saveSettings(name, {
          overlap: Number(overlap.value), order: order.value, lease_minutes: Number(lease.value), gold_rate: Number(gold.value),
        });
        overlap.value = String(saved.overlap);
        status.textContent = t("saved");
      } catch (error) {
        status.textContent = t("error", { message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  return form;
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
