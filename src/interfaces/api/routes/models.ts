/**
 * Models: list, show (metrics, features, importance, versions), rename (PATCH), delete (row and
 * artifact files), and synchronous predictions on JSON rows (≤ 10,000) with decoded models
 * cached in memory.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../../app.ts';
import { PredictionError } from '../../../core/errors.ts';
import { predictFrame } from '../../../engine/ml/predict.ts';
import type { ModelRow, Scope } from '../../../ports/store/index.ts';
import { ModelCache } from '../../../services/models/artifact-store.ts';
import { validateModelName } from '../../../services/training/submit.ts';
import { presentModel } from '../present.ts';
import { rowsToFrame } from '../rows-frame.ts';
import { idParams, modelSchema, modelVersionSchema, predictBodySchema, predictResponseSchema } from '../schemas.ts';

export const MAX_SYNC_ROWS = 10_000;

export const modelRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (fastify) => {
    const cache = new ModelCache(32);
    // The hot prediction path reads model rows from memory for up to 5 s (a model deleted or
    // renamed through another process keeps answering predictions that long; through the API at once).
    const rows = new Map<string, { row: ModelRow; until: number }>();
    const cachedRow = async (scope: Scope, id: string): Promise<ModelRow> => {
      const now = Date.now();
      const hit = rows.get(id);
      let row = hit && hit.until > now ? hit.row : undefined;
      if (!row) {
        row = await app.store.models.get(id, { userId: scope.userId, admin: true });
        if (rows.size > 10_000) rows.clear();
        if (row) rows.set(id, { row, until: now + 5000 });
      }
      if (!row || (!scope.admin && row.user_id !== scope.userId)) throw new PredictionError('MODEL_NOT_FOUND', `No model "${id}".`, { details: { model_id: id } });
      return row;
    };
    const load = async (scope: Scope, id: string) => {
      const row = await app.store.models.get(id, scope);
      if (!row) throw new PredictionError('MODEL_NOT_FOUND', `No model "${id}".`, { details: { model_id: id } });
      return row;
    };

    fastify.get(
      '/models',
      { schema: { tags: ['models'], summary: 'List your models, newest first (admins: everyone’s)', querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }), response: { 200: z.object({ models: z.array(modelSchema) }) } } },
      async (request) => ({ models: (await app.store.models.list(request.auth.scope, request.query.limit)).map(presentModel) }),
    );

    fastify.get(
      '/models/:id',
      { schema: { tags: ['models'], summary: 'One model: metrics, features, importance and every version of its name', params: idParams, response: { 200: z.object({ model: modelSchema, versions: z.array(modelVersionSchema) }) } } },
      async (request) => {
        const row = await load(request.auth.scope, request.params.id);
        const versions = await app.store.models.versions(row.user_id, row.name);
        return { model: presentModel(row), versions: versions.map((v) => ({ id: v.id, version: Number(v.version), created_at: v.created_at, metrics: JSON.parse(v.metrics_json) as Record<string, unknown> })) };
      },
    );

    fastify.patch(
      '/models/:id',
      { schema: { tags: ['models'], summary: 'Rename a model (it becomes the next version of the new name)', params: idParams, body: z.strictObject({ name: z.string() }), response: { 200: z.object({ model: modelSchema }) } } },
      async (request) => {
        const name = validateModelName(request.body.name);
        const before = await load(request.auth.scope, request.params.id);
        rows.delete(before.id);
        const renamed = await app.store.models.rename(before.id, name, request.auth.scope);
        if (!renamed) throw new PredictionError('MODEL_NOT_FOUND', `No model "${request.params.id}".`, { details: { model_id: request.params.id } });
        await app.store.audit.record({ userId: request.auth.user.id, interface: 'api', action: 'model.rename', objectType: 'model', objectId: before.id, details: { from: before.name, to: name } });
        return { model: presentModel(renamed) };
      },
    );

    fastify.delete('/models/:id', { schema: { tags: ['models'], summary: 'Delete a model and its files', params: idParams } }, async (request, reply) => {
      const row = await load(request.auth.scope, request.params.id);
      await app.store.models.delete(row.id, request.auth.scope);
      rows.delete(row.id);
      for (const object of await app.storage.list(row.artifact_key).catch(() => [])) await app.storage.delete(object.key).catch(() => undefined);
      await app.store.audit.record({ userId: request.auth.user.id, interface: 'api', action: 'model.delete', objectType: 'model', objectId: row.id, details: { name: row.name, version: row.version } });
      return reply.status(204).send();
    });

    fastify.post(
      '/models/:id/predict',
      {
        schema: {
          tags: ['models'],
          summary: `Synchronous predictions for up to ${MAX_SYNC_ROWS} JSON rows; extra fields are ignored, missing features answer 422`,
          params: idParams,
          body: predictBodySchema,
          response: { 200: predictResponseSchema },
        },
      },
      async (request) => {
        const { rows, proba } = request.body;
        if (rows.length > MAX_SYNC_ROWS) {
          throw new PredictionError('TOO_MANY_ROWS_FOR_SYNC', `${rows.length} rows is more than ${MAX_SYNC_ROWS} for a synchronous prediction.`, { details: { rows: rows.length, max_rows: MAX_SYNC_ROWS } });
        }
        const row = await cachedRow(request.auth.scope, request.params.id);
        const model = await cache.get(app.storage, row.artifact_key);
        const result = predictFrame(model, rowsToFrame(model.features, rows), { proba });
        return {
          model_id: row.id,
          version: Number(row.version),
          target: row.target,
          rows: rows.length,
          predictions: result.predictions,
          ...(result.classes ? { classes: [...result.classes] } : {}),
          ...(result.probabilities ? { probabilities: result.probabilities } : {}),
        };
      },
    );
  };
