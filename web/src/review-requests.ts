import { type Project, call } from "./api";
import { clear, h } from "./dom";
import { t } from "./i18n";

// Items sent back for a human look (an evaluation's failures, a label-error search's suspects): listed on the Review
// page with where they came from, the control and the reason, a link that opens the item in the workspace, and a button that resolves the request.

export interface ReviewRequest {
  id: number; item: number; evaluation: number | null; label_error_job: number | null; control: string; note: string | null;
  requested_by: string; requested_at: string; resolved_by: string | null; resolved_at: string | null;
}

const base = (name: string) => `/projects/${encodeURIComponent(name)}/review-requests`;

export const reviewRequestsApi = {
  list: async (name: string, cursor: string | null) =>
    (await call<{ requests: ReviewRequest[]; next: string | null }>("GET", `${base(name)}?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`))!,
  resolve: async (name: string, id: number) => (await call<ReviewRequest>("POST", `${base(name)}/${id}/resolve`))!,
};

/** The open review requests of a project, oldest first, each with a link to its item and a Resolve button. */
export function reviewRequestsSection(project: Project): HTMLElement {
  const name = project.name;
  const encoded = encodeURIComponent(name);
  const body = h("tbody");
  const table = h("table", { class: "review-requests", "aria-labelledby": "review-requests-heading" },
    h("thead", {}, h("tr", {}, ...[t("reviewRequestItem"), t("reviewRequestEvaluation"), t("reviewRequestControl"), t("reviewRequestWhy"),
      t("reviewRequestBy"), t("reviewRequestAction")].map((label) => h("th", { scope: "col" }, label)))),
    body);
  const empty = h("p", { class: "muted", hidden: true }, t("reviewRequestsNone"));
  const more = h("button", { type: "button", hidden: true }, t("loadMore"));
  const message = h("p", { class: "muted", "aria-live": "polite" });
  let cursor: string | null = null;

  const showEmpty = () => {
    empty.hidden = body.childElementCount > 0;
    table.hidden = body.childElementCount === 0;
  };

  const row = (request: ReviewRequest): HTMLElement => {
    const resolve = h("button", { type: "button", "aria-label": t("reviewRequestResolveItem", { item: request.item }) }, t("reviewRequestResolve"));
    const tr = h("tr", {},
      h("td", {}, h("a", { href: `#/p/${encoded}/work?item=${request.item}` }, t("reviewRequestOpen", { item: request.item }))),
      h("td", {}, request.evaluation !== null
        ? h("a", { href: `#/p/${encoded}/evaluations?id=${request.evaluation}` }, `${t("evaluations")} #${request.evaluation}`)
        : h("a", { href: `#/p/${encoded}/label-errors?job=${request.label_error_job}` }, t("reviewRequestLabelErrors", { job: request.label_error_job ?? 0 }))),
      h("td", {}, request.control),
      h("td", {}, request.note ?? ""),
      h("td", {}, `${request.requested_by} · ${new Date(request.requested_at).toLocaleString()}`),
      h("td", {}, resolve));
    resolve.addEventListener("click", () => {
      resolve.disabled = true;
      reviewRequestsApi.resolve(name, request.id).then(() => {
        tr.remove();
        message.textContent = t("reviewRequestResolved", { item: request.item });
        showEmpty();
      }, (e: unknown) => {
        resolve.disabled = false;
        message.textContent = t("error", { message: e instanceof Error ? e.message : String(e) });
      });
    });
    return tr;
  };

  const load = async (reset: boolean): Promise<void> => {
    if (reset) { clear(body); cursor = null; }
    try {
      const got = await reviewRequestsApi.list(name, cursor);
      for (const request of got.requests) body.append(row(request));
      cursor = got.next;
      more.hidden = !cursor;
      showEmpty();
    } catch (e) {
      message.textContent = t("error", { message: e instanceof Error ? e.message : String(e) });
    }
  };
  more.addEventListener("click", () => void load(false));
  void load(true);

  return h("section", { class: "review-requests-section", "aria-labelledby": "review-requests-heading" },
    h("h2", { id: "review-requests-heading" }, t("reviewRequests")),
    h("p", { class: "muted" }, t("reviewRequestsHint")), empty, table, more, message);
}
