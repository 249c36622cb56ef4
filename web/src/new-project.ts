import { api } from "./api";
import { h } from "./dom";
import { type Key, t } from "./i18n";
import { showProblems } from "./problems";
import { templates } from "./templates";

// New project: a name, and rules from a template or pasted (Label Studio XML or a Laoshi schema JSON).

export function newProjectPage(): HTMLElement {
  const nameInput = h("input", { id: "new-name", type: "text", required: true, autocomplete: "off", maxlength: 100 });
  const pick = h("select", { id: "new-template" }, h("option", { value: "" }, t("templatePaste")));
  for (const template of templates) pick.append(h("option", { value: template.id }, t(`template_${template.id}` as Key)));
  const editor = h("textarea", { id: "new-config", class: "code", rows: 16, spellcheck: false, "aria-describedby": "new-config-hint new-problems" });
  const problems = h("div", { id: "new-problems", class: "problems", role: "alert", tabindex: -1, hidden: true });
  const create = h("button", { type: "submit", class: "primary" }, t("createProject"));
  const form = h("form", { class: "new-project" },
    h("p", {}, h("label", { for: "new-name" }, t("projectName")), h("br"), nameInput, " ", h("span", { class: "muted" }, t("projectNameHint"))),
    h("p", {}, h("label", { for: "new-template" }, t("template")), h("br"), pick),
    h("p", { class: "editor-row" }, h("label", { for: "new-config" }, t("labelConfig")), h("br"),
      h("span", { id: "new-config-hint", class: "muted" }, t("labelConfigHint")), h("br"), editor),
    problems,
    h("p", {}, create, " ", h("a", { href: "#/", class: "button" }, t("cancel"))));

  pick.value = templates[0]!.id;
  editor.value = templates[0]!.config;
  pick.addEventListener("change", () => {
    const template = templates.find((x) => x.id === pick.value);
    if (template) editor.value = template.config;
    else editor.value = "";
    editor.focus();
  });
  editor.addEventListener("input", () => {
    if (templates.find((x) => x.id === pick.value)?.config !== editor.value) pick.value = "";
  });

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      const text = editor.value.trim();
      // A pasted Laoshi schema goes as an object; anything else (XML) as text, and the server says what is wrong.
      let schema: string | object = text;
      if (text.startsWith("{")) {
        try { schema = JSON.parse(text) as object; } catch { schema = text; }
      }
      create.disabled = true;
      try {
        const project = await api.createProject(nameInput.value.trim(), schema);
        location.hash = `#/p/${encodeURIComponent(project.name)}`;
      } catch (error) {
        showProblems(problems, error);
        problems.focus();
      } finally {
        create.disabled = false;
      }
    })();
  });
  return h("section", { class: "page" }, h("h1", {}, t("newProject")), form);
}
