import { type Project, call } from "./api";

// The training endpoints: the trainers the server ships (GET /trainers) and a project's runs
// (/api/v1/projects/{p}/runs): start one as a background job, list them by cursor, read one, compare two.

export type ParameterType = "int" | "float" | "choice" | "bool";
export interface TrainerParameter {
  name: string; type: ParameterType; default: unknown; help: string;
  min?: number | null; max?: number | null; choices?: string[] | null; log_scale?: boolean;
}
export interface Trainer { name: string; task: string; description: string; parameters: TrainerParameter[] }

export type SearchMethod = "random" | "halving";
export interface RunSearch {
  method: SearchMethod; budget_seconds: number | null; folds: number; trials?: number; metric?: string;
  best_params: Record<string, unknown>; best_score?: number | null; trial_count: number; budget_spent?: boolean;
}
export interface Run {
  id: number; trainer: string; task: string; snapshot: { name: string; version: number }; seed: number;
  params: Record<string, unknown>; metrics: Record<string, unknown>; duration_seconds: number | null; status: string;
  model: { name: string; version: number } | null; compared_with: number | null; search: RunSearch | null;
  created_by: string; created_at: string; error: string | null;
}
/** One configuration a search tried: its fold scores and their mean (null when it failed, with the reason in error). */
export interface Trial {
  index?: number; params: Record<string, unknown>; scores: number[]; score: number | null; examples: number; rung: number | null;
  seconds: number; error?: string;
}
/** One point of a learning curve: the examples trained on and the held-out metrics (accuracy, f1_macro, ...). */
export type CurvePoint = { examples: number } & Record<string, number>;
export interface RunDetail extends Run { trials: Trial[]; curve: CurvePoint[] }
export interface RunComparison {
  a: Run; b: Run;
  metrics: { name: string; a: number | null; b: number | null; delta: number | null }[];
  params: { name: string; a: unknown; b: unknown; differs?: boolean }[];
}
export interface StartRun {
  trainer: string; snapshot: string; snapshot_version?: number; params: Record<string, unknown>; seed: number;
  test_share: number; curve: boolean; register_as?: string; control?: string;
  search: null | { method: SearchMethod; budget_seconds: number; trials: number; folds: number };
}
export interface SnapshotVersion { id: number; name: string; version: number; item_count: number; created_at: string }

const runs = (name: string) => `/projects/${encodeURIComponent(name)}/runs`;

export const trainingApi = {
  trainers: async () => (await call<{ trainers: Trainer[] }>("GET", "/trainers"))!.trainers,
  snapshots: async (name: string) => (await call<{ snapshots: SnapshotVersion[] }>("GET", `/projects/${encodeURIComponent(name)}/snapshots`))!.snapshots,
  /** Queues the training on the job engine; the finished job's result is {"run_id": N}. */
  start: async (name: string, body: StartRun) => (await call<{ job_id: number }>("POST", runs(name), body))!.job_id,
  list: async (name: string, cursor: string | null, limit = 50) => {
    const qs = new URLSearchParams({ limit: String(limit) });
    if (cursor) qs.set("cursor", cursor);
    return (await call<{ items: Run[]; next_cursor: string | null }>("GET", `${runs(name)}?${qs.toString()}`))!;
  },
  get: async (name: string, id: number) => (await call<RunDetail>("GET", `${runs(name)}/${id}`))!,
  compare: async (name: string, a: number, b: number) => (await call<RunComparison>("GET", `${runs(name)}/compare?a=${a}&b=${b}`))!,
};

/** The trainer tasks a project's rules can feed: a choices control on a text/image/audio field, a labels control on text. */
export function tasksOf(project: Project): Map<string, string[]> {
  const kinds = new Map(project.schema.fields.map((f) => [f.name, f.kind]));
  const tasks = new Map<string, string[]>();
  const add = (task: string, control: string): void => { tasks.set(task, [...(tasks.get(task) ?? []), control]); };
  for (const control of project.schema.controls) {
    const kind = kinds.get(control.toName);
    if (control.type === "choices" && kind) add(`${kind}-classification`, control.name);
    if (control.type === "labels" && kind === "text") add("ner", control.name);
  }
  return tasks;
}

/** The metric a run is judged by at a glance: accuracy for classifiers, f1 for entities, else the first number. */
export function headlineMetric(metrics: Record<string, unknown>): string | null {
  for (const name of ["accuracy", "f1", "f1_macro"]) if (typeof metrics[name] === "number") return name;
  return Object.entries(metrics).find(([, v]) => typeof v === "number")?.[0] ?? null;
}

/** The run's numeric metrics, in the server's order ("items", the count scored, is not a metric). */
export function scalarMetrics(metrics: Record<string, unknown>): [string, number][] {
  return Object.entries(metrics).filter((e): e is [string, number] => typeof e[1] === "number" && e[0] !== "items");
}
