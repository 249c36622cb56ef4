import { type ModelVersion, type Project, call } from "./api";
import { clear, h } from "./dom";
import { t } from "./i18n";
import { jobProgress } from "./jobs";
import { showProblems } from "./problems";

// The pre-label form of the Models page: pick any registered model, or — in audio projects — builtin:vad, which
// pre-segments clips into voice segments (a label of the audio control, and how long a pause splits two segments).

export const vadReference = "builtin:vad";
const defaultMinSilence = 300;
const defaultThreshold = 12;

/** builtin:vad with only the settings that differ from its defaults, so equal settings give equal model versions. */
export function vadModel(label: string, firstLabel: string, minSilenceMs: number, thresholdDb: number): string {
  const settings: string[] = [];
  if (label !== firstLabel) settings.push(`label=${encodeURIComponent(label)}`);
  if (minSilenceMs !== defaultMinSilence) settings.push(`min_silence_ms=${minSilenceMs}`);
  if (thresholdDb !== defaultThreshold) settings.push(`threshold_db=${thresholdDb}`);
  return settings.length ? `${vadReference}?${settings.join("&")}` : vadReference;
}

export interface PrelabelForm { element: HTMLElement; setModels(models: ModelVersion[]): void }

export function prelabelForm(project: Project, status: HTMLElement, problems: HTMLElement, jobs: HTMLElement): PrelabelForm {
  const audioFields = new Set(project.schema.fields.filter((f) => f.kind === "audio").map((f) => f.name));
  const audioControl = project.schema.controls.find((c) => c.type === "labels" && audioFields.has(c.toName));
  const labels = audioControl?.labels?.map((l) => l.value) ?? [];

  const model = h("select", { id: "prelabel-model", name: "model" });
  const label = h("select", { id: "vad-label", name: "label" });
  for (const l of labels) label.append(h("option", { value: l }, l));
  const minSilence = h("input", { id: "vad-min-silence", type: "number", min: 0, max: 10000, step: 50, value: defaultMinSilence, required: true });
  const threshold = h("input", { id: "vad-threshold", type: "number", min: 0, max: 60, step: 1, value: defaultThreshold, required: true });
  const vadSettings = h("fieldset", { class: "vad-settings", hidden: true },
    h("legend", {}, t("vadSettings")),
    h("label", { for: "vad-label" }, t("vadLabel")), " ", label, " ",
    h("label", { for: "vad-min-silence" }, t("vadMinSilence")), " ", minSilence, " ",
    h("label", { for: "vad-threshold" }, t("vadThreshold")), " ", threshold,
    h("p", { class: "muted" }, t("vadHint")));
  const submit = h("button", { type: "submit" }, t("prelabel"));
  const form = h("form", { class: "prelabel-form", "aria-labelledby": "prelabel-heading" },
    h("h2", { id: "prelabel-heading" }, t("prelabelForm")),
    h("label", { for: "prelabel-model" }, t("prelabelModel")), " ", model, " ", submit, vadSettings);

  const reference = (): string => model.value === vadReference
    ? vadModel(label.value, labels[0] ?? "", Number(minSilence.value), Number(threshold.value))
    : model.value;
  model.addEventListener("change", () => { vadSettings.hidden = model.value !== vadReference; });

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!model.value) return;
    const chosen = reference();
    problems.hidden = true;
    submit.disabled = true;
    void call<{ id: number }>("POST", `/projects/${encodeURIComponent(project.name)}/models/prelabel`, { model: chosen })
      .then((job) => {
        status.textContent = t("prelabelQueued", { model: chosen, job: job!.id });
        jobs.append(jobProgress(job!.id, (done) => {
          submit.disabled = false;
          const result = done.result as { items?: number; regions?: number } | null | undefined;
          if (done.state === "succeeded") status.textContent = t("prelabelDone", { model: chosen, count: result?.items ?? 0 });
        }));
      })
      .catch((error: unknown) => { submit.disabled = false; showProblems(problems, error); problems.focus(); });
  });

  const setModels = (models: ModelVersion[]): void => {
    const previous = model.value;
    clear(model);
    for (const m of models) model.append(h("option", { value: m.reference }, m.reference));
    if (audioControl) model.append(h("option", { value: vadReference }, t("vadChoice")));
    if ([...model.options].some((o) => o.value === previous)) model.value = previous;
    vadSettings.hidden = model.value !== vadReference;
    form.hidden = model.options.length === 0;
  };
  setModels([]);
  return { element: form, setModels };
}
