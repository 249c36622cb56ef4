import { type Job, type JobLogLine, type Project, api } from "./api";
import { clear, h } from "./dom";
import { type Key, lang, t } from "./i18n";
import { showProblems } from "./problems";

// Background jobs (evaluations, cleaning passes, training): a page listing them with progress, cancel, retry and
// logs, and a small progress widget any page can embed for one job. Both poll while a job is unfinished and stop
// once it is finished or their element has left the page.

const states = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
const finished = (job: Job): boolean => job.state === "succeeded" || job.state === "failed" || job.state === "cancelled";
const stateKey = (state: string): Key => `jobState${state[0]!.toUpperCase()}${state.slice(1)}` as Key;

export function jobStateName(job: Job): string {
  if (job.state === "running" && job.cancel_requested) return t("jobCancelling");
  return (states as readonly string[]).includes(job.state) ? t(stateKey(job.state)) : job.state;
}

function percent(fraction: number): string {
  return new Intl.NumberFormat(lang(), { style: "percent", maximumFractionDigits: 0 }).format(fraction);
}

function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString(lang()) : "";
}

/** A progress bar with the job's state and message, as the page and the widget show it. */
function progressBar(job: Job): HTMLElement {
  const bar = h("progress", { max: 1, value: job.progress, "aria-label": t("jobProgressOf", { id: job.id }) });
  const text = `${jobStateName(job)} · ${percent(job.progress)}${job.message ? ` · ${job.message}` : ""}`;
  return h("span", { class: `job-progress job-${job.state}` }, bar, " ", h("span", {}, text));
}

/**
 * One job's progress for any page: a bar with state and message, a cancel button while it is unfinished, and the
 * error once it failed. Polls every second until the job finishes; onDone gets the finished job.
 */
export function jobProgress(jobId: number, onDone?: (job: Job) => void): HTMLElement {
  const el = h("div", { class: "job-widget", role: "status", "aria-live": "polite" }, t("loading"));
  const render = (job: Job): void => {
    clear(el);
    el.append(h("a", { href: `#/jobs?job=${job.id}` }, t("jobNumber", { id: job.id, kind: job.kind })), " ", progressBar(job));
    if (!finished(job) && !job.cancel_requested) {
      const cancel = h("button", { type: "button" }, t("jobCancel"));
      cancel.addEventListener("click", () => void api.cancelJob(job.id).then(render).catch(() => undefined));
      el.append(" ", cancel);
    }
    if (job.error) el.append(h("p", { class: "job-error" }, job.error));
  };
  const poll = async (first: boolean): Promise<void> => {
    if (!first && !el.isConnected) return;
    try {
      const job = await api.job(jobId);
      render(job);
      if (finished(job)) { onDone?.(job); return; }
    } catch (error) {
      el.textContent = t("error", { message: error instanceof Error ? error.message : String(error) });
      return;
    }
    setTimeout(() => void poll(false), 1000);
  };
  void poll(true);
  return el;
}

/** The log of one job, following new lines while the job runs (the jobs page and the training page show it). */
export function logView(job: Pick<Job, "id">): HTMLElement {
  const pre = h("pre", { class: "job-log", tabindex: 0, "aria-label": t("jobLogOf", { id: job.id }) });
  const box = h("div", { class: "job-log-box" }, pre);
  let cursor: string | null = null;
  let lastId = 0;
  const add = (lines: JobLogLine[]): void => {
    for (const line of lines) {
      if (line.id <= lastId) continue;
      lastId = line.id;
      pre.append(`${new Date(line.at).toLocaleTimeString(lang())} #${line.attempt} ${line.line}\n`);
    }
  };
  const follow = async (): Promise<void> => {
    if (!box.isConnected && lastId > 0) return;
    const page = await api.jobLog(job.id, cursor);
    add(page.lines);
    // The last page has no next cursor: keep asking from the last line seen.
    if (page.next) cursor = page.next;
    if (pre.textContent === "") pre.textContent = t("jobLogEmpty");
    if (page.next) return follow();
    if (page.state === "queued" || page.state === "running") setTimeout(() => void follow().catch(() => undefined), 1500);
  };
  void follow().catch((error: unknown) => { pre.textContent = t("error", { message: error instanceof Error ? error.message : String(error) }); });
  return box;
}

/** The jobs page: a project's jobs (reviewers and up), or without a project the jobs you queued (admins: all). */
export function jobsPage(project: Project | null, query: URLSearchParams): HTMLElement {
  const stateFilter = h("select", { id: "job-state" }, h("option", { value: "" }, t("jobAllStates")));
  for (const state of states) stateFilter.append(h("option", { value: state }, t(stateKey(state))));
  stateFilter.value = query.get("state") ?? "";
  const body = h("tbody");
  const table = h("table", { class: "jobs" },
    h("thead", {}, h("tr", {}, ...(["jobId", "jobKind", "project", "jobState", "jobAttempts", "jobCreatedBy", "jobCreated", "jobActions"] as Key[])
      .map((key) => h("th", { scope: "col" }, t(key))))),
    body);
  const status = h("p", { class: "muted", role: "status" }, t("loading"));
  const problems = h("div", { class: "problems", role: "alert", tabindex: -1, hidden: true });
  const more = h("button", { type: "button", hidden: true }, t("jobMore"));
  const openLog = Number(query.get("job") ?? 0);
  let next: string | null = null;
  let refresh: ReturnType<typeof setTimeout> | undefined;
  const shown = new Map<number, HTMLTableRowElement>();
  const logs = new Map<number, HTMLElement>();

  const act = async (work: () => Promise<Job>): Promise<void> => {
    problems.hidden = true;
    try {
      update(await work());
    } catch (error) {
      showProblems(problems, error);
      problems.focus();
    }
  };

  const row = (job: Job): HTMLTableRowElement => {
    const actions = h("td", { class: "actions" });
    if (!finished(job) && !job.cancel_requested) {
      const cancel = h("button", { type: "button", "aria-label": t("jobCancelN", { id: job.id }) }, t("jobCancel"));
      cancel.addEventListener("click", () => void act(() => api.cancelJob(job.id)));
      actions.append(cancel, " ");
    }
    if (job.state === "failed" || job.state === "cancelled") {
      const retry = h("button", { type: "button", "aria-label": t("jobRetryN", { id: job.id }) }, t("jobRetry"));
      retry.addEventListener("click", () => void act(() => api.retryJob(job.id)));
      actions.append(retry, " ");
    }
    const toggle = h("button", { type: "button", "aria-expanded": logs.has(job.id) ? "true" : "false", "aria-label": t("jobLogOf", { id: job.id }) }, t("jobLog"));
    toggle.addEventListener("click", () => {
      const open = logs.get(job.id);
      if (open) { open.remove(); logs.delete(job.id); toggle.setAttribute("aria-expanded", "false"); return; }
      showLog(job);
      toggle.setAttribute("aria-expanded", "true");
    });
    actions.append(toggle);
    const stateCell = h("td", {}, progressBar(job));
    if (job.error) stateCell.append(h("div", { class: "job-error" }, job.error));
    if (job.state === "succeeded" && job.result != null) stateCell.append(h("details", {}, h("summary", {}, t("jobResult")), h("pre", {}, JSON.stringify(job.result, null, 2))));
    return h("tr", { "data-job": job.id },
      h("td", {}, String(job.id)), h("td", {}, job.kind), h("td", {}, job.project ?? "—"), stateCell,
      h("td", {}, `${job.attempts} / ${job.max_attempts}`), h("td", {}, job.created_by), h("td", {}, when(job.created_at)), actions);
  };

  const showLog = (job: Job): void => {
    const tr = shown.get(job.id);
    if (!tr) return;
    const cell = h("tr", { class: "job-log-row" }, h("td", { colspan: 8 }, logView(job)));
    tr.after(cell);
    logs.set(job.id, cell);
  };

  /** Replaces a job's row in place (its log stays open). */
  const update = (job: Job): void => {
    const old = shown.get(job.id);
    const fresh = row(job);
    if (old) old.replaceWith(fresh); else body.append(fresh);
    shown.set(job.id, fresh);
    const log = logs.get(job.id);
    if (log) fresh.after(log);
  };

  const list = (cursor: string | null) =>
    project ? api.projectJobs(project.name, stateFilter.value, cursor) : api.jobs(stateFilter.value, cursor);

  const load = async (append: boolean): Promise<void> => {
    clearTimeout(refresh);
    problems.hidden = true;
    try {
      const page = await list(append ? next : null);
      if (!append) { clear(body); shown.clear(); logs.clear(); }
      for (const job of page.jobs) update(job);
      if (!append) next = page.next;
      else next = page.next;
      more.hidden = next === null;
      status.textContent = shown.size ? "" : t("jobNone");
      if (openLog && shown.has(openLog) && !logs.has(openLog)) {
        const job = page.jobs.find((j) => j.id === openLog);
        if (job) showLog(job);
      }
      // While something is unfinished, refresh the first page's rows every two seconds.
      if (!append && page.jobs.some((j) => !finished(j))) refresh = setTimeout(() => { if (body.isConnected) void refreshRows(); }, 2000);
    } catch (error) {
      status.textContent = "";
      showProblems(problems, error);
    }
  };

  const refreshRows = async (): Promise<void> => {
    try {
      const page = await list(null);
      for (const job of page.jobs) update(job);
      if (page.jobs.some((j) => !finished(j))) refresh = setTimeout(() => { if (body.isConnected) void refreshRows(); }, 2000);
    } catch { /* the next navigation or reload shows the error */ }
  };

  stateFilter.addEventListener("change", () => void load(false));
  more.addEventListener("click", () => void load(true));
  void load(false);
  return h("section", { class: "jobs-page" },
    h("h1", {}, project ? t("jobsOf", { project: project.name }) : t("jobs")),
    project ? null : h("p", { class: "muted" }, t("jobsHint")),
    h("p", {}, h("label", { for: "job-state" }, t("jobState")), " ", stateFilter),
    problems, status, table, h("p", {}, more));
}
