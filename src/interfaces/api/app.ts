/**
 * Builds the Fastify application (no listening here: see server.ts). Every route plugin is
 * registered in its own scope; errors render the DESIGN.md error object.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { App } from '../../app.ts';
import { requestId } from '../../core/ids.ts';
import { errorHandler } from './errors.ts';
import { createMetrics } from './metrics.ts';
import { healthRoutes } from './routes/health.ts';
import { homeRoutes } from './routes/home.ts';
import { presentJob } from './present.ts';
import { apiV1, registerDocs, registerOpenApi, type V1Options } from './v1.ts';
import { WebhookWatcher, type WebhookWatcherOptions } from '../../services/webhooks/watcher.ts';

export interface ApiOptions extends V1Options {
  readonly webhooks?: Omit<WebhookWatcherOptions, 'present'>;
}

export async function buildApi(app: App, options: ApiOptions = {}): Promise<FastifyInstance> {
  const metrics = createMetrics(app.store);
  const fastify = Fastify({
    loggerInstance: app.logger.child({ component: 'api' }) as FastifyBaseLogger,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : requestId();
    },
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
    bodyLimit: Math.round(app.config.server.body_limit_mb * 1024 * 1024),
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  fastify.setErrorHandler(errorHandler);
  fastify.setNotFoundHandler((request, reply) => {
    errorHandler(Object.assign(new Error(`No route ${request.method} ${request.url}`), { statusCode: 404 }), request, reply);
  });
  await registerOpenApi(fastify);
  await fastify.register(healthRoutes(app, metrics));
  await fastify.register(homeRoutes);
  const webhooks = new WebhookWatcher(app, { ...options.webhooks, present: presentJob });
  await fastify.register(apiV1(app, webhooks, options), { prefix: '/api/v1' });
  await registerDocs(fastify);
  fastify.addHook('onReady', async () => webhooks.start());
  fastify.addHook('onClose', async () => webhooks.stop());
  return fastify;
}
