import { type Member, type Project, type Role, api } from "./api";
import { clear, h } from "./dom";
import { type Key, t } from "./i18n";
import { showProblems } from "./problems";

// A project's members, for its owners: list, add by email with a role, change a role, remove.

const roles: Role[] = ["owner", "manager", "reviewer", "annotator"];
const roleKey = (role: Role): Key => `role${role[0]!.toUpperCase()}${role.slice(1)}` as Key;

function roleSelect(id: string, value: Role, label: string): HTMLSelectElement {
  const select = h("select", { id, "aria-label": label });
  for (const role of roles) select.append(h("option", { value: role }, t(roleKey(role))));
  select.value = value;
  return select;
}

export function membersPage(project: Project): HTMLElement {
  const body = h("tbody");
  const table = h("table", { class: "members" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("email")), h("th", { scope: "col" }, t("displayName")),
      h("th", { scope: "col" }, t("role")), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t("removeMember", { email: "" }))))),
    body);
  const status = h("p", { class: "muted", role: "status" }, t("loading"));
  const problems = h("div", { class: "problems", role: "alert", tabindex: -1, hidden: true });
  const email = h("input", { id: "member-email", type: "text", inputmode: "email", autocomplete: "off", required: true });
  const newRole = roleSelect("member-role", "annotator", t("role"));
  const form = h("form", { class: "add-member" },
    h("h2", {}, t("addMember")),
    h("p", {}, h("label", { for: "member-email" }, t("email")), " ", email, " ",
      h("label", { for: "member-role" }, t("role")), " ", newRole, " ", h("button", { type: "submit", class: "primary" }, t("add"))),
    h("p", { class: "muted" }, t("membersHint")));

  const act = async (work: () => Promise<unknown>): Promise<void> => {
    problems.hidden = true;
    try {
      await work();
      await load();
    } catch (error) {
      showProblems(problems, error);
      problems.focus();
    }
  };

  const row = (member: Member): HTMLElement => {
    const select = roleSelect(`role-${member.user_id}`, member.role, t("roleOf", { email: member.email }));
    select.addEventListener("change", () => void act(() => api.setMember(project.name, member.email, select.value as Role)));
    const remove = h("button", { type: "button", "aria-label": t("removeMember", { email: member.email }) }, "×");
    remove.addEventListener("click", () => void act(() => api.removeMember(project.name, member.email)));
    return h("tr", {}, h("td", {}, member.email), h("td", {}, member.display_name), h("td", {}, select), h("td", {}, remove));
  };

  const load = async (): Promise<void> => {
    const members = await api.members(project.name);
    clear(body);
    for (const member of members) body.append(row(member));
    status.textContent = members.length ? "" : t("noMembers");
  };

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void act(async () => {
      await api.setMember(project.name, email.value.trim(), newRole.value as Role);
      email.value = "";
    });
  });
  void load().catch((error: unknown) => { status.textContent = ""; showProblems(problems, error); });
  return h("section", { class: "page" }, h("h1", {}, t("members")), status, problems, table, form);
}
