/**
 * Starts a training job: validates the request against the dataset and the model registry
 * (target exists, model known, params valid, task supported), estimates the cost, checks the
 * budget, writes spec.json where the worker will read it, and queues the job. The same
 * idempotency key returns the same job.
 */
import type { App } from '../../app.ts';
import type { ProviderName } from '../../core/config/index.ts';
import { ValidationError, TrainingError, StorageError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { DatasetSchema } from '../../engine/data/dataset-schema.ts';
import { getModelEntry, resolveModelParams } from '../../engine/ml/registry.ts';
import type { AuditLogTable, User } from '../../ports/store/index.ts';
import type { TrainSpec } from '../../worker/spec.ts';
import { assertWithinBudget, budgetLimits } from '../costs/budget.ts';
import { hourlyPrice } from '../costs/catalog.ts';
import { costRange, estimateTrainingSeconds } from '../costs/estimate.ts';
import { enqueueJob, type EnqueueResult } from '../jobs/enqueue.ts';

export interface TrainRequest {
  readonly datasetId: string;
  readonly target: string;
  readonly modelType: string;
  readonly task?: 'regression' | 'classification';
  readonly params?: Record<string, unknown>;
  readonly features?: readonly string[];
  readonly testSize?: number;
  readonly seed?: number;
  readonly name?: string;
  readonly provider?: ProviderName;
  readonly budgetUsd?: number;
  readonly timeoutS?: number;
}

export type SubmitResult = EnqueueResult;

const TYPE_LABELS: Record<string, string> = {
  linear: 'Linear',
  ridge: 'Ridge',
  lasso: 'Lasso',
  elasticnet: 'ElasticNet',
  polynomial: 'Polynomial',
  logistic: 'Logistic',
  decision_tree: 'Decision tree',
  random_forest: 'Random forest',
  gradient_boosting: 'Gradient boosting',
  mlp: 'MLP',
  naive_bayes: 'Naive Bayes',
  knn: 'kNN',
  svm: 'SVM',
  auto: 'Auto',
};

/** "<Type> · <target> · <date>", the name a model gets when the user gives none. */
export function defaultModelName(modelType: string, target: string, date = new Date()): string {
  const name = `${TYPE_LABELS[modelType] ?? modelType} · ${target} · ${date.toISOString().slice(0, 10)}`;
  return name.length > 100 ? name.slice(0, 100) : name;
}

export function validateModelName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 3 || trimmed.length > 100) {
    throw new ValidationError('INVALID_NAME', `A model name must be 3–100 characters (got ${trimmed.length}).`, { details: { name } });
  }
  return trimmed;
}

export async function submitTraining(
  app: App,
  user: User,
  request: TrainRequest,
  options: { idempotencyKey?: string; via: AuditLogTable['interface'] },
): Promise<SubmitResult> {
  const dataset = await app.store.datasets.get(request.datasetId, { userId: user.id });
  if (!dataset) throw new StorageError('OBJECT_NOT_FOUND', `No dataset "${request.datasetId}".`, { details: { dataset_id: request.datasetId } });
  const schema = JSON.parse(dataset.schema_json) as DatasetSchema;
  const columns = schema.columns.map((c) => c.name);
  if (!columns.includes(request.target)) {
    throw new TrainingError('INVALID_TARGET', `There is no column "${request.target}" in ${dataset.name}.`, {
      details: { target: request.target, columns },
      recovery: `Choose one of: ${columns.join(', ')}.`,
    });
  }
  const unknownFeatures = (request.features ?? []).filter((f) => !columns.includes(f));
  if (unknownFeatures.length > 0) {
    throw new TrainingError('UNKNOWN_COLUMN', `Feature column(s) not in ${dataset.name}: ${unknownFeatures.join(', ')}.`, { details: { missing: unknownFeatures, columns } });
  }
  const entry = getModelEntry(request.modelType);
  const params = resolveModelParams(request.modelType, request.params);
  if (request.task && !entry.tasks.includes(request.task)) {
    throw new TrainingError('TASK_MISMATCH', `The ${request.modelType} model does not support ${request.task}.`, { details: { supported_tasks: entry.tasks } });
  }
  if (request.testSize !== undefined && !(request.testSize >= 0 && request.testSize <= 0.9)) {
    throw new ValidationError('VALIDATION_FAILED', `--test-size must be between 0 and 0.9 (got ${request.testSize}).`, { details: { test_size: request.testSize } });
  }
  const name = validateModelName(request.name ?? defaultModelName(request.modelType, request.target));

  const provider: ProviderName = request.provider ?? 'local';
  const price = hourlyPrice(provider, undefined, { localRate: app.config.workers.local_rate_usd_per_hour, region: app.config.providers.aws.region });
  const timeBudget = typeof params.time_budget_s === 'number' ? params.time_budget_s : undefined;
  const estimate = costRange(price, estimateTrainingSeconds(dataset.n_rows, dataset.n_columns, request.modelType, timeBudget));
  const limits = await budgetLimits(app.config, app.store, user.id, request.budgetUsd);
  assertWithinBudget(estimate, limits);

  const jobId = newId('job');
  const spec: TrainSpec = {
    kind: 'train',
    job_id: jobId,
    user_id: user.id,
    dataset: { id: dataset.id, key: dataset.storage_key, file_name: dataset.storage_key.split('/').pop() ?? dataset.name },
    target: request.target,
    model_type: request.modelType,
    task: request.task,
    params,
    features: request.features ? [...request.features] : undefined,
    test_size: request.testSize ?? 0.2,
    seed: request.seed ?? 42,
    model_id: newId('mdl'),
    model_name: name,
    limits: app.config.limits,
    timeout_s: request.timeoutS ?? 6 * 3600,
    budget_usd: request.budgetUsd ?? app.config.budgets.per_job_usd,
  };
  return enqueueJob(app, user, {
    spec,
    kind: 'train',
    provider,
    estimate,
    idempotencyKey: options.idempotencyKey,
    via: options.via,
    audit: { model_type: request.modelType, dataset_id: dataset.id },
  });
}
