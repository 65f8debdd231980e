/** Batch predictions: POST /prediction queues a batch_predict job; GET /results/{jobId} downloads its output. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../../app.ts';
import { batchPredictRequestSchema, readBatchOutput, submitBatchPrediction } from '../../../services/prediction/submit-batch.ts';
import { newWebhookSecret } from '../../../services/webhooks/signature.ts';
import type { WebhookWatcher } from '../../../services/webhooks/watcher.ts';
import { presentJob } from '../present.ts';
import { idempotencyHeaders, submittedJobSchema } from '../schemas.ts';

const batchBodySchema = batchPredictRequestSchema.extend({
  callback_url: z.url({ protocol: /^https?$/ }).optional(),
  callback_secret: z.string().min(16).max(200).optional(),
});

export const predictionRoutes =
  (app: App, webhooks: WebhookWatcher): FastifyPluginAsyncZod =>
  async (fastify) => {
    fastify.post(
      '/prediction',
      {
        schema: {
          tags: ['prediction'],
          summary: 'Start a batch prediction of a model on a dataset (202); download with GET /results/{job id}',
          body: batchBodySchema,
          headers: idempotencyHeaders,
          response: { 200: submittedJobSchema, 202: submittedJobSchema },
        },
      },
      async (request, reply) => {
        const { callback_url, callback_secret, ...batch } = request.body;
        const { job, estimate, created } = await submitBatchPrediction(app, request.auth.user, batch, { idempotencyKey: request.headers['idempotency-key'], via: 'api' });
        let secret: string | undefined;
        if (created && callback_url) {
          secret = callback_secret ?? newWebhookSecret();
          await webhooks.register(job, callback_url, secret);
        }
        return reply.status(created ? 202 : 200).send({ job: presentJob(job), estimate, created, ...(secret && !callback_secret ? { callback_secret: secret } : {}) });
      },
    );

    fastify.get(
      '/results/:id',
      {
        schema: {
          tags: ['prediction'],
          summary: 'Download the output of a succeeded batch prediction as CSV (default: the format asked for) or Parquet',
          params: z.object({ id: z.string().min(1).max(120) }),
          querystring: z.object({ format: z.enum(['csv', 'parquet']).optional() }),
          produces: ['text/csv', 'application/vnd.apache.parquet'],
        },
      },
      async (request, reply) => {
        const output = await readBatchOutput(app, request.auth.scope, request.params.id, request.query.format);
        return reply
          .type(output.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.apache.parquet')
          .header('content-disposition', `attachment; filename="${output.fileName}"`)
          .send(output.bytes);
      },
    );
  };
