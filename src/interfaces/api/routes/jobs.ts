/**
 * Jobs: list, show, cancel (DELETE), logs, and a Server-Sent Events stream of every stored
 * event followed by the final state (`Last-Event-ID` or `?after=` resumes after that seq).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../../app.ts';
import { StateError } from '../../../core/errors.ts';
import type { JobState, Scope } from '../../../ports/store/index.ts';
import { cancelJob } from '../../../services/jobs/cancel.ts';
import { followJob } from '../../../services/jobs/event-stream.ts';
import { presentJob } from '../present.ts';
import { idParams, jobSchema } from '../schemas.ts';

const STATES = ['queued', 'provisioning', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out', 'interrupted', 'resuming', 'dead_letter'] as const;

export interface JobRoutesOptions {
  /** How often the SSE stream polls the store (ms). */
  readonly ssePollMs?: number;
}

export const jobRoutes =
  (app: App, options: JobRoutesOptions = {}): FastifyPluginAsyncZod =>
  async (fastify) => {
    const streams = new Set<AbortController>();
    fastify.addHook('preClose', async () => {
      for (const stream of streams) stream.abort();
    });

    const load = async (scope: Scope, id: string) => {
      const job = await app.store.jobs.get(id, scope);
      if (!job) throw new StateError('JOB_NOT_FOUND', `No job "${id}".`, { details: { job_id: id } });
      return job;
    };

    fastify.get(
      '/jobs',
      {
        schema: {
          tags: ['jobs'],
          summary: 'List your jobs, newest first (admins: everyone’s); ?state=running,queued filters',
          querystring: z.object({ state: z.string().optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
          response: { 200: z.object({ jobs: z.array(jobSchema) }) },
        },
      },
      async (request) => {
        const states = request.query.state ? z.array(z.enum(STATES)).parse(request.query.state.split(',')) : undefined;
        const jobs = await app.store.jobs.list(request.auth.scope, { states: states as JobState[] | undefined, limit: request.query.limit });
        return { jobs: jobs.map(presentJob) };
      },
    );

    fastify.get('/jobs/:id', { schema: { tags: ['jobs'], summary: 'One job with its history, progress, result or error', params: idParams, response: { 200: z.object({ job: jobSchema }) } } }, async (request) => ({
      job: presentJob(await load(request.auth.scope, request.params.id)),
    }));

    fastify.delete('/jobs/:id', { schema: { tags: ['jobs'], summary: 'Cancel a job that has not ended', params: idParams, response: { 200: z.object({ job: jobSchema }) } } }, async (request) => ({
      job: presentJob(await cancelJob(app, request.auth.scope, request.params.id, 'api')),
    }));

    fastify.get(
      '/jobs/:id/logs',
      { schema: { tags: ['jobs'], summary: 'Log lines of a job', params: idParams, querystring: z.object({ after: z.coerce.number().int().min(0).default(0) }) } },
      async (request) => {
        const job = await load(request.auth.scope, request.params.id);
        const events = await app.store.jobs.events(job.id, request.query.after, 10_000);
        const lines = events
          .filter((e) => e.type === 'log')
          .map((e) => {
            const payload = JSON.parse(e.payload_json) as Record<string, unknown>;
            return { seq: Number(e.seq), at: e.at, level: String(payload.level ?? 'info'), message: String(payload.message ?? payload.line ?? JSON.stringify(payload)) };
          });
        return { job_id: job.id, lines };
      },
    );

    fastify.get(
      '/jobs/:id/events',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Server-Sent Events: every stored event (id = seq), then `event: end` with the final job; Last-Event-ID resumes',
          params: idParams,
          querystring: z.object({ after: z.coerce.number().int().min(0).optional() }),
          produces: ['text/event-stream'],
        },
      },
      async (request, reply) => {
        const job = await load(request.auth.scope, request.params.id);
        const lastId = Number(request.headers['last-event-id']);
        const afterSeq = Number.isInteger(lastId) && lastId >= 0 ? lastId : (request.query.after ?? 0);
        const controller = new AbortController();
        streams.add(controller);
        request.raw.on('close', () => controller.abort());
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'close', 'x-request-id': request.id, 'x-accel-buffering': 'no' });
        out.write(': stream of job events\n\n');
        try {
          const stream = followJob(app.store, job.id, { afterSeq, signal: controller.signal, pollMs: options.ssePollMs });
          for (;;) {
            const next = await stream.next();
            if (next.done) {
              if (next.value) out.write(`event: end\ndata: ${JSON.stringify(presentJob(next.value))}\n\n`);
              break;
            }
            const event = next.value;
            out.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify({ seq: event.seq, at: event.at, ...event.payload })}\n\n`);
          }
        } catch (error) {
          request.log.warn({ err: error }, 'event stream failed');
          out.write(`event: error\ndata: ${JSON.stringify({ message: 'The event stream failed; reconnect with Last-Event-ID.' })}\n\n`);
        } finally {
          streams.delete(controller);
          out.end();
        }
      },
    );
  };
