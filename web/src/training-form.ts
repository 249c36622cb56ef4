import { ApiError, type InputProblem, type Project } from "./api";
import { clear, h } from "./dom";
import { t } from "./i18n";
import { jobProgress, logView } from "./jobs";
import { showProblems } from "./problems";
import { type SearchMethod, type SnapshotVersion, type StartRun, type Trainer, type TrainerParameter, tasksOf, trainingApi } from "./training-api";

// The "start a training" form: a trainer, its parameters drawn from what the trainer declares (an input that suits
// each type, the default and the range beside it, with its help), a snapshot, the split and seed, and an optional
// search. The server checks every value; what it refuses is shown next to the field it names. Once queued, the
// job's progress (with cancel) and its log follow below the form.

export interface TrainingForm {
  el: HTMLElement;
  /** The trainer picked now (the runs charts follow it). */
  trainer: () => string;
  onTrainerChange: (listener: () => void) => void;
  /** Starts the training, as the Start button and Ctrl+Enter do. */
  submit: () => void;
}

interface Field { input: HTMLInputElement | HTMLSelectElement; error: HTMLElement }

const shown = (value: unknown): string => (value === null || value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value));

/** "0.001 – 10 (log scale)", "one of: linear, lightgbm", or "" when the parameter declares no range. */
function rangeText(p: TrainerParameter): string {
  if (p.type === "choice") return p.choices?.length ? t("trainRangeChoices", { choices: p.choices.join(", ") }) : "";
  if (p.type === "bool") return "";
  if (p.min === null || p.min === undefined || p.max === null || p.max === undefined) return "";
  return t(p.log_scale ? "trainRangeLog" : "trainRange", { min: p.min, max: p.max });
}

/** An error line under a field, tied to it for screen readers. */
function errorFor(id: string): HTMLElement {
  return h("span", { class: "field-error", id: `${id}-error`, role: "alert", hidden: true });
}

function fieldWithError(id: string, input: HTMLInputElement | HTMLSelectElement): Field {
  const error = errorFor(id);
  input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), error.id].filter(Boolean).join(" "));
  return { input, error };
}

export function trainingForm(project: Project, trainers: Trainer[], snapshots: SnapshotVersion[], onFinished: (runId: number | null) => void): TrainingForm {
  const tasks = tasksOf(project);
  // The task of the rules' first control comes first, and within a task the quick trainer before the heavy one, so
  // the preselected trainer is the one a first run wants.
  const taskOrder = [...tasks.keys()];
  const quickFirst = ["text-ngram", "image-resnet18", "audio-mfcc", "ner", "text-minilm"];
  const rank = (name: string): number => { const i = quickFirst.indexOf(name); return i < 0 ? quickFirst.length : i; };
  const fitting = trainers.filter((x) => tasks.has(x.task))
    .sort((a, b) => taskOrder.indexOf(a.task) - taskOrder.indexOf(b.task) || rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  const listeners: (() => void)[] = [];

  const trainer = h("select", { id: "train-trainer" }, ...fitting.map((x) => h("option", { value: x.name }, `${x.name} (${x.task})`)));
  const description = h("p", { class: "muted train-description", id: "train-trainer-help" });
  trainer.setAttribute("aria-describedby", description.id);
  const control = h("select", { id: "train-control" });
  const controlRow = h("p", { hidden: true }, h("label", { for: "train-control" }, t("trainControl")), " ", control);
  const params = h("div", { class: "train-params" });
  const reset = h("button", { type: "button" }, t("trainDefaults"));

  // Snapshots newest first, each version its own choice.
  const ordered = [...snapshots].sort((a, b) => (a.name === b.name ? b.version - a.version : a.name.localeCompare(b.name)));
  const snapshot = h("select", { id: "train-snapshot" }, ...ordered.map((x) =>
    h("option", { value: `${x.version}:${x.name}` }, t("trainSnapshotOption", { name: x.name, version: x.version, items: x.item_count }))));
  const seed = h("input", { id: "train-seed", type: "number", step: 1, value: 1 });
  const testShare = h("input", { id: "train-test-share", type: "number", step: "any", value: 0.2 });
  const curve = h("input", { id: "train-curve", type: "checkbox" });
  const registerAs = h("input", { id: "train-register-as", type: "text", placeholder: "" });

  const method = h("select", { id: "train-search" },
    h("option", { value: "" }, t("trainSearchNone")), h("option", { value: "random" }, t("trainSearchRandom")), h("option", { value: "halving" }, t("trainSearchHalving")));
  const budget = h("input", { id: "train-budget", type: "number", step: 1, value: 600 });
  const trials = h("input", { id: "train-trials", type: "number", step: 1, value: 20 });
  const folds = h("input", { id: "train-folds", type: "number", step: 1, value: 3 });
  const searchFields = h("div", { class: "train-search-fields", hidden: true },
    h("label", { for: "train-budget" }, t("trainBudget")), " ", budget, " ",
    h("label", { for: "train-trials" }, t("trainTrials")), " ", trials, " ",
    h("label", { for: "train-folds" }, t("trainFolds")), " ", folds,
    h("p", { class: "hint" }, t("trainSearchHint")));

  const others = new Map<string, Field>([
    ["trainer", fieldWithError("train-trainer", trainer)], ["control", fieldWithError("train-control", control)],
    ["snapshot", fieldWithError("train-snapshot", snapshot)], ["snapshot_version", fieldWithError("train-snapshot", snapshot)],
    ["seed", fieldWithError("train-seed", seed)], ["test_share", fieldWithError("train-test-share", testShare)],
    ["curve", fieldWithError("train-curve", curve)], ["register_as", fieldWithError("train-register-as", registerAs)],
    ["method", fieldWithError("train-search", method)], ["budget_seconds", fieldWithError("train-budget", budget)],
    ["trials", fieldWithError("train-trials", trials)], ["folds", fieldWithError("train-folds", folds)],
  ]);
  others.set("search", others.get("method")!);
  const errorOf = (key: string) => others.get(key)!.error;
  let paramFields = new Map<string, Field & { declared: TrainerParameter }>();

  const start = h("button", { type: "submit", class: "primary", "aria-keyshortcuts": "Control+Enter" }, t("trainStart"), h("kbd", { "aria-hidden": "true" }, "Ctrl+Enter"));
  const status = h("p", { role: "status", class: "muted" });
  const problems = h("div", { class: "problems", role: "alert", tabindex: -1, hidden: true });
  const job = h("div", { class: "train-job" });

  const picked = (): Trainer | undefined => fitting.find((x) => x.name === trainer.value);

  const drawParameters = (): void => {
    const chosen = picked();
    clear(params);
    paramFields = new Map();
    description.textContent = chosen?.description ?? "";
    registerAs.placeholder = chosen?.name ?? "";
    // A trainer fits one kind of control; when the rules hold several, the user says which one is learned.
    const controls = chosen ? tasks.get(chosen.task) ?? [] : [];
    clear(control);
    for (const name of controls) control.append(h("option", { value: name }, name));
    controlRow.hidden = controls.length < 2;
    if (!chosen) return;
    if (!chosen.parameters.length) params.append(h("p", { class: "muted" }, t("trainNoParameters")));
    const table = h("table", { class: "train-param-table" }, h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, t("trainParameter")), h("th", { scope: "col" }, t("trainValue")), h("th", { scope: "col" }, t("trainAbout")))));
    const body = h("tbody");
    for (const p of chosen.parameters) {
      const id = `param-${p.name}`;
      let input: HTMLInputElement | HTMLSelectElement;
      if (p.type === "choice") {
        input = h("select", { id }, ...(p.choices ?? []).map((c) => h("option", { value: c }, c)));
        input.value = String(p.default ?? "");
      } else if (p.type === "bool") {
        input = h("input", { id, type: "checkbox" });
        input.checked = p.default === true || p.default === "true";
      } else {
        input = h("input", { id, type: "number", step: p.type === "int" ? 1 : "any", value: p.default === null || p.default === undefined ? "" : String(p.default) });
      }
      const aboutId = `${id}-help`;
      input.setAttribute("aria-describedby", aboutId);
      const field = fieldWithError(id, input);
      paramFields.set(p.name, { ...field, declared: p });
      const range = rangeText(p);
      body.append(h("tr", {},
        h("th", { scope: "row" }, h("label", { for: id }, p.name)),
        h("td", {}, input, field.error),
        h("td", { id: aboutId, class: "train-param-about" },
          h("span", { class: "train-default" }, t("trainDefault", { value: shown(p.default) })),
          range ? h("span", { class: "train-range" }, ` · ${range}`) : null,
          p.help ? h("span", { class: "train-help" }, ` · ${p.help}`) : null)));
    }
    table.append(body);
    if (chosen.parameters.length) params.append(table);
  };

  trainer.addEventListener("change", () => { drawParameters(); for (const l of listeners) l(); });
  reset.addEventListener("click", drawParameters);
  method.addEventListener("change", () => { searchFields.hidden = method.value === ""; });

  /** The values as the API wants them: numbers as numbers; when searching, only what the user changed (the rest is searched). */
  const values = (searching: boolean): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    for (const [name, field] of paramFields) {
      const p = field.declared;
      let value: unknown;
      if (field.input instanceof HTMLInputElement && field.input.type === "checkbox") value = field.input.checked;
      else if (p.type === "int" || p.type === "float") {
        const raw = field.input.value.trim();
        if (raw === "") continue;
        const number = Number(raw);
        value = Number.isFinite(number) ? number : raw;
      } else value = field.input.value;
      if (searching && String(value) === String(p.default)) continue;
      result[name] = value;
    }
    return result;
  };

  const number = (input: HTMLInputElement): number => {
    const value = Number(input.value.trim());
    return input.value.trim() === "" || !Number.isFinite(value) ? Number.NaN : value;
  };

  const clearErrors = (): void => {
    for (const field of [...others.values(), ...paramFields.values()]) {
      field.error.hidden = true;
      field.error.textContent = "";
      field.input.removeAttribute("aria-invalid");
    }
    showProblems(problems, null);
  };

  const fieldOf = (problem: InputProblem): Field | undefined => {
    const path = problem.path ?? "";
    const param = /^\$\.params\.(.+)$/.exec(path);
    if (param) return paramFields.get(param[1]!);
    const top = /^\$\.(?:search\.)?([A-Za-z_]+)/.exec(path);
    if (top) return others.get(top[1]!);
    if (problem.field) return paramFields.get(problem.field) ?? others.get(problem.field);
    return undefined;
  };

  /** Puts each refused value's message beside its field; whatever names no field goes to the box above. */
  const showRefusal = (error: unknown): void => {
    const unplaced: InputProblem[] = [];
    const problemsOf = error instanceof ApiError ? error.errors : [];
    let first: Field | undefined;
    for (const problem of problemsOf) {
      const field = fieldOf(problem);
      if (!field) { unplaced.push(problem); continue; }
      field.error.hidden = false;
      field.error.textContent = field.error.textContent ? `${field.error.textContent} ${problem.message}` : problem.message;
      field.input.setAttribute("aria-invalid", "true");
      first ??= field;
    }
    if (!problemsOf.length) showProblems(problems, error);
    else if (unplaced.length) showProblems(problems, new ApiError(error instanceof Error ? error.message : String(error), 400, unplaced));
    if (first) first.input.focus();
    else problems.focus();
  };

  const form = h("form", { class: "train-form", novalidate: true, "aria-labelledby": "train-heading" },
    h("h2", { id: "train-heading" }, t("trainNew")),
    h("p", {}, h("label", { for: "train-trainer" }, t("trainTrainer")), " ", trainer, errorOf("trainer")),
    description, controlRow,
    h("fieldset", { class: "train-fieldset" }, h("legend", {}, t("trainParameters")), params, h("p", {}, reset)),
    h("fieldset", { class: "train-fieldset" }, h("legend", {}, t("trainData")),
      h("label", { for: "train-snapshot" }, t("trainSnapshot")), " ", snapshot, errorOf("snapshot"), " ",
      h("label", { for: "train-test-share" }, t("trainTestShare")), " ", testShare, errorOf("test_share"), " ",
      h("label", { for: "train-seed" }, t("trainSeed")), " ", seed, errorOf("seed"), " ",
      h("label", {}, curve, " ", t("trainCurve")), errorOf("curve"), " ",
      h("label", { for: "train-register-as" }, t("trainRegisterAs")), " ", registerAs, errorOf("register_as")),
    h("fieldset", { class: "train-fieldset" }, h("legend", {}, t("trainSearch")),
      h("label", { for: "train-search" }, t("trainSearchMethod")), " ", method, errorOf("method"),
      searchFields, errorOf("budget_seconds"), errorOf("trials"), errorOf("folds")),
    h("p", {}, start), problems, status, job);

  if (!fitting.length) { start.disabled = true; status.textContent = t("trainNoTrainer"); }
  else if (!snapshots.length) { start.disabled = true; status.textContent = t("trainNoSnapshot"); }

  const submit = (): void => {
    if (start.disabled) return;
    clearErrors();
    const chosen = picked();
    if (!chosen) return;
    const [version, ...nameParts] = snapshot.value.split(":");
    const searching = method.value !== "";
    const body: StartRun = {
      trainer: chosen.name, snapshot: nameParts.join(":"), snapshot_version: Number(version), params: values(searching),
      seed: number(seed), test_share: number(testShare), curve: curve.checked,
      search: searching ? { method: method.value as SearchMethod, budget_seconds: number(budget), trials: number(trials), folds: number(folds) } : null,
    };
    if (registerAs.value.trim()) body.register_as = registerAs.value.trim();
    if (!controlRow.hidden) body.control = control.value;
    start.disabled = true;
    status.textContent = t("trainStarting");
    clear(job);
    void trainingApi.start(project.name, body)
      .then((id) => {
        status.textContent = t("trainQueued", { job: id });
        job.append(jobProgress(id, (done) => {
          start.disabled = false;
          const runId = (done.result as { run_id?: number } | null | undefined)?.run_id ?? null;
          status.textContent = done.state === "succeeded" && runId ? t("trainFinished", { run: runId }) : t("trainJobEnded");
          onFinished(runId);
        }), h("h3", { class: "train-log-heading" }, t("trainLog")), logView({ id }));
      })
      .catch((error: unknown) => {
        start.disabled = false;
        status.textContent = "";
        showRefusal(error);
      });
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); submit(); });
  drawParameters();

  return {
    el: form,
    trainer: () => trainer.value,
    onTrainerChange: (listener) => { listeners.push(listener); },
    submit,
  };
}
