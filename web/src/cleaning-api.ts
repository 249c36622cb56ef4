import { call } from "./api";

// The cleaning endpoints (/api/v1/projects/{p}/cleaning): passes, previews, duplicate clusters and the change log.

export interface CleaningOptions {
  dedupe?: boolean; near?: number; broken?: boolean; normalize?: string; pii?: "report" | "mask";
  min_image_size?: number; max_text_length?: number;
}
export interface NearCluster { items: number[]; similarity: number; kind: string; cluster?: number }
export interface NormalizeChange { item: number; field: string; before: string; after: string }
export interface CleaningReport {
  run_id: number | null; dry_run: boolean; items: number;
  exact_duplicates?: number; exact_clusters?: { items: number[] }[]; near_duplicates?: NearCluster[];
  broken?: { item: number; reason: string }[]; pii?: Record<string, number>; pii_masked?: number;
  normalized?: number; normalize_preview?: NormalizeChange[]; skipped: { item: number; reason: string }[];
  dropped?: number; changes?: number;
}
export interface CleaningRun { id: number; options: CleaningOptions; report: CleaningReport | null; created_by: string; created_at: string }
export interface ClusterItem { id: number; data: Record<string, unknown> | null; missing: boolean }
export interface Cluster { id: number; run_id: number; kind: string; similarity: number; status: string; kept_item_id: number | null; items: ClusterItem[] }
export interface CleaningChange {
  id: number; item_id: number; run_id: number | null; cluster_id: number | null; kind: string; before: string; after: string;
  detail: string | null; created_by: string; created_at: string; undone: boolean;
}

const base = (name: string) => `/projects/${encodeURIComponent(name)}/cleaning`;

export const cleaningApi = {
  preview: async (name: string, options: CleaningOptions) => (await call<CleaningReport>("POST", `${base(name)}/preview`, options))!,
  run: async (name: string, options: CleaningOptions) => (await call<CleaningReport>("POST", `${base(name)}/runs`, options))!,
  /** Queues the pass on the job engine ("clean" job); the job's result is the pass's report. */
  queue: async (name: string, options: CleaningOptions) =>
    (await call<{ job_id: number }>("POST", `${base(name)}/runs`, { ...options, background: true }))!.job_id,
  normalize: async (name: string, text: string, normalize: string) =>
    (await call<{ before: string; after: string }>("POST", `${base(name)}/normalize`, { text, normalize }))!,
  runs: async (name: string) => (await call<{ runs: CleaningRun[]; next: string | null }>("GET", `${base(name)}/runs?limit=20`))!,
  undoRun: async (name: string, run: number) => (await call<{ undone: number }>("POST", `${base(name)}/runs/${run}/undo`))!,
  clusters: async (name: string, cursor: string | null) =>
    (await call<{ clusters: Cluster[]; next: string | null }>("GET", `${base(name)}/clusters?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`))!,
  resolve: async (name: string, cluster: number, resolution: string, keep?: number) =>
    (await call<Cluster>("POST", `${base(name)}/clusters/${cluster}/resolve`, { resolution, keep }))!,
  changes: async (name: string, cursor: string | null) =>
    (await call<{ changes: CleaningChange[]; next: string | null }>("GET", `${base(name)}/changes?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`))!,
  undoChange: async (name: string, change: number) => (await call<CleaningChange>("POST", `${base(name)}/changes/${change}/undo`))!,
};
