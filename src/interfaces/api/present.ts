/** Store rows → the public shapes of /api/v1 (no storage keys, no lease internals). */
import type { DatasetRow, JobRow, ModelRow } from '../../ports/store/index.ts';
import { jobHistory } from '../../ports/store/index.ts';

type Json = Record<string, unknown>;

function parse(text: string | null): Json | null {
  if (text === null || text === '') return null;
  const value = JSON.parse(text) as unknown;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : { value };
}

export function presentDataset(row: DatasetRow) {
  return {
    id: row.id,
    owner_id: row.user_id,
    name: row.name,
    format: row.format,
    size_bytes: Number(row.size_bytes),
    n_rows: Number(row.n_rows),
    n_columns: Number(row.n_columns),
    sha256: row.sha256,
    created_at: row.created_at,
  };
}

export function presentJob(row: JobRow) {
  const result = parse(row.result_json);
  if (result) delete result.output_key;
  return {
    id: row.id,
    owner_id: row.user_id,
    kind: row.kind,
    state: row.state,
    provider: row.provider,
    attempts: Number(row.attempts),
    progress: parse(row.progress_json),
    result,
    error: parse(row.error_json),
    cost_estimate: parse(row.cost_estimate_json),
    cost_usd: Number(row.cost_usd),
    history: jobHistory(row) as unknown as Json[],
    created_at: row.created_at,
    updated_at: row.updated_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
  };
}

export function presentModel(row: ModelRow) {
  const info = parse(row.info_json) ?? {};
  return {
    id: row.id,
    owner_id: row.user_id,
    name: row.name,
    version: Number(row.version),
    type: row.type,
    task: row.task,
    target: row.target,
    features: JSON.parse(row.features_json) as { name: string; kind: string }[],
    metrics: parse(row.metrics_json) ?? {},
    importance: info.importance ?? null,
    params: info.params ?? null,
    classes: info.classes ?? null,
    dataset_id: row.dataset_id,
    job_id: row.job_id,
    created_at: row.created_at,
  };
}
