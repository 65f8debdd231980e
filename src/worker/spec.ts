/**
 * The job spec a worker executes (spec.json in the job's storage folder). Validated on read:
 * a worker never trusts what it finds in storage.
 */
import { z } from 'zod';

const limits = z.object({ max_file_mb: z.number().positive(), max_rows: z.number().int().positive(), max_columns: z.number().int().positive() });
const datasetRef = z.object({ id: z.string().min(1), key: z.string().min(1), file_name: z.string().min(1) });

export const trainSpecSchema = z.object({
  kind: z.literal('train'),
  job_id: z.string().min(1),
  user_id: z.string().min(1),
  dataset: datasetRef,
  target: z.string().min(1),
  model_type: z.string().min(1),
  task: z.enum(['regression', 'classification']).optional(),
  params: z.record(z.string(), z.unknown()).default({}),
  features: z.array(z.string()).optional(),
  test_size: z.number().min(0).max(0.9).default(0.2),
  seed: z.number().int().default(42),
  model_id: z.string().min(1),
  model_name: z.string().min(3).max(100),
  limits,
  timeout_s: z.number().positive().default(6 * 3600),
  budget_usd: z.number().nonnegative().optional(),
});

export const batchPredictSpecSchema = z.object({
  kind: z.literal('batch_predict'),
  job_id: z.string().min(1),
  user_id: z.string().min(1),
  dataset: datasetRef,
  model: z.object({ id: z.string().min(1), artifact_prefix: z.string().min(1) }),
  proba: z.boolean().default(false),
  output: z.object({ key: z.string().min(1), format: z.enum(['csv', 'parquet']) }),
  limits,
  timeout_s: z.number().positive().default(3600),
  budget_usd: z.number().nonnegative().optional(),
});

export const jobSpecSchema = z.discriminatedUnion('kind', [trainSpecSchema, batchPredictSpecSchema]);

export type TrainSpec = z.infer<typeof trainSpecSchema>;
export type BatchPredictSpec = z.infer<typeof batchPredictSpecSchema>;
export type JobSpec = z.infer<typeof jobSpecSchema>;

/** What a worker writes to result.json, last. */
export interface JobResultFile {
  readonly status: 'succeeded' | 'failed';
  readonly job_id: string;
  readonly finished_at: string;
  readonly duration_ms: number;
  readonly output?: Record<string, unknown>;
  readonly error?: Record<string, unknown>;
}

/** One line of the worker's event stream (events/<seq>.json). */
export interface WorkerEvent {
  readonly seq: number;
  readonly type: 'progress' | 'metric' | 'log' | 'heartbeat' | 'state';
  readonly at: string;
  readonly payload: Record<string, unknown>;
}
