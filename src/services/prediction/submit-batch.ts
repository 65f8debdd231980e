/**
 * Starts an asynchronous batch prediction: a model and a dataset of the same user → a
 * `batch_predict` job whose spec (written first, at jobKeys.spec) tells the worker where to
 * write the output (users/<u>/results/<job>/predictions.<csv|parquet>). The same idempotency
 * key returns the same job. Also reads a finished job's output, converted on request.
 */
import pl from 'nodejs-polars';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { PredictionError, StateError, StorageError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { AuditLogTable, Scope, User } from '../../ports/store/index.ts';
import { resultKey } from '../../worker/job-files.ts';
import { batchPredictSpecSchema, type BatchPredictSpec } from '../../worker/spec.ts';
import { assertWithinBudget, budgetLimits } from '../costs/budget.ts';
import { hourlyPrice } from '../costs/catalog.ts';
import { costRange } from '../costs/estimate.ts';
import { enqueueJob, type EnqueueResult } from '../jobs/enqueue.ts';

export const batchPredictRequestSchema = z.strictObject({
  model_id: z.string().min(1),
  dataset_id: z.string().min(1),
  format: z.enum(['csv', 'parquet']).default('csv'),
  proba: z.boolean().default(false),
  budget_usd: z.number().nonnegative().optional(),
  timeout_s: z.number().positive().max(24 * 3600).optional(),
});
export type BatchPredictRequest = z.infer<typeof batchPredictRequestSchema>;

export type BatchSubmitResult = EnqueueResult;

export async function submitBatchPrediction(
  app: App,
  user: User,
  request: BatchPredictRequest,
  options: { idempotencyKey?: string; via: AuditLogTable['interface'] },
): Promise<BatchSubmitResult> {
  const scope = { userId: user.id };
  const model = await app.store.models.get(request.model_id, scope);
  if (!model) throw new PredictionError('MODEL_NOT_FOUND', `No model "${request.model_id}".`, { details: { model_id: request.model_id } });
  const dataset = await app.store.datasets.get(request.dataset_id, scope);
  if (!dataset) throw new StorageError('OBJECT_NOT_FOUND', `No dataset "${request.dataset_id}".`, { details: { dataset_id: request.dataset_id } });
  if (request.proba && model.task !== 'classification') {
    throw new PredictionError('PROBA_NOT_SUPPORTED', `The ${model.type} ${model.task} model gives no probabilities.`, { details: { model_id: model.id, task: model.task } });
  }
  const price = hourlyPrice('local', undefined, { localRate: app.config.workers.local_rate_usd_per_hour, region: app.config.providers.aws.region });
  const seconds = 2 + (Number(dataset.n_rows) * Math.max(1, Number(dataset.n_columns))) / 5e6;
  const estimate = costRange(price, { low_s: seconds * 0.5, high_s: seconds * 3 });
  assertWithinBudget(estimate, await budgetLimits(app.config, app.store, user.id, request.budget_usd));

  const jobId = newId('job');
  const spec: BatchPredictSpec = batchPredictSpecSchema.parse({
    kind: 'batch_predict',
    job_id: jobId,
    user_id: user.id,
    dataset: { id: dataset.id, key: dataset.storage_key, file_name: dataset.storage_key.split('/').pop() ?? dataset.name },
    model: { id: model.id, artifact_prefix: model.artifact_key },
    proba: request.proba,
    output: { key: resultKey(user.id, jobId, `predictions.${request.format}`), format: request.format },
    limits: app.config.limits,
    timeout_s: request.timeout_s ?? 3600,
    budget_usd: request.budget_usd ?? app.config.budgets.per_job_usd,
  });
  return enqueueJob(app, user, {
    spec,
    kind: 'batch_predict',
    provider: 'local',
    estimate,
    idempotencyKey: options.idempotencyKey,
    via: options.via,
    audit: { model_id: model.id, dataset_id: dataset.id },
  });
}

export interface BatchOutput {
  readonly bytes: Buffer;
  readonly format: 'csv' | 'parquet';
  readonly fileName: string;
}

/** The output of a succeeded batch prediction job, in the requested format (converted if needed). */
export async function readBatchOutput(app: App, scope: Scope, jobId: string, format?: 'csv' | 'parquet'): Promise<BatchOutput> {
  const job = await app.store.jobs.get(jobId, scope);
  if (!job) throw new StateError('JOB_NOT_FOUND', `No job "${jobId}".`, { details: { job_id: jobId } });
  if (job.kind !== 'batch_predict') throw new StateError('JOB_NOT_FOUND', `Job ${jobId} is a ${job.kind} job; it has no downloadable result.`, { details: { job_id: jobId, kind: job.kind } });
  if (job.state !== 'succeeded') {
    throw new StateError('INVALID_TRANSITION', `Job ${jobId} is ${job.state}; its result is available once it has succeeded.`, { details: { job_id: jobId, state: job.state } });
  }
  const spec = batchPredictSpecSchema.parse(JSON.parse(job.spec_json));
  const stored = await app.storage.getBytes(spec.output.key);
  const wanted = format ?? spec.output.format;
  const fileName = `${jobId}.${wanted}`;
  if (wanted === spec.output.format) return { bytes: stored, format: wanted, fileName };
  const frame = spec.output.format === 'csv' ? pl.readCSV(stored) : pl.readParquet(stored);
  const bytes = (wanted === 'csv' ? frame.writeCSV() : frame.writeParquet()) as Buffer;
  return { bytes, format: wanted, fileName };
}
