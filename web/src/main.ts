import { ApiError, type Me, api, rememberMe } from "./api";
import { clear, h } from "./dom";
import { type Lang, lang, setLang, t } from "./i18n";
import { dashboardPage } from "./dashboard";
import { distributionPage } from "./distribution";
import { newProjectPage } from "./new-project";
import { dataPage, projectsPage } from "./pages";
import { membersPage } from "./members";
import { modelsPage } from "./models";
import { rulesPage } from "./rules";
import { adjudicationPage } from "./adjudication";
import { analysisPage } from "./analysis";
import { evaluationsPage } from "./evaluations";
import { trainingPage } from "./training";
import { cleaningPage } from "./cleaning";
import { labelErrorsPage } from "./label-errors";
import { myReviewsPage, reviewPage } from "./review";
import { signInPage } from "./sign-in";
import { jobsPage } from "./jobs";
import { type Workspace, workspace } from "./workspace";
import "./style.css";

// The shell: a header with the project name and the language switch, and a hash router.

const app = document.getElementById("app")!;
let current: Workspace | null = null;

type Page = "projects" | "new" | "data" | "work" | "rules" | "dashboard" | "review" | "my-reviews" | "adjudication" | "members" | "sign-in" | "settings" | "jobs" | "models" | "analysis" | "evaluations" | "cleaning" | "training" | "label-errors";
interface Route { page: Page; project?: string; item?: number; next?: string; query: URLSearchParams }
const projectPages: Record<string, Page> = { work: "work", rules: "rules", dashboard: "dashboard", review: "review", "my-reviews": "my-reviews", adjudication: "adjudication", members: "members", settings: "settings", jobs: "jobs", models: "models", analysis: "analysis", evaluations: "evaluations", cleaning: "cleaning", training: "training", "label-errors": "label-errors" };

function parse(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#/, "").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  const item = params.get("item");
  if (parts[0] === "p" && parts[1]) return { page: projectPages[parts[2] ?? ""] ?? "data", project: parts[1], item: item ? Number(item) : undefined, query: params };
  if (parts[0] === "new") return { page: "new", query: params };
  if (parts[0] === "jobs") return { page: "jobs", query: params };
  if (parts[0] === "sign-in") return { page: "sign-in", next: params.get("next") ?? "#/", query: params };
  return { page: "projects", query: params };
}

/** Owners (and server admins) manage a project's members; others do not see the page. */
function managesMembers(me: Me | null, project: string): boolean {
  return !!me && (me.is_admin || me.projects.some((p) => p.name === project && p.role === "owner"));
}

function header(route: Route, me: Me | null): HTMLElement {
  const select = h("select", { "aria-label": t("language"), class: "lang" },
    h("option", { value: "en", lang: "en" }, "English"), h("option", { value: "zh-CN", lang: "zh-CN" }, "简体中文"));
  select.value = lang();
  select.addEventListener("change", () => { setLang(select.value as Lang); void route_(); });
  const nav = h("nav", { "aria-label": t("appName") }, h("a", { href: "#/", class: "brand" }, t("appName")));
  if (route.project) {
    const base = `#/p/${encodeURIComponent(route.project)}`;
    nav.append(h("span", { "aria-hidden": "true" }, " / "), h("span", { class: "project-name" }, route.project), " ",
      h("a", { href: base, "aria-current": route.page === "data" ? "page" : undefined }, t("data")), " ",
      h("a", { href: `${base}/work`, "aria-current": route.page === "work" ? "page" : undefined }, t("openWork")), " ",
      h("a", { href: `${base}/rules`, "aria-current": route.page === "rules" ? "page" : undefined }, t("rules")), " ",
      h("a", { href: `${base}/dashboard`, "aria-current": route.page === "dashboard" ? "page" : undefined }, t("dashboard")), " ",
      h("a", { href: `${base}/analysis`, "aria-current": route.page === "analysis" ? "page" : undefined }, t("analysis")), " ",
      h("a", { href: `${base}/review`, "aria-current": route.page === "review" ? "page" : undefined }, t("review")), " ",
      h("a", { href: `${base}/adjudication`, "aria-current": route.page === "adjudication" ? "page" : undefined }, t("adjudication")), " ",
      h("a", { href: `${base}/my-reviews`, "aria-current": route.page === "my-reviews" ? "page" : undefined }, t("myReviews")), " ",
      h("a", { href: `${base}/settings`, "aria-current": route.page === "settings" ? "page" : undefined }, t("settings")), " ",
      h("a", { href: `${base}/jobs`, "aria-current": route.page === "jobs" ? "page" : undefined }, t("jobs")), " ",
      h("a", { href: `${base}/models`, "aria-current": route.page === "models" ? "page" : undefined }, t("models")), " ",
      h("a", { href: `${base}/training`, "aria-current": route.page === "training" ? "page" : undefined }, t("training")), " ",
      h("a", { href: `${base}/evaluations`, "aria-current": route.page === "evaluations" ? "page" : undefined }, t("evaluations")), " ",
      h("a", { href: `${base}/cleaning`, "aria-current": route.page === "cleaning" ? "page" : undefined }, t("cleaning")), " ",
      h("a", { href: `${base}/label-errors`, "aria-current": route.page === "label-errors" ? "page" : undefined }, t("labelErrors")));
    if (managesMembers(me, route.project)) {
      nav.append(" ", h("a", { href: `${base}/members`, "aria-current": route.page === "members" ? "page" : undefined }, t("members")));
    }
  } else nav.append(" ", h("a", { href: "#/", "aria-current": route.page === "projects" ? "page" : undefined }, t("projects")),
    " ", h("a", { href: "#/jobs", "aria-current": route.page === "jobs" ? "page" : undefined }, t("jobs")));
  const account = h("span", { class: "account" });
  if (me) {
    const out = h("button", { type: "button", class: "sign-out" }, t("signOut"));
    out.addEventListener("click", () => void api.signOut().finally(() => { location.hash = "#/sign-in"; }));
    account.append(h("span", { class: "muted" }, t("signedInAs", { email: me.email })), " ", out);
  }
  return h("header", { class: "top" }, nav, account, h("label", { class: "lang-label" }, h("span", { "aria-hidden": "true" }, "文A "), select));
}

async function route_(): Promise<void> {
  const route = parse(location.hash);
  current?.destroy();
  current = null;
  document.documentElement.lang = lang();
  document.title = route.project ? `${route.project} · ${t("appName")}` : t("appName");
  clear(app);
  if (route.page === "sign-in") {
    app.append(header(route, null));
    app.append(h("main", { id: "main" }, signInPage(route.next ?? "#/")));
    return;
  }
  // Who is signed in decides the header and which pages show; without a session this goes to the sign-in page.
  let me: Me;
  try {
    me = await api.me();
  } catch (e) {
    // A 401 has already sent the browser to the sign-in page.
    if (!(e instanceof ApiError && e.status === 401)) app.append(h("p", { role: "alert" }, t("error", { message: e instanceof Error ? e.message : String(e) })));
    return;
  }
  rememberMe(me);
  if (parse(location.hash).page !== route.page) return;
  app.append(header(route, me));
  const main = h("main", { id: "main" });
  app.append(main);
  if (route.page === "new") { main.append(newProjectPage()); return; }
  if (route.page === "jobs" && !route.project) { main.append(jobsPage(null, route.query)); return; }
  if (route.page === "projects" || !route.project) { main.append(projectsPage()); return; }
  try {
    const project = await api.project(route.project);
    if (route.page === "data") main.append(dataPage(project));
    else if (route.page === "dashboard") main.append(dashboardPage(project));
    else if (route.page === "analysis") main.append(analysisPage(project));
    else if (route.page === "my-reviews") main.append(myReviewsPage(project));
    else if (route.page === "review" || route.page === "adjudication") {
      current = route.page === "review" ? reviewPage(project, route.query) : adjudicationPage(project);
      main.append(current.el);
    }
    else if (route.page === "members") main.append(membersPage(project));
    else if (route.page === "settings") main.append(distributionPage(project));
    else if (route.page === "jobs") main.append(jobsPage(project, route.query));
    else if (route.page === "models") main.append(modelsPage(project));
    else if (route.page === "evaluations") main.append(evaluationsPage(project, route.query));
    else if (route.page === "training") main.append(trainingPage(project, route.query));
    else if (route.page === "cleaning") main.append(cleaningPage(project));
    else if (route.page === "label-errors") main.append(labelErrorsPage(project, route.query));
    else if (route.page === "rules") {
      current = rulesPage(project);
      main.append(current.el);
    } else {
      current = workspace(project, route.item ?? null);
      main.append(current.el);
    }
  } catch (e) {
    main.append(h("p", { role: "alert" }, t("error", { message: e instanceof Error ? e.message : String(e) })));
  }
}

// The workspace rewrites the hash to name its item (replaceState fires no event), so only real navigation re-routes.
window.addEventListener("hashchange", () => void route_());
void route_();
