/**
 * POST /training: an asynchronous training job (202 with the job and its cost estimate). The
 * Idempotency-Key header returns the same job for a repeated request; `?dry_run=true` only
 * validates and estimates (200, nothing is created). A callback_url is called when the job ends.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../../app.ts';
import { StorageError, TrainingError } from '../../../core/errors.ts';
import type { DatasetSchema } from '../../../engine/data/dataset-schema.ts';
import { getModelEntry, resolveModelParams } from '../../../engine/ml/registry.ts';
import type { CostRange } from '../../../ports/compute/port.ts';
import type { User } from '../../../ports/store/index.ts';
import { hourlyPrice } from '../../../services/costs/catalog.ts';
import { costRange, estimateTrainingSeconds } from '../../../services/costs/estimate.ts';
import { submitTraining, type TrainRequest } from '../../../services/training/submit.ts';
import { newWebhookSecret } from '../../../services/webhooks/signature.ts';
import type { WebhookWatcher } from '../../../services/webhooks/watcher.ts';
import { presentJob } from '../present.ts';
import { costRangeSchema, idempotencyHeaders, submittedJobSchema, trainBodySchema, type TrainBody } from '../schemas.ts';

function toTrainRequest(body: TrainBody): TrainRequest {
  return {
    datasetId: body.dataset_id,
    target: body.target,
    modelType: body.model_type,
    task: body.task,
    params: body.params,
    features: body.features,
    testSize: body.test_size,
    seed: body.seed,
    name: body.name,
    provider: body.provider,
    budgetUsd: body.budget_usd,
    timeoutS: body.timeout_s,
  };
}

/** The estimate alone, after the checks that do not need a job (dataset, target, model, params). */
async function estimateOnly(app: App, user: User, request: TrainRequest): Promise<CostRange> {
  const dataset = await app.store.datasets.get(request.datasetId, { userId: user.id });
  if (!dataset) throw new StorageError('OBJECT_NOT_FOUND', `No dataset "${request.datasetId}".`, { details: { dataset_id: request.datasetId } });
  const columns = (JSON.parse(dataset.schema_json) as DatasetSchema).columns.map((c) => c.name);
  if (!columns.includes(request.target)) throw new TrainingError('INVALID_TARGET', `There is no column "${request.target}" in ${dataset.name}.`, { details: { target: request.target, columns } });
  getModelEntry(request.modelType);
  const params = resolveModelParams(request.modelType, request.params);
  const price = hourlyPrice(request.provider ?? 'local', undefined, { localRate: app.config.workers.local_rate_usd_per_hour, region: app.config.providers.aws.region });
  const timeBudget = typeof params.time_budget_s === 'number' ? params.time_budget_s : undefined;
  return costRange(price, estimateTrainingSeconds(Number(dataset.n_rows), Number(dataset.n_columns), request.modelType, timeBudget));
}

export const trainingRoutes =
  (app: App, webhooks: WebhookWatcher): FastifyPluginAsyncZod =>
  async (fastify) => {
    fastify.post(
      '/training',
      {
        schema: {
          tags: ['training'],
          summary: 'Start a training job (202); Idempotency-Key honoured; ?dry_run=true returns only the estimate',
          body: trainBodySchema,
          headers: idempotencyHeaders,
          querystring: z.object({ dry_run: z.enum(['true', 'false', '1', '0']).optional() }),
          response: { 200: z.union([submittedJobSchema, z.object({ dry_run: z.literal(true), estimate: costRangeSchema })]), 202: submittedJobSchema },
        },
      },
      async (request, reply) => {
        const user = request.auth.user;
        const trainRequest = toTrainRequest(request.body);
        if (request.query.dry_run === 'true' || request.query.dry_run === '1') {
          return reply.status(200).send({ dry_run: true as const, estimate: await estimateOnly(app, user, trainRequest) });
        }
        const { job, estimate, created } = await submitTraining(app, user, trainRequest, { idempotencyKey: request.headers['idempotency-key'], via: 'api' });
        let callbackSecret: string | undefined;
        if (created && request.body.callback_url) {
          callbackSecret = request.body.callback_secret ?? newWebhookSecret();
          await webhooks.register(job, request.body.callback_url, callbackSecret);
        }
        const body = { job: presentJob(job), estimate, created, ...(callbackSecret && !request.body.callback_secret ? { callback_secret: callbackSecret } : {}) };
        return reply.status(created ? 202 : 200).send(body);
      },
    );
  };
