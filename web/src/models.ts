import { type ModelStage, type ModelVersion, type Project, api, call } from "./api";
import { clear, h } from "./dom";
import { type Key, t } from "./i18n";
import { jobProgress } from "./jobs";
import { prelabelForm } from "./prelabel-form";
import { showProblems } from "./problems";

// A project's model registry: every version with its kind and source, its stage (changed in place) and its
// per-class confidence thresholds (edited as "label=0.8, other=0.5"). Uploading and connecting stay in the CLI/API.

const stages: ModelStage[] = ["candidate", "production", "archived"];
const stageKey = (stage: ModelStage): Key => `stage${stage[0]!.toUpperCase()}${stage.slice(1)}` as Key;

/** "label=0.8, other=0.5" ↔ {label: 0.8, other: 0.5}; a malformed entry is reported by the server's rules (0..1). */
export function formatThresholds(thresholds: Record<string, number>): string {
  return Object.entries(thresholds).map(([label, value]) => `${label}=${value}`).join(", ");
}

export function parseThresholds(text: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const part of text.split(",").map((s) => s.trim()).filter((s) => s.length > 0)) {
    const eq = part.lastIndexOf("=");
    const value = eq > 0 ? Number(part.slice(eq + 1).trim()) : Number.NaN;
    if (Number.isNaN(value)) throw new Error(t("thresholdFormat", { entry: part }));
    result[part.slice(0, eq).trim()] = value;
  }
  return result;
}

export function modelsPage(project: Project): HTMLElement {
  const body = h("tbody");
  const table = h("table", { class: "models" },
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, t("model")), h("th", { scope: "col" }, t("modelKind")), h("th", { scope: "col" }, t("modelStage")),
      h("th", { scope: "col" }, t("modelThresholds")), h("th", { scope: "col" }, t("modelSource")), h("th", { scope: "col" }, t("prelabel")))),
    body);
  const status = h("p", { class: "muted", role: "status" }, t("loading"));
  const problems = h("div", { class: "problems", role: "alert", tabindex: -1, hidden: true });
  // Pre-labelling runs as a background job; its progress shows under the table.
  const prelabelJobs = h("div", { class: "prelabel-jobs" });
  // Any registered model, or builtin:vad in audio projects, from one form.
  const prelabelChoice = prelabelForm(project, status, problems, prelabelJobs);

  const act = async (work: () => Promise<unknown>, done: string): Promise<void> => {
    problems.hidden = true;
    try {
      await work();
      await load();
      status.textContent = done;
    } catch (error) {
      showProblems(problems, error);
      problems.focus();
    }
  };

  const row = (model: ModelVersion): HTMLElement => {
    const stage = h("select", { id: `stage-${model.id}`, "aria-label": t("stageOf", { model: model.reference }) });
    for (const s of stages) stage.append(h("option", { value: s }, t(stageKey(s))));
    stage.value = model.stage;
    stage.addEventListener("change", () => void act(
      () => api.setModelStage(project.name, model.name, model.version, stage.value as ModelStage),
      t("stageChanged", { model: model.reference, stage: t(stageKey(stage.value as ModelStage)) })));
    const thresholds = h("input", {
      id: `thresholds-${model.id}`, type: "text", value: formatThresholds(model.thresholds), placeholder: "label=0.8",
      "aria-label": t("thresholdsOf", { model: model.reference }),
    });
    const save = h("button", { type: "submit" }, t("save"));
    const form = h("form", { class: "thresholds" }, thresholds, " ", save);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void act(() => api.setModelThresholds(project.name, model.name, model.version, parseThresholds(thresholds.value)),
        t("thresholdsSaved", { model: model.reference }));
    });
    const source = model.url ?? (model.has_file ? t("uploadedFile") : "");
    const prelabel = h("button", { type: "button", "aria-label": t("prelabelWith", { model: model.reference }) }, t("prelabel"));
    prelabel.addEventListener("click", () => {
      problems.hidden = true;
      prelabel.disabled = true;
      void call<{ id: number }>("POST", `/projects/${encodeURIComponent(project.name)}/models/prelabel`, { model: model.reference })
        .then((job) => {
          status.textContent = t("prelabelQueued", { model: model.reference, job: job!.id });
          prelabelJobs.append(jobProgress(job!.id, (done) => {
            prelabel.disabled = false;
            const result = done.result as { items?: number } | null | undefined;
            if (done.state === "succeeded") status.textContent = t("prelabelDone", { model: model.reference, count: result?.items ?? 0 });
          }));
        })
        .catch((error: unknown) => { prelabel.disabled = false; showProblems(problems, error); problems.focus(); });
    });
    return h("tr", {}, h("th", { scope: "row" }, model.reference), h("td", {}, model.kind), h("td", {}, stage), h("td", {}, form), h("td", {}, source), h("td", {}, prelabel));
  };

  const load = async (): Promise<void> => {
    const models = await api.models(project.name);
    clear(body);
    for (const model of models) body.append(row(model));
    prelabelChoice.setModels(models);
    status.textContent = models.length ? "" : t("noModels");
  };

  void load().catch((error: unknown) => { status.textContent = ""; showProblems(problems, error); });
  return h("section", { class: "page" }, h("h1", {}, t("models")), status, problems, table, prelabelChoice.element, prelabelJobs, h("p", { class: "muted" }, t("modelsHint")));
}
