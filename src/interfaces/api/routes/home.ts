import type { FastifyPluginAsync } from 'fastify';
import { VERSION } from '../../../core/version.ts';

/** A small landing page until the web UI lands: what is running and where to look. */
export const homeRoutes: FastifyPluginAsync = async (fastify) => {
  fastify.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Statistical Modeling Agent</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2em}</style></head>
<body><h1>Statistical Modeling Agent ${VERSION}</h1>
<p>The service is running. <a href="/health">/health</a> shows the state of the store, the storage and each compute provider;
<a href="/metrics">/metrics</a> serves Prometheus metrics.</p>
<p>The REST API lives under <code>/api/v1</code>: see <a href="/docs">/docs</a> (OpenAPI: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>).
Create an API key with <code>npx sma users create &lt;name&gt;</code>; the command line is <code>npx sma --help</code>.</p></body></html>`),
  );
};
