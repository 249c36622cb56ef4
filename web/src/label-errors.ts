import { type Project, call } from "./api";
import { clear, h } from "./dom";
import { errorMessage as message, fillWhenReady } from "./page-content";
import { lang, t } from "./i18n";
import { jobProgress } from "./jobs";

// Label errors: run a search on a snapshot (every item judged by a model trained without it; confident learning picks
// the labels the models confidently contradict), read the ranked suspects, and send all or some of them to the review
// list in one click.

export interface LabelSuspect { id: number; given: string; suggested: string; score: number }
export interface LabelErrorSearch {
  job_id: number; state: string; progress: number; message: string | null; error: string | null;
  parameters: { snapshot?: string; trainer?: string; folds?: number; seed?: number; neighbours?: number };
  created_by: string; created_at: string; finished_at: string | null; suspect_count: number | null; examples: number | null;
  suspects?: LabelSuspect[];
}

const p = (name: string) => `/projects/${encodeURIComponent(name)}`;

export const labelErrorsApi = {
  list: async (name: string) => (await call<{ searches: LabelErrorSearch[] }>("GET", `${p(name)}/label-errors?limit=20`))!.searches,
  get: async (name: string, job: number) => (await call<LabelErrorSearch>("GET", `${p(name)}/label-errors/${job}`))!,
  start: async (name: string, body: { snapshot: string; trainer: string; folds: number; seed: number; neighbours: number }) =>
    (await call<{ job_id: number }>("POST", `${p(name)}/label-errors`, body))!.job_id,
  sendToReview: async (name: string, job: number, items: number[]) =>
    (await call<{ sent: number }>("POST", `${p(name)}/label-errors/${job}/send-to-review`, { items }))!.sent,
  snapshots: async (name: string) => (await call<{ snapshots: { name: string }[] }>("GET", `${p(name)}/snapshots`))!.snapshots,
  // The trainers list belongs to training; the page still works (with a typed name) where it is missing.
  trainers: async () => (await call<{ trainers: { name: string; task: string }[] }>("GET", "/trainers"))!.trainers,
};

const base = (project: Project) => `#/p/${encodeURIComponent(project.name)}/label-errors`;

/** The "Label errors" page: the run form and past searches, or one search's suspects (?job=N). */
export function labelErrorsPage(project: Project, query: URLSearchParams): HTMLElement {
  const main = h("section", { class: "label-errors" }, h("p", { class: "muted", role: "status" }, t("loading")));
  const job = Number(query.get("job"));
  fillWhenReady(main, () => overview(project, job > 0 ? job : null));
  return main;
}

async function overview(project: Project, chosen: number | null): Promise<HTMLElement> {
  const [snapshots, trainers, searches] = await Promise.all([
    labelErrorsApi.snapshots(project.name).catch(() => []),
    labelErrorsApi.trainers().catch(() => []),
    labelErrorsApi.list(project.name)]);
  const box = h("div", {}, h("h1", {}, t("labelErrors")), h("p", { class: "muted" }, t("labelErrorsHint")));

  const names = [...new Set(snapshots.map((x) => x.name))];
  const snapshot = h("select", { id: "le-snapshot" }, ...names.map((n) => h("option", { value: n }, n)));
  const classifiers = trainers.filter((x) => x.task.endsWith("-classification")).map((x) => x.name);
  const trainer = h("input", { id: "le-trainer", list: "le-trainers", required: true, value: classifiers.includes("text-ngram") || classifiers.length === 0 ? "text-ngram" : classifiers[0]! });
  const trainerList = h("datalist", { id: "le-trainers" }, ...classifiers.map((n) => h("option", { value: n })));
  const folds = h("input", { id: "le-folds", type: "number", min: 2, max: 20, value: 5, required: true });
  const seed = h("input", { id: "le-seed", type: "number", value: 1, required: true });
  // The server's default (40); 0 leaves the neighbour vote out.
  const neighbours = h("input", { id: "le-neighbours", type: "number", min: 0, max: 500, value: 40, required: true, title: t("labelErrorsNeighboursHint") });
  const run = h("button", { type: "submit", class: "primary", disabled: names.length === 0 }, t("labelErrorsRun"));
  const status = h("p", { role: "status", class: "muted" }, names.length === 0 ? t("labelErrorsNoSnapshot") : "");
  const progress = h("div", { class: "label-errors-job" });
  const form = h("form", { class: "label-errors-run", "aria-labelledby": "le-run-heading" },
    h("h2", { id: "le-run-heading" }, t("labelErrorsNew")),
    h("label", { for: "le-snapshot" }, t("evalSnapshot")), " ", snapshot, " ",
    h("label", { for: "le-trainer" }, t("labelErrorsTrainer")), " ", trainer, trainerList, " ",
    h("label", { for: "le-folds" }, t("labelErrorsFolds")), " ", folds, " ",
    h("label", { for: "le-seed" }, t("labelErrorsSeed")), " ", seed, " ",
    h("label", { for: "le-neighbours" }, t("labelErrorsNeighbours")), " ", neighbours, " ", run, status, progress);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run.disabled = true;
    clear(progress);
    status.removeAttribute("role");
    status.setAttribute("role", "status");
    void labelErrorsApi.start(project.name, { snapshot: snapshot.value, trainer: trainer.value.trim(), folds: Number(folds.value), seed: Number(seed.value), neighbours: Number(neighbours.value) })
      .then((job) => {
        status.textContent = t("labelErrorsQueued", { job });
        progress.append(jobProgress(job, (done) => {
          run.disabled = false;
          if (done.state === "succeeded") location.hash = `${base(project)}?job=${job}`;
          else status.textContent = t("labelErrorsJobEnded");
        }));
      })
      .catch((e: unknown) => { status.textContent = t("error", { message: message(e) }); status.setAttribute("role", "alert"); run.disabled = false; });
  });
  box.append(form);

  const shown = chosen ?? searches.find((s) => s.state === "succeeded")?.job_id ?? null;
  if (shown !== null) box.append(await suspectsView(project, shown));
  if (searches.length > 0) box.append(history(project, searches, shown));
  return box;
}

function history(project: Project, searches: LabelErrorSearch[], shown: number | null): HTMLElement {
  const body = h("tbody");
  for (const s of searches) {
    body.append(h("tr", { "aria-current": s.job_id === shown ? "true" : undefined },
      h("td", {}, s.state === "succeeded" ? h("a", { href: `${base(project)}?job=${s.job_id}` }, `#${s.job_id}`) : `#${s.job_id}`),
      h("td", {}, s.parameters.snapshot ?? ""), h("td", {}, s.parameters.trainer ?? ""),
      h("td", {}, s.state === "succeeded" ? t("labelErrorsCount", { count: s.suspect_count ?? 0, items: s.examples ?? 0 }) : s.state),
      h("td", {}, new Date(s.created_at).toLocaleString(lang()))));
  }
  return h("section", { "aria-labelledby": "le-history-heading" }, h("h2", { id: "le-history-heading" }, t("labelErrorsHistory")),
    h("table", { class: "label-errors-history" }, h("thead", {}, h("tr", {},
      ...["#", t("evalSnapshot"), t("labelErrorsTrainer"), t("labelErrorsFound"), t("evalCreated")].map((x) => h("th", { scope: "col" }, x)))), body));
}

/** One search's suspects, most likely error first, each with a box; "Send to review" sends the ticked ones. */
async function suspectsView(project: Project, job: number): Promise<HTMLElement> {
  const search = await labelErrorsApi.get(project.name, job);
  const section = h("section", { class: "label-error-suspects", "aria-labelledby": "le-suspects-heading" },
    h("h2", { id: "le-suspects-heading" }, t("labelErrorsSuspectsOf", { job, snapshot: search.parameters.snapshot ?? "", trainer: search.parameters.trainer ?? "" })));
  const suspects = search.suspects ?? [];
  if (suspects.length === 0) {
    section.append(h("p", { class: "muted" }, t("labelErrorsNone", { items: search.examples ?? 0 })));
    return section;
  }
  section.append(h("p", { class: "muted" }, t("labelErrorsCount", { count: suspects.length, items: search.examples ?? 0 })));
  const encoded = encodeURIComponent(project.name);
  const all = h("input", { type: "checkbox", "aria-label": t("labelErrorsSelectAll") });
  const send = h("button", { type: "button", class: "primary", disabled: true }, t("labelErrorsSend"));
  const result = h("p", { role: "status", class: "muted", "aria-live": "polite" });
  const boxes = suspects.map((s) => ({ s, box: h("input", { type: "checkbox", "aria-label": t("labelErrorsPick", { item: s.id }) }) }));
  const update = () => {
    const picked = boxes.filter((b) => b.box.checked).length;
    send.disabled = picked === 0;
    send.textContent = picked === 0 ? t("labelErrorsSend") : t("labelErrorsSendCount", { count: picked });
    all.checked = picked === boxes.length;
    all.indeterminate = picked > 0 && picked < boxes.length;
  };
  all.addEventListener("change", () => { for (const b of boxes) b.box.checked = all.checked; update(); });
  for (const b of boxes) b.box.addEventListener("change", update);
  send.addEventListener("click", () => {
    const items = boxes.filter((b) => b.box.checked).map((b) => b.s.id);
    send.disabled = true;
    void labelErrorsApi.sendToReview(project.name, job, items)
      .then((sent) => { result.textContent = t("labelErrorsSent", { count: sent }); })
      .catch((e: unknown) => { result.textContent = t("error", { message: message(e) }); })
      .finally(update);
  });
  const body = h("tbody");
  boxes.forEach(({ s, box }, i) => body.append(h("tr", {},
    h("td", {}, box), h("td", {}, String(i + 1)),
    h("td", {}, h("a", { href: `#/p/${encoded}/work?item=${s.id}` }, t("reviewRequestOpen", { item: s.id }))),
    h("td", { class: "label-change" }, h("span", { class: "given" }, s.given), " → ", h("strong", { class: "suggested" }, s.suggested)),
    h("td", {}, s.score.toFixed(3)))));
  section.append(h("p", { class: "actions" }, send, " ", h("a", { href: `#/p/${encoded}/review` }, t("labelErrorsToReview"))), result,
    h("table", { class: "label-error-list" }, h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, all), h("th", { scope: "col" }, t("labelErrorsRank")), h("th", { scope: "col" }, t("reviewRequestItem")),
      h("th", { scope: "col" }, t("labelErrorsChange")), h("th", { scope: "col" }, t("labelErrorsScore")))), body));
  return section;
}
