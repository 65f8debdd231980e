/**
 * Executes one job from its storage folder — the same code locally, on a pod, in a function.
 * It needs no database: spec.json in, events/ and artifacts out, result.json written LAST.
 *
 * Exit protocol: result.json with status succeeded/failed for an outcome the server should
 * accept as final (success, or a permanent error such as a bad column); no result.json (and
 * a thrown error) for a transient failure or an interruption, which the server retries/resumes.
 */
import { SmaError, ValidationError, toErrorObject } from '../core/errors.ts';
import type { StoragePort } from '../ports/storage/index.ts';
import { EventWriter } from './events.ts';
import { runBatchPredict } from './handlers/batch-predict.ts';
import type { HandlerContext } from './handlers/context.ts';
import { runTrain } from './handlers/train.ts';
import { jobKeys } from './job-files.ts';
import { jobSpecSchema, type JobResultFile, type JobSpec } from './spec.ts';

export type ExecutionOutcome = 'succeeded' | 'failed' | 'interrupted' | 'already_done';

export interface ExecuteOptions {
  readonly signal?: AbortSignal;
  readonly heartbeatMs?: number;
}

export async function readJobSpec(storage: StoragePort, userId: string, jobId: string): Promise<JobSpec> {
  const raw = await storage.getBytes(jobKeys.spec(userId, jobId));
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (cause) {
    throw new ValidationError('VALIDATION_FAILED', `spec.json of job ${jobId} is not valid JSON: ${(cause as Error).message}`, { details: { job_id: jobId }, cause });
  }
  const parsed = jobSpecSchema.safeParse(json);
  if (!parsed.success) {
    throw new ValidationError('VALIDATION_FAILED', `spec.json of job ${jobId} is invalid.`, { details: { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } });
  }
  return parsed.data;
}

export async function executeJob(storage: StoragePort, userId: string, jobId: string, options: ExecuteOptions = {}): Promise<ExecutionOutcome> {
  if (await storage.exists(jobKeys.result(userId, jobId))) return 'already_done';
  const spec = await readJobSpec(storage, userId, jobId);
  const events = new EventWriter(storage, userId, jobId);
  await events.init();
  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => controller.abort(options.signal?.reason), { once: true });
  const heartbeat = setInterval(() => void events.emit('heartbeat', {}).catch(() => undefined), options.heartbeatMs ?? 10_000);
  heartbeat.unref();
  const started = performance.now();
  await events.emit('state', { state: 'running', pid: process.pid });
  const ctx: HandlerContext = { storage, events, signal: controller.signal };
  try {
    const output = await runHandler(spec, ctx);
    if (controller.signal.aborted) throw controller.signal.reason ?? new Error('interrupted');
    await writeResult(storage, spec, { status: 'succeeded', output, duration_ms: performance.now() - started });
    await events.flush();
    return 'succeeded';
  } catch (error) {
    if (controller.signal.aborted) {
      await events.emit('state', { state: 'interrupted', reason: String((controller.signal.reason as Error)?.message ?? controller.signal.reason ?? 'stopped') }).catch(() => undefined);
      await events.flush();
      return 'interrupted';
    }
    if (error instanceof SmaError && !error.isTransient) {
      // A permanent problem (bad column, bad params): retrying cannot help, report it as final.
      events.log(error.message, 'error');
      await writeResult(storage, spec, { status: 'failed', error: { ...toErrorObject(error) }, duration_ms: performance.now() - started });
      await events.flush();
      return 'failed';
    }
    events.log(`transient failure: ${(error as Error).message}`, 'error');
    await events.flush();
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}

function runHandler(spec: JobSpec, ctx: HandlerContext): Promise<Record<string, unknown>> {
  switch (spec.kind) {
    case 'train':
      return runTrain(spec, ctx);
    case 'batch_predict':
      return runBatchPredict(spec, ctx);
  }
}

async function writeResult(
  storage: StoragePort,
  spec: JobSpec,
  result: { status: JobResultFile['status']; output?: Record<string, unknown>; error?: Record<string, unknown>; duration_ms: number },
): Promise<void> {
  const file: JobResultFile = { ...result, duration_ms: Math.round(result.duration_ms), job_id: spec.job_id, finished_at: new Date().toISOString() };
  await storage.put(jobKeys.result(spec.user_id, spec.job_id), Buffer.from(JSON.stringify(file, null, 2)));
}

/**
 * SMA_JOB_URI → storage + job: `file:///…/storage/users/<u>/jobs/<j>/` for local disk.
 * (Cloud URIs such as s3://bucket/users/… arrive with the S3 storage adapter.)
 */
/**
 * Splits a job URI: `file:///<storage root>/users/<u>/jobs/<j>/` (root = the directory) or
 * `s3://<bucket>/users/<u>/jobs/<j>/` (root = the bucket; endpoint and credentials come from
 * the worker's env).
 */
export function parseJobUri(uri: string): { root: string; userId: string; jobId: string; scheme: 'file' | 's3' } {
  const match =
    /^(file):\/\/(.*?)\/users\/([A-Za-z0-9_-]+)\/jobs\/([A-Za-z0-9_-]+)\/?$/.exec(uri) ??
    /^(s3):\/\/([A-Za-z0-9][A-Za-z0-9._-]{1,254})\/users\/([A-Za-z0-9_-]+)\/jobs\/([A-Za-z0-9_-]+)\/?$/.exec(uri);
  if (!match) {
    throw new ValidationError('VALIDATION_FAILED', `Unsupported SMA_JOB_URI "${uri}".`, {
      details: { uri },
      recovery: 'Expected file:///<storage root>/users/<user>/jobs/<job>/ or s3://<bucket>/users/<user>/jobs/<job>/.',
    });
  }
  return { scheme: match[1] as 'file' | 's3', root: decodeURIComponent(match[2]), userId: match[3], jobId: match[4] };
}
