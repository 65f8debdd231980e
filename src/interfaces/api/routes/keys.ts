/** API keys of the caller: create (the key is shown once), list, revoke. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../../app.ts';
import { ValidationError } from '../../../core/errors.ts';
import type { KeyAuthenticator } from '../../../services/auth/api-key-auth.ts';
import { idParams } from '../schemas.ts';

const keySchema = z.object({ id: z.string(), prefix: z.string(), label: z.string().nullable(), created_at: z.string(), last_used_at: z.string().nullable(), revoked_at: z.string().nullable() });

export const keyRoutes =
  (app: App, authenticator: KeyAuthenticator): FastifyPluginAsyncZod =>
  async (fastify) => {
    fastify.post(
      '/keys',
      {
        schema: {
          tags: ['keys'],
          summary: 'Create an API key for yourself; the key is shown only in this answer',
          body: z.strictObject({ label: z.string().max(100).optional() }).default({}),
          response: { 201: keySchema.extend({ key: z.string() }) },
        },
      },
      async (request, reply) => {
        const { key, row } = await app.store.apiKeys.create(request.auth.user.id, request.body.label);
        await app.store.audit.record({ userId: request.auth.user.id, interface: 'api', action: 'key.create', objectType: 'api_key', objectId: row.id });
        return reply.status(201).send({ ...row, key });
      },
    );
    fastify.get('/keys', { schema: { tags: ['keys'], summary: 'List your API keys (never the keys themselves)', response: { 200: z.object({ keys: z.array(keySchema) }) } } }, async (request) => ({
      keys: await app.store.apiKeys.list(request.auth.user.id),
    }));
    fastify.delete('/keys/:id', { schema: { tags: ['keys'], summary: 'Revoke one of your API keys', params: idParams } }, async (request, reply) => {
      const revoked = await app.store.apiKeys.revoke(request.params.id, request.auth.scope.admin ? undefined : request.auth.user.id);
      if (!revoked) throw new ValidationError('NOT_FOUND', `No active API key "${request.params.id}".`, { details: { key_id: request.params.id } });
      authenticator.invalidate();
      await app.store.audit.record({ userId: request.auth.user.id, interface: 'api', action: 'key.revoke', objectType: 'api_key', objectId: request.params.id });
      return reply.status(204).send();
    });
  };
