/**
 * /api/v1: API-key authentication, per-key rate limits, zod validation/serialization and one
 * plugin per resource. The OpenAPI document (/api/v1/openapi.json) and the interactive docs
 * (/docs) are public; everything else needs a key.
 */
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { App } from '../../app.ts';
import { AuthError } from '../../core/errors.ts';
import { VERSION } from '../../core/version.ts';
import { KeyAuthenticator } from '../../services/auth/api-key-auth.ts';
import type { WebhookWatcher } from '../../services/webhooks/watcher.ts';
import { installAuth } from './auth.ts';
import { costRoutes } from './routes/costs.ts';
import { datasetRoutes } from './routes/datasets.ts';
import { jobRoutes } from './routes/jobs.ts';
import { keyRoutes } from './routes/keys.ts';
import { modelRoutes } from './routes/models.ts';
import { predictionRoutes } from './routes/prediction.ts';
import { trainingRoutes } from './routes/training.ts';

export interface V1Options {
  /** Requests per key per window (default 6000 per minute); 0 switches the limit off. */
  readonly rateLimitMax?: number;
  readonly rateLimitWindowMs?: number;
  readonly ssePollMs?: number;
}

/** Registers the OpenAPI generator; must run before any route is added. */
export async function registerOpenApi(fastify: FastifyInstance): Promise<void> {
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Statistical Modeling Agent API', version: VERSION, description: 'Train, evaluate and serve models on tabular data. Authenticate with `Authorization: Bearer <key>` or `X-API-Key`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
    transform: (input) => {
      if (!input.url.startsWith('/api/v1/') || input.url === '/api/v1/openapi.json') return { schema: { ...input.schema, hide: true }, url: input.url };
      return jsonSchemaTransform(input);
    },
  });
}

export async function registerDocs(fastify: FastifyInstance): Promise<void> {
  fastify.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => fastify.swagger());
  await fastify.register(swaggerUi, { routePrefix: '/docs' });
}

export const apiV1 =
  (app: App, webhooks: WebhookWatcher, options: V1Options = {}): FastifyPluginAsync =>
  async (fastify) => {
    fastify.setValidatorCompiler(validatorCompiler);
    fastify.setSerializerCompiler(serializerCompiler);
    // Bodies are JSON or multipart (datasets); plain text is refused with 415 like any other type.
    fastify.removeContentTypeParser('text/plain');
    const authenticator = new KeyAuthenticator(app.store);
    installAuth(fastify, authenticator);
    const max = options.rateLimitMax ?? 6000;
    if (max > 0) {
      await fastify.register(rateLimit, {
        global: true,
        hook: 'preHandler',
        max,
        timeWindow: options.rateLimitWindowMs ?? 60_000,
        keyGenerator: (request) => request.auth?.keyHash ?? request.ip,
        errorResponseBuilder: (_request, context) =>
          new AuthError('RATE_LIMITED', `Rate limit of ${context.max} requests per ${context.after} window exceeded.`, { details: { retry_after: context.after, max: context.max } }),
      });
    }
    await fastify.register(keyRoutes(app, authenticator));
    await fastify.register(datasetRoutes(app));
    await fastify.register(trainingRoutes(app, webhooks));
    await fastify.register(jobRoutes(app, { ssePollMs: options.ssePollMs }));
    await fastify.register(modelRoutes(app));
    await fastify.register(predictionRoutes(app, webhooks));
    await fastify.register(costRoutes(app));
  };
