import { type ItemSummary, type Project, api, fieldValue, mediaUrl } from "./api";
import { clear, h } from "./dom";
import { distributionApi } from "./distribution";
import { statusName, t } from "./i18n";
import { uploadPanel } from "./upload";

// The projects list and a project's data grid.

export function projectsPage(): HTMLElement {
  const list = h("ul", { class: "project-list", "aria-label": t("projects") });
  const page = h("section", { class: "page" }, h("h1", {}, t("projects")),
    h("p", {}, h("a", { href: "#/new", class: "button primary" }, h("span", { "aria-hidden": "true" }, "+ "), t("newProject"))),
    h("p", { class: "muted", role: "status" }, t("loading")), list);
  void (async () => {
    try {
      const projects = await api.projects();
      page.querySelector("[role=status]")!.textContent = projects.length ? "" : t("noProjects");
      for (const project of projects) list.append(projectCard(project));
    } catch (e) {
      page.querySelector("[role=status]")!.textContent = t("error", { message: String(e) });
    }
  })();
  return page;
}

function projectCard(project: Project): HTMLElement {
  const bar = h("div", { role: "progressbar", "aria-label": t("progress"), "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": 0, class: "progress" }, h("div", { class: "fill" }));
  const caption = h("span", { class: "muted" }, "");
  const href = `#/p/${encodeURIComponent(project.name)}`;
  const card = h("li", { class: "card" },
    h("h2", {}, h("a", { href }, project.name)),
    h("p", { class: "muted" }, t("itemCount", { n: project.item_count ?? 0 })),
    bar, caption,
    h("p", { class: "actions" }, h("a", { href: `${href}/work`, class: "button primary" }, t("openWork")), " ", h("a", { href, class: "button" }, t("openData"))));
  void api.stats(project.name).then((stats) => {
    const percent = Math.round(stats.progress * 100);
    bar.setAttribute("aria-valuenow", String(percent));
    bar.setAttribute("aria-valuetext", `${percent}%`);
    (bar.firstChild as HTMLElement).style.width = `${percent}%`;
    caption.textContent = `${t("progressOf", { done: stats.annotated, total: stats.items })} (${percent}%)`;
  }).catch(() => undefined);
  return card;
}

/** The data page's filters as the URL keeps them (#/p/NAME?status=…&label=…&annotator=…&prediction=1&q=…). */
export interface DataFilters { status: string; label: string; annotator: string; prediction: boolean; q: string }

export function filtersFromHash(hash: string): DataFilters {
  const query = new URLSearchParams(hash.split("?")[1] ?? "");
  return {
    status: query.get("status") ?? "", label: query.get("label") ?? "", annotator: query.get("annotator") ?? "",
    prediction: query.get("prediction") === "1", q: query.get("q") ?? "",
  };
}

function filtersHash(project: string, f: DataFilters): string {
  const query = new URLSearchParams();
  if (f.status) query.set("status", f.status);
  if (f.label) query.set("label", f.label);
  if (f.annotator) query.set("annotator", f.annotator);
  if (f.prediction) query.set("prediction", "1");
  if (f.q) query.set("q", f.q);
  const text = query.toString();
  return `#/p/${encodeURIComponent(project)}${text ? `?${text}` : ""}`;
}

/** A value as a filter-expression string: quoted, so names with spaces, quotes or keywords stay one value. */
function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The items query for the filters: status, label and q as their own parameters, the rest as one filter expression. */
export function itemsQuery(f: DataFilters): Record<string, string> {
  const terms: string[] = [];
  if (f.annotator) terms.push(`annotator=${quoted(f.annotator)}`);
  if (f.prediction) terms.push("has_prediction");
  return { status: f.status, label: f.label, q: f.q, filter: terms.join(" and ") };
}

export function dataPage(project: Project): HTMLElement {
  const name = project.name;
  const initial = filtersFromHash(location.hash);
  const status = h("select", { "aria-label": t("status") }, h("option", { value: "" }, t("any")),
    h("option", { value: "new" }, statusName("new")), h("option", { value: "annotated" }, statusName("annotated")));
  const label = h("select", { "aria-label": t("label") }, h("option", { value: "" }, t("any")));
  for (const c of project.schema.controls) for (const l of c.labels ?? []) label.append(h("option", { value: l.value }, l.value));
  // The people who annotated come from the project's activity; a name from the URL is kept even before it loads.
  const annotator = h("select", { "aria-label": t("annotator") }, h("option", { value: "" }, t("any")));
  const addPerson = (person: string) => {
    if (![...annotator.options].some((o) => o.value === person)) annotator.append(h("option", { value: person }, person));
  };
  if (initial.annotator) addPerson(initial.annotator);
  const prediction = h("input", { type: "checkbox", id: "filter-prediction" });
  const q = h("input", { type: "search", "aria-label": t("search"), placeholder: t("search") });
  status.value = initial.status;
  label.value = initial.label;
  annotator.value = initial.annotator;
  prediction.checked = initial.prediction;
  q.value = initial.q;
  const apply = h("button", { type: "submit" }, t("apply"));
  const form = h("form", { class: "filters", role: "search" },
    h("label", {}, `${t("status")} `, status), h("label", {}, `${t("label")} `, label),
    h("label", {}, `${t("annotator")} `, annotator),
    h("span", {}, prediction, " ", h("label", { for: "filter-prediction" }, t("hasPrediction"))),
    q, apply);
  const grid = h("ul", { class: "grid", "aria-label": t("items") });
  const more = h("button", { type: "button", hidden: true }, t("loadMore"));
  const note = h("p", { class: "muted", role: "status" });
  const page = h("section", { class: "page" },
    h("h1", {}, name, " · ", t("data")),
    h("p", {}, h("a", { href: `#/p/${encodeURIComponent(name)}/work`, class: "button primary" }, t("openWork"))),
    uploadPanel(name, () => void load(true)),
    form, grid, note, more);
  let cursor: string | null = null;
  // The filters of the shown pages: "load more" pages on with these, even if the form was edited since.
  let applied: DataFilters = initial;
  let generation = 0;

  const current = (): DataFilters => ({ status: status.value, label: label.value, annotator: annotator.value, prediction: prediction.checked, q: q.value.trim() });

  // Gold items are marked for those allowed to see them (reviewers and up); for others the list is refused and stays empty.
  const gold = distributionApi.gold(name).then((list) => new Set(list.map((g) => g.item_id)), () => new Set<number>());

  async function load(reset: boolean): Promise<void> {
    if (reset) {
      clear(grid);
      cursor = null;
      applied = current();
      // replaceState fires no hashchange, so the page stays; a reload reads the filters back from the URL.
      history.replaceState(null, "", filtersHash(name, applied));
    }
    const mine = ++generation;
    note.textContent = t("loading");
    more.disabled = true;
    try {
      const query: Record<string, string> = { limit: "48", ...itemsQuery(applied) };
      if (cursor) query["cursor"] = cursor;
      const result = await api.items(name, query);
      const goldIds = await gold;
      if (mine !== generation) return; // a newer request (another filter) has replaced this one
      for (const item of result.items) grid.append(itemCard(project, item, goldIds.has(item.id)));
      cursor = result.next;
      more.hidden = !cursor;
      note.textContent = grid.childElementCount ? "" : t("noItems");
    } catch (e) {
      if (mine === generation) note.textContent = t("error", { message: e instanceof Error ? e.message : String(e) });
    } finally {
      more.disabled = false;
    }
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); void load(true); });
  for (const control of [status, label, annotator, prediction]) control.addEventListener("change", () => void load(true));
  more.addEventListener("click", () => void load(false));
  void api.activity(name).then((activity) => {
    for (const person of activity.by_person.map((p) => p.user).sort()) addPerson(person);
    annotator.value = applied.annotator;
  }).catch(() => undefined);
  void load(true);
  return page;
}

function itemCard(project: Project, item: ItemSummary, isGold: boolean): HTMLElement {
  const link = h("a", { href: `#/p/${encodeURIComponent(project.name)}/work?item=${item.id}`, class: "item-link" });
  for (const field of project.schema.fields) {
    const value = fieldValue(field, item.data);
    if (field.kind === "image") link.append(h("img", { src: mediaUrl(value), alt: t("item", { id: item.id }), loading: "lazy", class: "thumb" }));
    else if (field.kind === "audio") {
      const span = h("span", { class: "duration" }, "♪ …");
      const probe = h("audio", { src: mediaUrl(value), preload: "metadata" });
      probe.addEventListener("loadedmetadata", () => { span.textContent = `♪ ${t("seconds", { s: probe.duration.toFixed(1) })}`; });
      link.append(span);
    } else link.append(h("span", { class: "first-line" }, String(value ?? "").split("\n")[0] ?? ""));
  }
  link.append(h("span", { class: `badge ${item.status}` }, `#${item.id} · ${statusName(item.status)}`));
  if (isGold) link.append(" ", h("span", { class: "badge gold" }, t("gold")));
  return h("li", { class: "item-card" }, link);
}
