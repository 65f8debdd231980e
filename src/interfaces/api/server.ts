/**
 * Runs the HTTP server with graceful shutdown: on SIGINT/SIGTERM stop accepting, let in-flight
 * requests finish, then close the ports.
 */
import type { FastifyInstance } from 'fastify';
import type { App } from '../../app.ts';
import { buildApi, type ApiOptions } from './app.ts';

export interface RunningServer {
  readonly fastify: FastifyInstance;
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(app: App, options: { host?: string; port?: number; api?: ApiOptions } = {}): Promise<RunningServer> {
  const fastify = await buildApi(app, options.api);
  const host = options.host ?? app.config.server.host;
  const port = options.port ?? app.config.server.port;
  await fastify.listen({ host, port });
  const address = fastify.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  return {
    fastify,
    url,
    async close() {
      await fastify.close();
    },
  };
}
