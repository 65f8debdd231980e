/**
 * Table types, declared once (Kysely style). Timestamps are ISO-8601 UTC strings and JSON
 * columns are text on both engines, so SQLite and PostgreSQL return identical rows.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface UsersTable {
  id: string;
  name: string;
  role: 'admin' | 'user' | 'viewer';
  telegram_id: string | null;
  created_at: string;
  disabled_at: string | null;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  /** SHA-256 hex of the key; the key itself is shown once and never stored. */
  key_hash: string;
  /** First characters of the key, to tell keys apart in listings. */
  prefix: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface DatasetsTable {
  id: string;
  user_id: string;
  name: string;
  storage_key: string;
  format: string;
  size_bytes: number;
  n_rows: number;
  n_columns: number;
  /** JSON: inferred schema */
  schema_json: string;
  sha256: string;
  created_at: string;
}

export interface ModelsTable {
  id: string;
  user_id: string;
  name: string;
  version: number;
  type: string;
  task: 'regression' | 'classification';
  target: string;
  /** JSON: [{name, kind}] */
  features_json: string;
  /** JSON: metrics on the test split */
  metrics_json: string;
  /** JSON: anything else worth listing (leaderboard, importance, params) */
  info_json: string;
  artifact_key: string;
  dataset_id: string | null;
  job_id: string | null;
  created_at: string;
}

export type JobKind = 'train' | 'predict' | 'batch_predict' | 'forecast';
export type JobState =
  | 'queued'
  | 'provisioning'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'timed_out'
  | 'interrupted'
  | 'resuming'
  | 'dead_letter';

export interface JobsTable {
  id: string;
  user_id: string;
  kind: JobKind;
  state: JobState;
  provider: string | null;
  /** JSON: the job spec (inputs, model, params, budget) */
  spec_json: string;
  /** JSON or null: what the job produced */
  result_json: string | null;
  /** JSON or null: the error object of the last failure */
  error_json: string | null;
  /** JSON: [{from, to, at, reason, actor}] */
  history_json: string;
  idempotency_key: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  attempts: number;
  max_attempts: number;
  priority: number;
  /** Not before this time (retry backoff). */
  run_after: string | null;
  progress_json: string | null;
  cost_estimate_json: string | null;
  cost_usd: number;
  checkpoint_key: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface JobEventsTable {
  job_id: string;
  seq: number;
  type: 'progress' | 'metric' | 'log' | 'state' | 'heartbeat' | 'cost';
  payload_json: string;
  at: string;
}

export interface WorkflowStatesTable {
  id: string;
  user_id: string;
  kind: string;
  /** Where the conversation lives, e.g. `telegram:<chat id>`; one live workflow per key. */
  conversation_key: string;
  state: string;
  state_data: string;
  history_json: string;
  expires_at: string;
  created_at: string;
  updated_at: string;
}

export interface CostLedgerTable {
  id: string;
  user_id: string;
  job_id: string | null;
  provider: string;
  resource: string;
  quantity: number;
  unit: string;
  unit_price_usd: number;
  amount_usd: number;
  /** estimate | meter | final */
  entry_kind: 'estimate' | 'meter' | 'final';
  month: string;
  at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string | null;
  interface: 'cli' | 'api' | 'bot' | 'web' | 'worker' | 'system';
  action: string;
  object_type: string;
  object_id: string | null;
  details_json: string;
}

export interface KeyValueTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface Database {
  users: UsersTable;
  api_keys: ApiKeysTable;
  datasets: DatasetsTable;
  models: ModelsTable;
  jobs: JobsTable;
  job_events: JobEventsTable;
  workflow_states: WorkflowStatesTable;
  cost_ledger: CostLedgerTable;
  audit_log: AuditLogTable;
}

export type User = Selectable<UsersTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type DatasetRow = Selectable<DatasetsTable>;
export type ModelRow = Selectable<ModelsTable>;
export type JobRow = Selectable<JobsTable>;
export type JobEventRow = Selectable<JobEventsTable>;
export type WorkflowRow = Selectable<WorkflowStatesTable>;
export type CostRow = Selectable<CostLedgerTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NewJob = Insertable<JobsTable>;
export type JobUpdate = Updateable<JobsTable>;
export type { Generated };
