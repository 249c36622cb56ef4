// The server's HTTP API (/api/v1, Label Studio shapes). The browser session is an HttpOnly cookie; every call
// carries X-Laoshi-Request, which the server requires of cookie-authenticated changes (a cross-site form cannot set it).
// A 401 sends the browser to the sign-in page, which comes back here afterwards.

export interface SchemaLabel { value: string; alias?: string; background?: string; hotkey?: string; description?: string }
export interface SchemaControl {
  name: string; type: string; toName: string; labels?: SchemaLabel[];
  multiple?: boolean; perRegion?: boolean; required?: boolean; maxRating?: number;
}
export interface SchemaField { name: string; kind: "text" | "image" | "audio"; value?: string }
export interface Schema { fields: SchemaField[]; controls: SchemaControl[]; guideline?: string }
export interface Project { id: number; name: string; schema: Schema; item_count: number | null }
export interface Stats { items: number; annotated: number; progress: number; by_status: Record<string, number>; by_label: Record<string, number> }

/** One Label Studio result entry. value holds start/end/text/x/y/… depending on the type. */
export interface Result {
  id: string; from_name: string; to_name: string; type: string;
  value: Record<string, unknown>;
  original_width?: number; original_height?: number;
}
export interface Annotation { id: number; version?: number; result: Result[]; is_current: boolean; completed_by: string }
export interface Prediction { id: number; model_version: string; score?: number; result: Result[] }
export interface Item { id: number; data: Record<string, unknown>; status: string; annotations: Annotation[]; predictions: Prediction[] }
export interface ItemSummary { id: number; data: Record<string, unknown>; status: string; annotation_count: number }

/** One problem the server found in the input, and where (problem-details `errors`). */
export interface InputProblem { message: string; file?: string | null; line?: number | null; path?: string | null; field?: string | null }

export class ApiError extends Error {
  constructor(message: string, readonly status = 0, readonly errors: InputProblem[] = []) { super(message); }
}

export interface Activity {
  by_day: { day: string; annotations: number }[];
  by_person: { user: string; annotations: number; mean_lead_time: number | null }[];
}
export interface QueuedAnnotation { id: number; item_id: number; version: number; result: Result[]; completed_by: string; created_at: string }
export interface Review {
  id: number; item_id: number; annotation_id: number; version: number; annotator: string; reviewer: string;
  action: "accept" | "reject" | "correct"; comment?: string; correction_id?: number; created_at: string; answered: boolean;
}
export interface AdjudicationEntry { item_id: number; agreement: number; answers: number; annotators: string[] }
export interface AgreedAnswer { id: number; item_id: number; result: Result[]; source: string; annotation_id?: number; completed_by?: string; set_by: string }
export interface ReviewCounts { reviewed: number; accepted: number; rejected: number; corrected: number }
export interface ReviewStats extends ReviewCounts {
  rejection_rate: number;
  annotators: (ReviewCounts & { annotator: string; rejection_rate: number })[];
  days: (ReviewCounts & { day: string })[];
}
export interface AgreementReport {
  control: string; metric: string; level: string; value: number | null; items: number; annotators: number; ratings: number;
  per_label: { label: string; value: number | null }[];
  pairs: { first: string; second: string; items: number; value: number | null }[];
}
export interface QualityReport {
  control: string | null;
  by_day: { day: string; items: number; alpha: number | null; percent: number | null }[];
  annotators: { user: string; annotations: number; items_per_hour: number | null; median_seconds: number | null; agreement_with_others: number | null }[];
}
export interface Job {
  id: number; project?: string | null; project_id?: number | null; kind: string; parameters: Record<string, unknown>; created_by: string;
  state: "queued" | "running" | "succeeded" | "failed" | "cancelled"; attempts: number; max_attempts: number; owner?: string | null;
  cancel_requested: boolean; progress: number; message?: string | null; result?: unknown; error?: string | null;
  created_at: string; started_at?: string | null; finished_at?: string | null;
}
export interface JobLogLine { id: number; attempt: number; at: string; line: string }
export interface ImportSummary { items: number; annotations?: number; predictions?: number; refused?: number; errors?: InputProblem[] }

/** Reads a failed response: problem details (detail, errors) when the server sent them, else the status line. */
export function problemOf(status: number, statusText: string, text: string): ApiError {
  let message = `${status} ${statusText}`;
  let errors: InputProblem[] = [];
  try {
    const problem = JSON.parse(text) as { detail?: string; title?: string; message?: string; errors?: unknown };
    message = problem.detail ?? problem.message ?? problem.title ?? message;
    if (Array.isArray(problem.errors)) errors = problem.errors as InputProblem[];
  } catch { /* not JSON: keep the status line */ }
  return new ApiError(message, status, errors);
}

export interface MyProject { id: number; name: string; role: Role }
export type Role = "owner" | "manager" | "reviewer" | "annotator";
export interface Me { id: number; email: string; display_name: string; is_admin: boolean; projects: MyProject[] }
export interface Member { user_id: number; email: string; display_name: string; role: Role; since: string }
export type ModelStage = "candidate" | "production" | "archived";
export interface ModelVersion {
  id: number; name: string; version: number; reference: string; kind: string; stage: ModelStage;
  thresholds: Record<string, number>; url?: string | null; has_file: boolean; created_at: string;
}

export const csrfHeader = "X-Laoshi-Request";
let signedIn: Me | null = null;

/** The signed-in person's email (who annotations are by), once /me has been read. */
export function user(): string {
  return signedIn?.email ?? "";
}

/** Remembers who is signed in (main reads /me on every page). */
export function rememberMe(me: Me | null): void {
  signedIn = me;
}

/** Sends the browser to the sign-in page, to come back to where it was. */
export function toSignIn(): void {
  if (location.hash.startsWith("#/sign-in")) return;
  const back = location.hash || "#/";
  location.hash = `#/sign-in?next=${encodeURIComponent(back)}`;
}

/** One API request as the signed-in person (with the CSRF header); problem details become an ApiError. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T | null> {
  const headers: Record<string, string> = { [csrfHeader]: "1", Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  if (response.status === 204) return null;
  const text = await response.text();
  // A refused sign-in is answered in place; any other 401 means the session is over.
  if (response.status === 401 && path !== "/session") toSignIn();
  if (!response.ok) throw problemOf(response.status, response.statusText, text);
  return text ? (JSON.parse(text) as T) : null;
}

const p = (name: string) => `/projects/${encodeURIComponent(name)}`;

export const api = {
  projects: async () => (await call<{ projects: Project[] }>("GET", "/projects?limit=200"))?.projects ?? [],
  /** The project and its rules, without counting its items (a scan at a million items); item_count is null. */
  project: async (name: string) => (await call<Project>("GET", `${p(name)}?count_items=false`))!,
  stats: async (name: string) => (await call<Stats>("GET", `${p(name)}/stats`))!,
  items: async (name: string, query: Record<string, string>) => {
    const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== "")).toString();
    return (await call<{ items: ItemSummary[]; next: string | null }>("GET", `${p(name)}/items?${qs}`))!;
  },
  item: async (name: string, id: number) => (await call<Item>("GET", `${p(name)}/items/${id}`))!,
  next: (name: string) => call<Item>("POST", `${p(name)}/next`),
  /** Leases the copy after `current` ahead of time (the caller still holds `current`); null when there is none to take ahead. */
  nextAfter: (name: string, current: number) => call<Item>("POST", `${p(name)}/next?after=${current}`),
  createProject: async (name: string, schema: string | object) => (await call<Project>("POST", "/projects", { name, schema }))!,
  updateSchema: async (name: string, schema: string | object) => (await call<Project>("PUT", `${p(name)}/schema`, { schema }))!,
  activity: async (name: string) => (await call<Activity>("GET", `${p(name)}/stats/activity`))!,
  reviewQueue: async (name: string, query: Record<string, string>) => {
    const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== "")).toString();
    return (await call<{ annotations: QueuedAnnotation[]; next: string | null }>("GET", `${p(name)}/review/queue?${qs}`))!;
  },
  review: (name: string, annotation: number, body: { action: string; comment?: string; result?: Result[] }) =>
    call<Review>("POST", `${p(name)}/annotations/${annotation}/review`, body),
  myReviews: async (name: string, cursor: string | null) =>
    (await call<{ reviews: Review[]; next: string | null }>("GET", `${p(name)}/my/reviews${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`))!,
  itemReviews: async (name: string, id: number) => (await call<{ reviews: Review[] }>("GET", `${p(name)}/items/${id}/reviews`))!.reviews,
  adjudication: async (name: string, cursor: string | null) =>
    (await call<{ items: AdjudicationEntry[]; next: string | null; agreement_threshold: number }>("GET", `${p(name)}/adjudication${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`))!,
  setAgreed: (name: string, id: number, body: { result?: Result[]; annotation_id?: number }) => call<AgreedAnswer>("POST", `${p(name)}/items/${id}/agreed`, body),
  reviewStats: async (name: string) => (await call<ReviewStats>("GET", `${p(name)}/review/stats`))!,
  setReviewSettings: (name: string, threshold: number) => call<{ agreement_threshold: number }>("PUT", `${p(name)}/review/settings`, { agreement_threshold: threshold }),
  me: async () => (await call<Me>("GET", "/me"))!,
  signIn: async (email: string, password: string) => { await call<unknown>("POST", "/session", { email, password }); },
  signOut: async () => { await call<unknown>("DELETE", "/session"); rememberMe(null); },
  members: async (name: string) => (await call<{ members: Member[] }>("GET", `${p(name)}/members`))?.members ?? [],
  setMember: async (name: string, email: string, role: Role) => (await call<Member>("POST", `${p(name)}/members`, { email, role }))!,
  removeMember: async (name: string, email: string) => { await call<unknown>("DELETE", `${p(name)}/members/${encodeURIComponent(email)}`); },
  agreement: async (name: string) => (await call<AgreementReport>("GET", `${p(name)}/agreement`))!,
  quality: async (name: string) => (await call<QualityReport>("GET", `${p(name)}/quality`))!,
  jobs: async (state: string, cursor: string | null) =>
    (await call<{ jobs: Job[]; next: string | null }>("GET", `/jobs?${new URLSearchParams(Object.entries({ state, cursor: cursor ?? "" }).filter(([, v]) => v !== "")).toString()}`))!,
  projectJobs: async (name: string, state: string, cursor: string | null) =>
    (await call<{ jobs: Job[]; next: string | null }>("GET", `${p(name)}/jobs?${new URLSearchParams(Object.entries({ state, cursor: cursor ?? "" }).filter(([, v]) => v !== "")).toString()}`))!,
  job: async (id: number) => (await call<Job>("GET", `/jobs/${id}`))!,
  jobLog: async (id: number, cursor: string | null) =>
    (await call<{ job_id: number; state: string; lines: JobLogLine[]; next: string | null }>("GET", `/jobs/${id}/log${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`))!,
  cancelJob: async (id: number) => (await call<Job>("POST", `/jobs/${id}/cancel`))!,
  retryJob: async (id: number) => (await call<Job>("POST", `/jobs/${id}/retry`))!,
  queueJob: async (name: string, kind: string, parameters: Record<string, unknown>) => (await call<Job>("POST", `${p(name)}/jobs`, { kind, parameters }))!,
  submit: (name: string, id: number, result: Result[], leadTime: number) =>
    call<{ id: number; version: number }>("POST", `${p(name)}/items/${id}/annotations`, { result, lead_time: leadTime }),
  models: async (name: string) => (await call<{ models: ModelVersion[] }>("GET", `${p(name)}/models`))?.models ?? [],
  setModelStage: (name: string, model: string, version: number, stage: ModelStage) =>
    call<ModelVersion>("PUT", `${p(name)}/models/${encodeURIComponent(model)}/versions/${version}/stage`, { stage }),
  setModelThresholds: (name: string, model: string, version: number, thresholds: Record<string, number>) =>
    call<ModelVersion>("PUT", `${p(name)}/models/${encodeURIComponent(model)}/versions/${version}/thresholds`, { thresholds }),
};

/** Sends one file as an import body, reporting upload progress (fetch cannot). */
export function uploadImport(name: string, file: Blob, format: string, filename: string, skipBad: boolean, onProgress: (loaded: number, total: number) => void): Promise<ImportSummary> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const qs = new URLSearchParams({ filename });
    if (format) qs.set("format", format);
    if (skipBad) qs.set("skip_bad", "true");
    xhr.open("POST", `/api/v1${p(name)}/import?${qs.toString()}`);
    xhr.setRequestHeader(csrfHeader, "1");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.upload.addEventListener("progress", (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size));
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try { resolve(JSON.parse(xhr.responseText) as ImportSummary); } catch { resolve({ items: 0 }); }
      } else {
        if (xhr.status === 401) toSignIn();
        reject(problemOf(xhr.status, xhr.statusText, xhr.responseText));
      }
    });
    xhr.addEventListener("error", () => reject(new ApiError("network error")));
    xhr.send(file);
  });
}

/** The URL of an image or audio value: a blob hash, a server path or a full URL. */
export function mediaUrl(value: unknown): string {
  const text = String(value ?? "");
  if (/^[0-9a-f]{32,128}$/i.test(text)) return `/api/v1/blobs/${text}`;
  return text;
}

export function fieldValue(field: SchemaField, data: Record<string, unknown>): unknown {
  const key = (field.value ?? field.name).replace(/^\$/, "");
  return data[key] ?? data[field.name];
}
