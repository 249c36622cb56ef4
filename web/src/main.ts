import { api } from "./api";
import { clear, h } from "./dom";
import { type Lang, lang, setLang, t } from "./i18n";
import { dashboardPage } from "./dashboard";
import { distributionPage } from "./distribution";
import { newProjectPage } from "./new-project";
import { dataPage, projectsPage } from "./pages";
import { rulesPage } from "./rules";
import { type Workspace, workspace } from "./workspace";
import "./style.css";

// The shell: a header with the project name and the language switch, and a hash router.

const app = document.getElementById("app")!;
let current: Workspace | null = null;

type Page = "projects" | "new" | "data" | "work" | "rules" | "dashboard" | "settings";
interface Route { page: Page; project?: string; item?: number }
const projectPages: Record<string, Page> = { work: "work", rules: "rules", dashboard: "dashboard", settings: "settings" };

function parse(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#/, "").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const item = new URLSearchParams(query).get("item");
  if (parts[0] === "p" && parts[1]) return { page: projectPages[parts[2] ?? ""] ?? "data", project: parts[1], item: item ? Number(item) : undefined };
  if (parts[0] === "new") return { page: "new" };
  return { page: "projects" };
}

function header(route: Route): HTMLElement {
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
      h("a", { href: `${base}/settings`, "aria-current": route.page === "settings" ? "page" : undefined }, t("settings")));
  } else nav.append(" ", h("a", { href: "#/", "aria-current": route.page === "projects" ? "page" : undefined }, t("projects")));
  return h("header", { class: "top" }, nav, h("label", { class: "lang-label" }, h("span", { "aria-hidden": "true" }, "文A "), select));
}

async function route_(): Promise<void> {
  const route = parse(location.hash);
  current?.destroy();
  current = null;
  document.documentElement.lang = lang();
  document.title = route.project ? `${route.project} · ${t("appName")}` : t("appName");
  clear(app);
  app.append(header(route));
  const main = h("main", { id: "main" });
  app.append(main);
  if (route.page === "new") { main.append(newProjectPage()); return; }
  if (route.page === "projects" || !route.project) { main.append(projectsPage()); return; }
  try {
    const project = await api.project(route.project);
    if (route.page === "data") main.append(dataPage(project));
    else if (route.page === "dashboard") main.append(dashboardPage(project));
    else if (route.page === "settings") main.append(distributionPage(project));
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
