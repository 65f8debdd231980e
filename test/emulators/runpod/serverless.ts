/**
 * The serverless (queue-based endpoint) part of the RunPod emulator:
 * POST /v2/{endpointId}/run | runsync[?wait=ms] · GET status/{id} · POST cancel/{id} | retry/{id}
 * · GET health, with the documented shapes ({id, status, output?, error?, delayTime,
 * executionTime}; health {jobs: {...}, workers: {idle, running}}). A job is handled by the
 * endpoint's handler; the default "worker handler" runs our worker (`node bin/sma.js worker`)
 * with SMA_JOB_URI = input.job_uri and the endpoint's env, and returns its exit code.
 */
import { spawn } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ServerlessJobStatus } from '../../../src/ports/compute/runpod/serverless.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

export type ServerlessHandler = (input: Record<string, unknown>, signal: AbortSignal) => Promise<unknown>;

interface QueuedJob {
  id: string;
  input: Record<string, unknown>;
  status: ServerlessJobStatus;
  output?: unknown;
  error?: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  controller: AbortController;
  retried: number;
  done: Promise<void>;
}

/** Runs our worker for `input.job_uri` with `env`; output {exit_code, log_tail}. */
export function workerHandler(env: Record<string, string>): ServerlessHandler {
  return (input, signal) =>
    new Promise((resolve, reject) => {
      if (typeof input.job_uri !== 'string') return reject(new Error('input.job_uri is required'));
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'sma.js'), 'worker'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env, SMA_JOB_URI: input.job_uri }, stdio: ['ignore', 'pipe', 'pipe'], signal });
      const lines: string[] = [];
      const collect = (b: Buffer) => lines.push(...b.toString('utf8').split('\n').filter(Boolean));
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('error', (error) => reject(error));
      child.on('exit', (code) => (code === 0 ? resolve({ exit_code: 0, log_tail: lines.slice(-5) }) : reject(new Error(`worker exited with ${code}: ${lines.slice(-3).join(' | ')}`))));
    });
}

export class ServerlessEmulator {
  private readonly jobs = new Map<string, QueuedJob>();
  private readonly handlers = new Map<string, ServerlessHandler>();
  private seq = 0;
  private readonly counts = { completed: 0, failed: 0, retried: 0 };

  addEndpoint(id: string, handler: ServerlessHandler): void {
    this.handlers.set(id, handler);
  }

  has(endpointId: string): boolean {
    return this.handlers.has(endpointId);
  }

  async handle(res: ServerResponse, method: string, endpointId: string, rest: string[], url: URL, body: unknown): Promise<void> {
    const handler = this.handlers.get(endpointId)!;
    const [op, jobId] = rest;
    const input = (body as { input?: Record<string, unknown> } | undefined)?.input;
    if (method === 'POST' && (op === 'run' || op === 'runsync')) {
      if (!input || typeof input !== 'object') return send(res, 400, { error: 'request body must be {"input": {...}}' });
      const job = this.start(handler, input);
      if (op === 'run') return send(res, 200, { id: job.id, status: job.status });
      const wait = Math.min(300_000, Math.max(1_000, Number(url.searchParams.get('wait') ?? 90_000)));
      await Promise.race([job.done, new Promise((r) => setTimeout(r, wait))]);
      return send(res, 200, this.view(job));
    }
    if (method === 'GET' && op === 'health') {
      const all = [...this.jobs.values()];
      const running = all.filter((j) => j.status === 'IN_PROGRESS').length;
      return send(res, 200, {
        jobs: { ...this.counts, inProgress: running, inQueue: all.filter((j) => j.status === 'IN_QUEUE').length },
        workers: { idle: running > 0 ? 0 : 1, running },
      });
    }
    const job = this.jobs.get(jobId ?? '');
    if (!job) return send(res, 404, { error: `job ${jobId} not found` });
    if (method === 'GET' && op === 'status') return send(res, 200, this.view(job));
    if (method === 'POST' && op === 'cancel') {
      if (!['COMPLETED', 'FAILED', 'TIMED_OUT'].includes(job.status)) {
        job.status = 'CANCELLED';
        job.controller.abort();
      }
      return send(res, 200, { id: job.id, status: job.status });
    }
    if (method === 'POST' && op === 'retry') {
      if (!['FAILED', 'TIMED_OUT'].includes(job.status)) return send(res, 400, { error: `only FAILED or TIMED_OUT jobs can be retried, this one is ${job.status}` });
      this.counts.retried++;
      const again = this.start(handler, job.input, job.id);
      return send(res, 200, { id: again.id, status: again.status });
    }
    return send(res, 405, { error: `${method} ${op} not supported` });
  }

  private start(handler: ServerlessHandler, input: Record<string, unknown>, id = `${(++this.seq).toString(36)}-${crypto.randomUUID()}-u1`): QueuedJob {
    const controller = new AbortController();
    const job: QueuedJob = { id, input, status: 'IN_QUEUE', createdAt: Date.now(), controller, retried: 0, done: Promise.resolve() };
    this.jobs.set(id, job);
    const cancelled = () => job.status === 'CANCELLED';
    job.done = (async () => {
      await new Promise((r) => setImmediate(r));
      if (cancelled()) return;
      job.status = 'IN_PROGRESS';
      job.startedAt = Date.now();
      try {
        job.output = await handler(input, controller.signal);
        if (!cancelled()) {
          job.status = 'COMPLETED';
          this.counts.completed++;
        }
      } catch (error) {
        if (!cancelled()) {
          job.status = 'FAILED';
          job.error = (error as Error).message;
          this.counts.failed++;
        }
      } finally {
        job.finishedAt = Date.now();
      }
    })();
    return job;
  }

  private view(job: QueuedJob): Record<string, unknown> {
    return {
      id: job.id,
      status: job.status,
      delayTime: (job.startedAt ?? Date.now()) - job.createdAt,
      ...(job.startedAt ? { executionTime: (job.finishedAt ?? Date.now()) - job.startedAt } : {}),
      ...(job.output !== undefined ? { output: job.output } : {}),
      ...(job.error ? { error: job.error } : {}),
    };
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
