/**
 * zod schemas of the /api/v1 bodies, shared by validation, serialization (response schemas stop
 * fields leaking) and the OpenAPI document.
 */
import { z } from 'zod';

const json = z.record(z.string(), z.unknown());

export const idParams = z.object({ id: z.string().min(1).max(120) });

export const costRangeSchema = z.object({ low_usd: z.number(), high_usd: z.number(), currency: z.string(), basis: z.string(), priced_at: z.string().optional() });

export const datasetSchema = z.object({
  id: z.string(),
  owner_id: z.string(),
  name: z.string(),
  format: z.string(),
  size_bytes: z.number(),
  n_rows: z.number(),
  n_columns: z.number(),
  sha256: z.string(),
  created_at: z.string(),
});

export const jobSchema = z.object({
  id: z.string(),
  owner_id: z.string(),
  kind: z.string(),
  state: z.string(),
  provider: z.string().nullable(),
  attempts: z.number(),
  progress: json.nullable(),
  result: json.nullable(),
  error: json.nullable(),
  cost_estimate: json.nullable(),
  cost_usd: z.number(),
  history: z.array(json),
  created_at: z.string(),
  updated_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});

export const modelSchema = z.object({
  id: z.string(),
  owner_id: z.string(),
  name: z.string(),
  version: z.number(),
  type: z.string(),
  task: z.string(),
  target: z.string(),
  features: z.array(z.object({ name: z.string(), kind: z.string() })),
  metrics: json,
  importance: z.unknown(),
  params: z.unknown(),
  classes: z.unknown(),
  dataset_id: z.string().nullable(),
  job_id: z.string().nullable(),
  created_at: z.string(),
});

export const modelVersionSchema = z.object({ id: z.string(), version: z.number(), created_at: z.string(), metrics: json });

export const trainBodySchema = z.strictObject({
  dataset_id: z.string().min(1),
  target: z.string().min(1),
  model_type: z.string().min(1).default('gradient_boosting'),
  task: z.enum(['regression', 'classification']).optional(),
  params: json.optional(),
  features: z.array(z.string().min(1)).max(2000).optional(),
  test_size: z.number().min(0).max(0.9).optional(),
  seed: z.number().int().optional(),
  name: z.string().min(3).max(100).optional(),
  provider: z.enum(['runpod', 'runpod-serverless', 'aws-ec2-spot', 'aws-ec2', 'aws-lambda', 'yandex-functions', 'local']).optional(),
  budget_usd: z.number().nonnegative().optional(),
  timeout_s: z.number().positive().max(7 * 24 * 3600).optional(),
  callback_url: z.url({ protocol: /^https?$/ }).optional(),
  callback_secret: z.string().min(16).max(200).optional(),
});
export type TrainBody = z.infer<typeof trainBodySchema>;

export const submittedJobSchema = z.object({
  job: jobSchema,
  estimate: costRangeSchema,
  created: z.boolean(),
  callback_secret: z.string().optional(),
});

export const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const predictBodySchema = z.strictObject({
  rows: z.array(z.record(z.string(), cellSchema)).min(1),
  proba: z.boolean().default(false),
});

export const predictResponseSchema = z.object({
  model_id: z.string(),
  version: z.number(),
  target: z.string(),
  rows: z.number(),
  predictions: z.array(z.union([z.number(), z.string()])),
  classes: z.array(z.string()).optional(),
  probabilities: z.array(z.array(z.number())).optional(),
});

export const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).loose();
