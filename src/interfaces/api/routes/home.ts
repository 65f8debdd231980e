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
<p>Use the command line meanwhile: <code>npx sma --help</code>.</p></body></html>`),
  );
};
