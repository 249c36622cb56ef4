import { type Project, type QueuedAnnotation, type Review, api } from "./api";
import { readOnlyAnswer, resultList } from "./answer-view";
import { clear, h } from "./dom";
import { t } from "./i18n";
import { reviewRequestsSection } from "./review-requests";
import { type Workspace, workspace } from "./workspace";

// Review: the queue of answers nobody has reviewed yet; one opened read-only with Accept (Alt+A), Reject with a
// comment (Alt+R) and Correct (Alt+C, the workspace prefilled; its Submit stores the correction). Also the
// annotator's own list of rejected and corrected answers with the reviewers' comments.

const keys = { accept: "Alt+A", reject: "Alt+R", correct: "Alt+C" };

function reviewHash(project: string, query = ""): string {
  return `#/p/${encodeURIComponent(project)}/review${query}`;
}

/** query: ?correct=ANNOTATION&item=ID opens the correction workspace; otherwise the queue. */
export function reviewPage(project: Project, query: URLSearchParams): Workspace {
  const correct = Number(query.get("correct"));
  const itemId = Number(query.get("item"));
  if (correct && itemId) return correctionPage(project, itemId, correct);
  return queuePage(project);
}

function correctionPage(project: Project, itemId: number, annotationId: number): Workspace {
  const holder = h("section", { class: "page review-correct" }, h("h1", {}, t("correctTitle", { id: itemId })), h("p", { class: "muted" }, t("correctHint")));
  let inner: Workspace | null = null;
  void (async () => {
    try {
      const item = await api.item(project.name, itemId);
      const reviewed = item.annotations.find((a) => a.id === annotationId);
      inner = workspace(project, itemId, undefined, {
        prefill: reviewed?.result ?? [],
        submitLabel: t("submitCorrection"),
        submitTo: (result) => api.review(project.name, annotationId, { action: "correct", result }),
        onDone: () => { location.hash = reviewHash(project.name, "?done=corrected"); },
      });
      holder.append(inner.el);
    } catch (e) {
      holder.append(h("p", { role: "alert" }, t("error", { message: e instanceof Error ? e.message : String(e) })));
    }
  })();
  return { el: holder, destroy: () => inner?.destroy() };
}

function queuePage(project: Project): Workspace {
  const name = project.name;
  const annotator = h("input", { type: "search", "aria-label": t("filterAnnotator"), placeholder: t("filterAnnotator") });
  const filter = h("form", { class: "filters", role: "search" }, annotator, h("button", { type: "submit" }, t("apply")));
  const list = h("ul", { class: "review-queue", "aria-label": t("reviewQueue") });
  const more = h("button", { type: "button", hidden: true }, t("loadMore"));
  const note = h("p", { class: "muted", role: "status", "aria-live": "polite" });
  const detail = h("section", { class: "review-detail", "aria-label": t("reviewDetail") });
  const done = new URLSearchParams(location.hash.split("?")[1] ?? "").get("done");
  const page = h("section", { class: "page review" },
    h("h1", {}, name, " · ", t("review")),
    h("p", { class: "muted" }, t("reviewKeys", keys)),
    filter, h("div", { class: "review-body" }, h("div", { class: "review-list" }, list, more), detail), note, statsTable(name), reviewRequestsSection(project));
  let cursor: string | null = null;
  let entries: QueuedAnnotation[] = [];
  let open: { entry: QueuedAnnotation; view: Workspace | null } | null = null;
  let dialog: HTMLElement | null = null;
  let busy = false;
  if (done === "corrected") note.textContent = t("corrected");

  async function load(reset: boolean): Promise<void> {
    if (reset) { clear(list); entries = []; cursor = null; }
    try {
      const query: Record<string, string> = { limit: "50", annotator: annotator.value.trim() };
      if (cursor) query["cursor"] = cursor;
      const got = await api.reviewQueue(name, query);
      entries.push(...got.annotations);
      for (const entry of got.annotations) list.append(row(entry));
      cursor = got.next;
      more.hidden = !cursor;
      if (!entries.length) { closeDetail(); detail.append(h("p", { class: "muted" }, t("queueEmpty"))); }
      else if (reset) void show(entries[0]!);
    } catch (e) {
      note.textContent = t("error", { message: e instanceof Error ? e.message : String(e) });
    }
  }

  function row(entry: QueuedAnnotation): HTMLElement {
    const button = h("button", { type: "button", class: "queue-entry", "data-annotation": entry.id,
      "aria-label": t("openAnnotation", { id: entry.item_id, user: entry.completed_by }) },
      h("strong", {}, `#${entry.item_id}`), " ", entry.completed_by, " ", h("span", { class: "muted" }, `v${entry.version} · ${new Date(entry.created_at).toLocaleString()}`));
    button.addEventListener("click", () => void show(entry));
    return h("li", {}, button);
  }

  function closeDetail(): void {
    open?.view?.destroy();
    open = null;
    clear(detail);
  }

  async function show(entry: QueuedAnnotation): Promise<void> {
    closeDetail();
    open = { entry, view: null };
    for (const b of list.querySelectorAll("button.queue-entry"))
      b.setAttribute("aria-current", b.getAttribute("data-annotation") === String(entry.id) ? "true" : "false");
    const acceptBtn = h("button", { type: "button", class: "primary", "aria-label": t("accept"), "aria-keyshortcuts": keys.accept }, t("accept"), h("kbd", { "aria-hidden": "true" }, keys.accept));
    const rejectBtn = h("button", { type: "button", "aria-label": t("reject"), "aria-keyshortcuts": keys.reject }, t("reject"), h("kbd", { "aria-hidden": "true" }, keys.reject));
    const correctBtn = h("button", { type: "button", "aria-label": t("correct"), "aria-keyshortcuts": keys.correct }, t("correct"), h("kbd", { "aria-hidden": "true" }, keys.correct));
    acceptBtn.addEventListener("click", () => void accept());
    rejectBtn.addEventListener("click", openReject);
    correctBtn.addEventListener("click", startCorrection);
    detail.append(
      h("h2", {}, t("reviewingItem", { id: entry.item_id, user: entry.completed_by, version: entry.version })),
      h("div", { class: "toolbar", role: "toolbar", "aria-label": t("review") }, acceptBtn, rejectBtn, correctBtn),
      h("h3", {}, t("answer")), resultList(entry.result, t("answer")));
    try {
      const item = await api.item(name, entry.item_id);
      if (open?.entry !== entry) return;
      open.view = readOnlyAnswer(project, item, entry.result);
      detail.append(open.view.el);
    } catch (e) {
      detail.append(h("p", { role: "alert" }, t("error", { message: e instanceof Error ? e.message : String(e) })));
    }
  }

  /** After a verdict: the entry leaves the list and the next one opens. */
  function next(entry: QueuedAnnotation): void {
    const at = entries.indexOf(entry);
    entries.splice(at, 1);
    list.querySelector(`button[data-annotation="${entry.id}"]`)?.closest("li")?.remove();
    const following = entries[Math.min(at, entries.length - 1)];
    if (following) void show(following);
    else void load(true);
  }

  async function verdict(body: { action: string; comment?: string }, message: string): Promise<boolean> {
    const entry = open?.entry;
    if (!entry || busy) return false;
    busy = true;
    try {
      await api.review(name, entry.id, body);
      note.textContent = message;
      next(entry);
      return true;
    } catch (e) {
      note.textContent = t("error", { message: e instanceof Error ? e.message : String(e) });
      return false;
    } finally {
      busy = false;
    }
  }

  async function accept(): Promise<void> {
    await verdict({ action: "accept" }, t("accepted"));
  }

  function openReject(): void {
    if (!open || dialog) return;
    const comment = h("textarea", { rows: 4, "aria-label": t("rejectComment"), "aria-required": "true" });
    const problem = h("p", { class: "problem", role: "alert" });
    const send = h("button", { type: "submit", class: "primary", "aria-label": t("rejectConfirm") }, t("rejectConfirm"), h("kbd", { "aria-hidden": "true" }, "Ctrl+Enter"));
    const cancel = h("button", { type: "button", "aria-label": t("cancel") }, t("cancel"), h("kbd", { "aria-hidden": "true" }, "Esc"));
    const form = h("form", { role: "dialog", "aria-modal": "true", "aria-label": t("reject"), class: "dialog" },
      h("h2", {}, t("reject")), h("label", {}, t("rejectComment"), comment), problem, h("p", { class: "actions" }, send, " ", cancel));
    dialog = h("div", { class: "overlay" }, form);
    const close = () => { dialog?.remove(); dialog = null; };
    const submit = async () => {
      if (!comment.value.trim()) { problem.textContent = t("commentRequired"); comment.focus(); return; }
      if (await verdict({ action: "reject", comment: comment.value }, t("rejected"))) close();
    };
    form.addEventListener("submit", (e) => { e.preventDefault(); void submit(); });
    comment.addEventListener("keydown", (e) => { if ((e.ctrlKey || e.metaKey) && e.key === "Enter") { e.preventDefault(); void submit(); } });
    form.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); close(); } });
    cancel.addEventListener("click", close);
    document.body.append(dialog);
    comment.focus();
  }

  function startCorrection(): void {
    if (!open) return;
    location.hash = reviewHash(name, `?item=${open.entry.item_id}&correct=${open.entry.id}`);
  }

  function onKey(e: KeyboardEvent): void {
    if (!e.altKey || e.ctrlKey || e.metaKey || dialog || !open) return;
    const key = e.code === "KeyA" ? "a" : e.code === "KeyR" ? "r" : e.code === "KeyC" ? "c" : "";
    if (!key) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (key === "a") void accept();
    else if (key === "r") openReject();
    else startCorrection();
  }
  window.addEventListener("keydown", onKey, true);
  filter.addEventListener("submit", (e) => { e.preventDefault(); void load(true); });
  more.addEventListener("click", () => void load(false));
  void load(true);
  return {
    el: page,
    destroy: () => {
      window.removeEventListener("keydown", onKey, true);
      dialog?.remove();
      closeDetail();
    },
  };
}

/** Verdicts per annotator with the rejection rate, as a table (the dashboard draws the same numbers per day). */
function statsTable(name: string): HTMLElement {
  const body = h("tbody");
  const box = h("details", { class: "review-stats" }, h("summary", {}, t("reviewStats")),
    h("table", {}, h("caption", { class: "muted" }, t("reviewStats")),
      h("thead", {}, h("tr", {}, ...[t("annotator"), t("reviewed"), t("accept"), t("reject"), t("correct"), t("rejectionRate")].map((c) => h("th", { scope: "col" }, c)))),
      body));
  box.addEventListener("toggle", () => {
    if (!box.open) return;
    void api.reviewStats(name).then((stats) => {
      clear(body);
      for (const a of stats.annotators)
        body.append(h("tr", {}, h("th", { scope: "row" }, a.annotator), ...[a.reviewed, a.accepted, a.rejected, a.corrected].map((n) => h("td", {}, String(n))),
          h("td", {}, `${Math.round(a.rejection_rate * 100)}%`)));
    }).catch(() => undefined);
  });
  return box;
}

/** The caller's rejected and corrected answers, newest first, with the reviewer's comment. */
export function myReviewsPage(project: Project): HTMLElement {
  const name = project.name;
  const list = h("ul", { class: "my-reviews", "aria-label": t("myReviews") });
  const more = h("button", { type: "button", hidden: true }, t("loadMore"));
  const note = h("p", { class: "muted", role: "status" }, t("loading"));
  const page = h("section", { class: "page" }, h("h1", {}, name, " · ", t("myReviews")), note, list, more);
  let cursor: string | null = null;

  function entry(r: Review): HTMLElement {
    const when = new Date(r.created_at).toLocaleString();
    const heading = r.action === "reject" ? t("rejectedBy", { reviewer: r.reviewer, date: when }) : t("correctedBy", { reviewer: r.reviewer, date: when });
    return h("li", { class: `card review-${r.action}` },
      h("h2", {}, h("a", { href: `#/p/${encodeURIComponent(name)}/work?item=${r.item_id}` }, t("item", { id: r.item_id })), " · ", heading),
      r.comment ? h("blockquote", { class: "comment" }, r.comment) : null,
      h("p", { class: "muted" }, r.action === "reject" ? (r.answered ? t("answered") : t("notAnswered")) : t("correctionKept")));
  }

  async function load(): Promise<void> {
    try {
      const got = await api.myReviews(name, cursor);
      for (const r of got.reviews) list.append(entry(r));
      cursor = got.next;
      more.hidden = !cursor;
      note.textContent = list.childElementCount ? "" : t("noMyReviews");
    } catch (e) {
      note.textContent = t("error", { message: e instanceof Error ? e.message : String(e) });
    }
  }
  more.addEventListener("click", () => void load());
  void load();
  return page;
}
