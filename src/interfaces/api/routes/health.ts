import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { checkHealth } from '../../../services/health/health.ts';
import type { Metrics } from '../metrics.ts';

export const healthRoutes = (app: App, metrics: Metrics): FastifyPluginAsync =>
  async (fastify) => {
    fastify.get('/health', async (_request, reply) => {
      const report = await checkHealth(app);
      return reply.status(report.status === 'down' ? 503 : 200).send(report);
    });
    fastify.get('/metrics', async (_request, reply) => {
      return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  };
