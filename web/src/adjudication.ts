import { type AdjudicationEntry, type Project, api } from "./api";
import { readOnlyAnswer, resultList } from "./answer-view";
import { clear, h } from "./dom";
import { t } from "./i18n";
import { type Workspace, workspace } from "./workspace";

// Adjudication: items whose answers disagree more than the project allows, worst first. An item opens with its
// answers side by side; the reviewer adopts one or writes the agreed answer in the workspace.

export function adjudicationPage(project: Project): Workspace {
  const name = project.name;
  const threshold = h("input", { type: "number", min: 0, max: 1, step: 0.05, "aria-label": t("threshold") });
  const settings = h("form", { class: "filters" }, h("label", {}, `${t("threshold")} `, threshold), h("button", { type: "submit" }, t("save")));
  const list = h("ul", { class: "adjudication-queue", "aria-label": t("adjudication") });
  const more = h("button", { type: "button", hidden: true }, t("loadMore"));
  const note = h("p", { class: "muted", role: "status", "aria-live": "polite" });
  const empty = h("p", { class: "muted", hidden: true }, t("adjudicationEmpty"));
  const detail = h("section", { class: "adjudication-detail", "aria-label": t("answersSideBySide") });
  const page = h("section", { class: "page adjudication" }, h("h1", {}, name, " · ", t("adjudication")), settings, note,
    h("div", { class: "review-body" }, h("div", { class: "review-list" }, list, empty, more), detail));
  let cursor: string | null = null;
  let views: Workspace[] = [];

  function closeDetail(): void {
    for (const v of views) v.destroy();
    views = [];
    clear(detail);
  }

  async function load(reset: boolean): Promise<void> {
    if (reset) { clear(list); cursor = null; closeDetail(); }
    try {
      const got = await api.adjudication(name, cursor);
      if (reset) threshold.value = String(got.agreement_threshold);
      for (const entry of got.items) list.append(row(entry));
      cursor = got.next;
      more.hidden = !cursor;
      empty.hidden = list.childElementCount > 0;
    } catch (e) {
      note.textContent = t("error", { message: e instanceof Error ? e.message : String(e) });
    }
  }

  function row(entry: AdjudicationEntry): HTMLElement {
    const percent = Math.round(entry.agreement * 100);
    const button = h("button", { type: "button", class: "queue-entry", "aria-label": t("openAdjudication", { id: entry.item_id, percent }) },
      h("strong", {}, `#${entry.item_id}`), " ", t("agreementIs", { percent }), " ", h("span", { class: "muted" }, entry.annotators.join(", ")));
    button.addEventListener("click", () => void show(entry));
    return h("li", {}, button);
  }

  async function show(entry: AdjudicationEntry): Promise<void> {
    closeDetail();
    try {
      const [item, reviews] = await Promise.all([api.item(name, entry.item_id), api.itemReviews(name, entry.item_id)]);
      const rejected = new Set(reviews.filter((r) => r.action === "reject").map((r) => r.annotation_id));
      const columns = h("div", { class: "side-by-side" });
      for (const answer of item.annotations.filter((a) => a.is_current && !rejected.has(a.id))) {
        const adopt = h("button", { type: "button", class: "primary", "aria-label": t("adopt", { user: answer.completed_by }) }, t("adopt", { user: answer.completed_by }));
        adopt.addEventListener("click", () => void agree(entry.item_id, answer.id));
        const view = readOnlyAnswer(project, item, answer.result);
        views.push(view);
        columns.append(h("article", { class: "answer-column", "aria-label": answer.completed_by },
          h("h3", {}, answer.completed_by), resultList(answer.result, t("answerOf", { user: answer.completed_by })), adopt, view.el));
      }
      const write = h("button", { type: "button", "aria-label": t("writeAgreed") }, t("writeAgreed"));
      write.addEventListener("click", () => {
        closeDetail();
        const editor = workspace(project, entry.item_id, undefined, {
          prefill: item.annotations[0]?.result ?? [],
          submitLabel: t("saveAgreed"),
          submitTo: (result) => api.setAgreed(name, entry.item_id, { result }),
          onDone: () => { note.textContent = t("agreedSaved"); void load(true); },
        });
        views.push(editor);
        detail.append(h("h2", {}, t("writeAgreed")), editor.el);
      });
      detail.append(h("h2", {}, t("item", { id: entry.item_id }), " · ", t("agreementIs", { percent: Math.round(entry.agreement * 100) })), write, columns);
    } catch (e) {
      detail.append(h("p", { role: "alert" }, t("error", { message: e instanceof Error ? e.message : String(e) })));
    }
  }

  async function agree(itemId: number, annotationId: number): Promise<void> {
    try {
      await api.setAgreed(name, itemId, { annotation_id: annotationId });
      note.textContent = t("agreedSaved");
      await load(true);
    } catch (e) {
      note.textContent = t("error", { message: e instanceof Error ? e.message : String(e) });
    }
  }

  settings.addEventListener("submit", (e) => {
    e.preventDefault();
    void api.setReviewSettings(name, Number(threshold.value))
      .then(() => load(true))
      .catch((err: unknown) => { note.textContent = t("error", { message: err instanceof Error ? err.message : String(err) }); });
  });
  more.addEventListener("click", () => void load(false));
  void load(true);
  return { el: page, destroy: closeDetail };
}
