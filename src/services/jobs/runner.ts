/**
 * The job runner (the server side of DESIGN.md "Remote execution"): claims a job with a lease,
 * launches the worker through a compute provider, mirrors the worker's events from storage into
 * the store, heartbeats the lease, meters cost, enforces cancel / timeout / idle / budget, and
 * on completion verifies and registers what the worker produced. Every state change goes
 * through the state machine; a runner that dies leaves an expiring lease that another runner
 * turns into `interrupted` and resumes.
 */
import { hostname } from 'node:os';
import type { App } from '../../app.ts';
import { ComputeError, SmaError, StorageError, toErrorObject } from '../../core/errors.ts';
import type { ComputeProvider, LaunchHandle } from '../../ports/compute/port.ts';
import type { JobRow, JobState } from '../../ports/store/index.ts';
import { jobKeys, jobPrefix } from '../../worker/job-files.ts';
import { jobSpecSchema, type JobResultFile, type JobSpec, type WorkerEvent } from '../../worker/spec.ts';
import { budgetLimits, budgetVerdict, effectiveCap } from '../costs/budget.ts';
import { hourlyPrice } from '../costs/catalog.ts';
import { finalizeJobOutput } from './finalize.ts';
import { requeueDelayMs, transientRetry } from './retry.ts';
import { ACTIVE_STATES, assertTransition, isFinal } from './state-machine.ts';

export interface RunnerOptions {
  /** Unique name of this runner (lease owner). */
  readonly owner?: string;
  readonly pollMs?: number;
  /** A worker that sends no event (not even a heartbeat) for this long is presumed hung. */
  readonly idleTimeoutMs?: number;
  readonly providers: Readonly<Record<string, ComputeProvider>>;
}

export type Outcome = JobState | 'lease_lost';

export class JobRunner {
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly idleTimeoutMs: number;
  /** Set while loop() runs: aborting it interrupts the job in hand so it resumes elsewhere. */
  private stopSignal: AbortSignal | undefined;

  constructor(
    private readonly app: App,
    private readonly options: RunnerOptions,
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.leaseMs = app.config.workers.lease_seconds * 1000;
    this.pollMs = options.pollMs ?? 250;
    this.idleTimeoutMs = options.idleTimeoutMs ?? Math.max(120_000, this.leaseMs * 2);
  }

  /** Jobs whose runner died (lease expired while active) become `interrupted`, ready to resume. */
  async recoverExpired(): Promise<number> {
    const expired = await this.app.store.jobs.expiredLeases(ACTIVE_STATES);
    let recovered = 0;
    for (const job of expired) {
      try {
        await this.transition(
          job,
          'interrupted',
          `lease of ${job.lease_owner ?? 'a runner'} expired: the runner stopped`,
          { lease_owner: null, lease_expires_at: null },
          true,
        );
        recovered++;
      } catch (error) {
        // Another runner recovered it first, or it moved on meanwhile: nothing to do.
        if (!(error instanceof SmaError && ['INVALID_TRANSITION', 'CONFLICT', 'LEASE_LOST'].includes(error.code))) throw error;
      }
    }
    return recovered;
  }

  /** Claims and runs the next runnable job; undefined when there is none. */
  async runNext(): Promise<JobRow | undefined> {
    await this.recoverExpired();
    const job = await this.app.store.jobs.claim(this.owner, this.leaseMs);
    return job ? this.supervise(job) : undefined;
  }

  /** Claims and runs one specific job (the CLI running its own job); undefined if someone else has it. */
  async runJob(jobId: string): Promise<JobRow | undefined> {
    await this.recoverExpired();
    const job = await this.app.store.jobs.claim(this.owner, this.leaseMs, { jobId });
    return job ? this.supervise(job) : undefined;
  }

  /** Runs jobs until the signal aborts. */
  async loop(signal: AbortSignal, idleMs = 500): Promise<void> {
    this.stopSignal = signal;
    while (!signal.aborted) {
      let ran: JobRow | undefined;
      try {
        ran = await this.runNext();
      } catch (error) {
        this.app.logger.error({ err: error }, 'runner iteration failed');
      }
      if (!ran) await sleep(idleMs, signal);
    }
  }

  private async supervise(claimed: JobRow): Promise<JobRow> {
    const log = this.app.logger.child({ job_id: claimed.id, runner: this.owner });
    let job = claimed;
    let spec: JobSpec;
    try {
      spec = jobSpecSchema.parse(JSON.parse(job.spec_json));
    } catch (error) {
      return this.fail(job, new StorageError('DATABASE_ERROR', `Job ${job.id} has an invalid spec: ${(error as Error).message}`), 'invalid spec');
    }
    if (job.attempts > job.max_attempts) {
      return this.transition(job, 'dead_letter', `gave up after ${job.attempts - 1} attempts`, { finished_at: now(), lease_owner: null, lease_expires_at: null });
    }

    // A worker of an earlier attempt may have finished after its runner died: accept its result.
    const previous = await this.readResult(spec);
    const resuming = job.state === 'interrupted';
    job = await this.transition(job, resuming ? 'resuming' : 'provisioning', resuming ? `resuming (attempt ${job.attempts})` : `claimed by ${this.owner}`, {
      provider: job.provider ?? 'local',
      started_at: job.started_at ?? now(),
    });
    if (previous) {
      job = await this.transition(job, 'running', 'result found from an earlier attempt');
      return this.complete(job, spec, previous, 0);
    }

    const providerName = job.provider ?? 'local';
    let provider = this.options.providers[providerName] ?? this.options.providers.local;
    if (!this.options.providers[providerName]) {
      await this.app.store.jobs.appendEvent(job.id, 'log', { level: 'warn', message: `provider ${providerName} is not available here; running locally` });
    }
    const limits = await budgetLimits(this.app.config, this.app.store, job.user_id, spec.budget_usd);
    const cap = effectiveCap(limits);
    if (cap !== undefined && cap <= 0) {
      return this.fail(job, new ComputeError('BUDGET_EXCEEDED', 'The monthly budget is used up.', { details: { budget: limits } }), 'budget used up');
    }
    let price = hourlyPrice(provider.name, undefined, { localRate: this.app.config.workers.local_rate_usd_per_hour });

    let handle: LaunchHandle;
    const launchSpec = { jobId: job.id, userId: job.user_id, jobUri: this.app.storage.uri(jobPrefix(job.user_id, job.id)), timeoutSeconds: spec.timeout_s };
    try {
      handle = await provider.launch(launchSpec);
    } catch (error) {
      log.warn({ err: error }, 'launch failed');
      // Fallback chain: a cloud provider that cannot launch (no capacity, unreachable…) hands
      // the job to the local provider, with the reason recorded on the job.
      const local = this.options.providers.local;
      if (provider.name === 'local' || !local || !canFallBack(error)) return this.retryLater(job, error, 'launch failed');
      await this.app.store.jobs.appendEvent(job.id, 'log', { level: 'warn', message: `${provider.name} could not launch: ${(error as Error).message}; falling back to local`, fallback_from: provider.name, error: toErrorObject(error) });
      provider = local;
      price = hourlyPrice('local', undefined, { localRate: this.app.config.workers.local_rate_usd_per_hour });
      try {
        handle = await provider.launch(launchSpec);
      } catch (fallbackError) {
        return this.retryLater(job, fallbackError, 'launch failed');
      }
      await this.app.store.jobs.patch(job.id, { provider: 'local' }, this.owner);
    }
    try {
      job = await this.transition(job, 'running', `worker started on ${provider.name} (${handle.externalId})`);
    } catch (error) {
      // Cancelled (or taken over) while the worker was starting: stop it and leave the job as it is.
      await provider.terminate(handle).catch(() => undefined);
      await this.app.store.jobs.releaseLease(job.id, this.owner);
      if (error instanceof SmaError && ['INVALID_TRANSITION', 'LEASE_LOST'].includes(error.code)) return (await this.app.store.jobs.get(job.id)) ?? job;
      throw error;
    }
    log.info({ provider: provider.name, external_id: handle.externalId }, 'worker started');
    await this.app.store.audit.record({ userId: job.user_id, interface: 'worker', action: 'job.start', objectType: 'job', objectId: job.id, details: { provider: provider.name, attempt: job.attempts } });

    const started = Date.now();
    let lastEventAt = Date.now();
    let lastHeartbeat = Date.now();
    let lastStateCheck = Date.now();
    let mirroredSeq = 0;
    let warned = false;
    let stopReason: { state: JobState; error?: SmaError; reason: string } | undefined;
    const costSoFar = () => (price.low * (Date.now() - started)) / 3_600_000;

    for (;;) {
      await sleep(this.pollMs);
      const mirrored = await this.mirrorEvents(job, spec, mirroredSeq).catch(() => mirroredSeq);
      if (mirrored > mirroredSeq) lastEventAt = Date.now();
      mirroredSeq = mirrored;

      if (Date.now() - lastHeartbeat > this.leaseMs / 3) {
        lastHeartbeat = Date.now();
        if (!(await this.app.store.jobs.heartbeat(job.id, this.owner, this.leaseMs))) {
          log.warn('lease lost: another runner took the job over; stopping our worker');
          await provider.terminate(handle).catch(() => undefined);
          return (await this.app.store.jobs.get(job.id)) ?? job;
        }
        await this.app.store.jobs.patch(job.id, { cost_usd: costSoFar() }, this.owner);
      }
      if (Date.now() - lastStateCheck > 1000) {
        lastStateCheck = Date.now();
        const current = await this.app.store.jobs.get(job.id);
        if (current && isFinal(current.state)) {
          // Cancelled (or otherwise ended) from another process: stop the worker, keep what it wrote.
          await provider.cancel(handle).catch(() => undefined);
          await provider.terminate(handle).catch(() => undefined);
          await this.mirrorEvents(job, spec, mirroredSeq).catch(() => undefined);
          await this.ledger(current, provider.name, price, started);
          await this.app.store.jobs.releaseLease(job.id, this.owner);
          return current;
        }
      }
      const spent = costSoFar();
      const verdict = budgetVerdict(spent, cap);
      // The warning is owed even when one poll jumps straight past 80 % to the cap.
      if (verdict !== 'ok' && !warned) {
        warned = true;
        await this.app.store.jobs.appendEvent(job.id, 'cost', { level: 'warning', message: `80 % of the budget used ($${spent.toFixed(4)} of $${cap?.toFixed(4)})`, spent_usd: spent, cap_usd: cap });
      }
      if (verdict === 'exceeded') {
        stopReason = {
          state: 'failed',
          reason: 'budget exceeded',
          error: new ComputeError('BUDGET_EXCEEDED', `The job reached its budget ($${cap?.toFixed(4)}) and was stopped; its checkpoint and partial results are kept.`, { details: { spent_usd: spent, cap_usd: cap } }),
        };
      } else if (Date.now() - started > spec.timeout_s * 1000) {
        stopReason = { state: 'timed_out', reason: `timed out after ${spec.timeout_s} s`, error: new ComputeError('JOB_TIMED_OUT', `The job ran longer than its timeout of ${spec.timeout_s} s.`) };
      } else if (this.stopSignal?.aborted) {
        stopReason = { state: 'interrupted', reason: 'the runner is shutting down' };
      } else if (Date.now() - lastEventAt > this.idleTimeoutMs) {
        stopReason = { state: 'interrupted', reason: `no sign of life for ${Math.round(this.idleTimeoutMs / 1000)} s` };
      }
      if (stopReason) {
        await provider.terminate(handle).catch(() => undefined);
        break;
      }
      const status = await provider.status(handle);
      if (status.state !== 'running' && status.state !== 'pending') break;
    }

    await this.mirrorEvents(job, spec, mirroredSeq).catch(() => undefined);
    const result = stopReason ? undefined : await this.readResult(spec);
    // Without a result, what the provider last saw explains why (read before it is released).
    const exit = result || stopReason ? undefined : { status: await provider.status(handle), logs: (await provider.logs(handle).catch(() => [])).slice(-20) };
    // Whatever the outcome, the machine is released: nothing keeps billing after the job.
    await provider.terminate(handle).catch(() => undefined);
    await this.ledger(job, provider.name, price, started);
    const elapsedCost = costSoFar();
    if (stopReason) {
      if (stopReason.state === 'interrupted') return this.retryLater(job, new ComputeError('COMPUTE_UNAVAILABLE', stopReason.reason), stopReason.reason);
      return this.transition(job, stopReason.state, stopReason.reason, {
        error_json: JSON.stringify(toErrorObject(stopReason.error)),
        finished_at: now(),
        cost_usd: elapsedCost,
        checkpoint_key: jobKeys.checkpoint(job.user_id, job.id),
        lease_owner: null,
        lease_expires_at: null,
      });
    }
    if (!result) {
      const why = exit?.status.detail ?? exit?.status.state ?? 'unknown';
      return this.retryLater(job, new ComputeError('PROVIDER_ERROR', `The worker stopped without a result (${why}).`, { details: { last_logs: exit?.logs ?? [] } }), 'worker stopped without a result');
    }
    return this.complete(job, spec, result, elapsedCost);
  }

  private async complete(job: JobRow, spec: JobSpec, result: JobResultFile, cost: number): Promise<JobRow> {
    if (result.status === 'failed') {
      return this.transition(job, 'failed', String(result.error?.message ?? 'failed'), {
        error_json: JSON.stringify(result.error ?? {}),
        finished_at: now(),
        cost_usd: cost,
        lease_owner: null,
        lease_expires_at: null,
      });
    }
    try {
      const output = await finalizeJobOutput(this.app, job, spec, result);
      const done = await this.transition(job, 'succeeded', 'worker finished', {
        result_json: JSON.stringify(output),
        finished_at: now(),
        cost_usd: cost,
        lease_owner: null,
        lease_expires_at: null,
      });
      await this.app.store.audit.record({ userId: job.user_id, interface: 'worker', action: 'job.succeed', objectType: 'job', objectId: job.id, details: { kind: job.kind } });
      return done;
    } catch (error) {
      if (error instanceof SmaError && !error.isTransient) return this.fail(job, error, 'output rejected');
      return this.retryLater(job, error, 'finalizing failed');
    }
  }

  /** Transient trouble: try again later with backoff, or give up after max_attempts. */
  private async retryLater(job: JobRow, error: unknown, reason: string): Promise<JobRow> {
    const errorJson = JSON.stringify(toErrorObject(error instanceof SmaError ? error : new ComputeError('PROVIDER_ERROR', (error as Error).message)));
    const current = (await this.app.store.jobs.get(job.id)) ?? job;
    if (isFinal(current.state)) return current;
    const interrupted = current.state === 'interrupted' ? current : await this.transition(current, 'interrupted', reason, { error_json: errorJson });
    if (interrupted.attempts >= interrupted.max_attempts) {
      return this.transition(interrupted, 'dead_letter', `failed ${interrupted.attempts} times; last: ${reason}`, {
        finished_at: now(),
        lease_owner: null,
        lease_expires_at: null,
      });
    }
    const delay = requeueDelayMs(interrupted.attempts);
    return this.transition(interrupted, 'queued', `retry in ${Math.round(delay / 1000)} s after: ${reason}`, {
      run_after: new Date(Date.now() + delay).toISOString(),
      lease_owner: null,
      lease_expires_at: null,
    });
  }

  private async fail(job: JobRow, error: SmaError, reason: string): Promise<JobRow> {
    return this.transition(job, 'failed', reason, {
      error_json: JSON.stringify(toErrorObject(error)),
      finished_at: now(),
      lease_owner: null,
      lease_expires_at: null,
    });
  }

  /**
   * A validated state change. Unless `anyOwner`, it applies only while this runner still holds
   * the lease, so a runner that lost its job can never overwrite the new owner's progress.
   */
  private async transition(job: JobRow, to: JobState, reason: string, patch: Parameters<App['store']['jobs']['patch']>[1] = {}, anyOwner = false): Promise<JobRow> {
    const current = (await this.app.store.jobs.get(job.id)) ?? job;
    assertTransition(job.id, current.state, to);
    const updated = await this.app.store.jobs.transition(job.id, {
      from: [current.state],
      to,
      reason,
      actor: `runner ${this.owner}`,
      patch,
      leaseOwner: anyOwner ? undefined : this.owner,
    });
    await this.app.store.jobs.appendEvent(job.id, 'state', { from: current.state, to, reason });
    return updated;
  }

  /** Copies new worker events (events/<seq>.json) into the store; returns the last seq copied. */
  private async mirrorEvents(job: JobRow, spec: JobSpec, afterSeq: number): Promise<number> {
    const objects = await transientRetry.execute(() => this.app.storage.list(jobKeys.eventsPrefix(spec.user_id, spec.job_id)));
    let last = afterSeq;
    let progress: Record<string, unknown> | undefined;
    for (const object of objects) {
      const seq = Number.parseInt(object.key.split('/').pop() ?? '', 10);
      if (!(seq > last)) continue;
      const event = JSON.parse((await this.app.storage.getBytes(object.key)).toString('utf8')) as WorkerEvent;
      last = seq;
      if (event.type === 'heartbeat') continue;
      await this.app.store.jobs.appendEvent(job.id, event.type === 'state' ? 'log' : event.type, { ...event.payload, worker_seq: seq, worker_at: event.at });
      if (event.type === 'progress') progress = event.payload;
    }
    if (progress) await this.app.store.jobs.patch(job.id, { progress_json: JSON.stringify(progress) });
    return last;
  }

  private async readResult(spec: JobSpec): Promise<JobResultFile | undefined> {
    const key = jobKeys.result(spec.user_id, spec.job_id);
    if (!(await this.app.storage.exists(key))) return undefined;
    return JSON.parse((await this.app.storage.getBytes(key)).toString('utf8')) as JobResultFile;
  }

  private async ledger(job: JobRow, provider: string, price: { low: number; instance: string }, startedMs: number): Promise<void> {
    const hours = (Date.now() - startedMs) / 3_600_000;
    await this.app.store.costs.add({
      user_id: job.user_id,
      job_id: job.id,
      provider,
      resource: price.instance,
      quantity: hours,
      unit: 'hour',
      unit_price_usd: price.low,
      amount_usd: hours * price.low,
      entry_kind: 'final',
    });
  }
}

/** Launch failures another provider may not have (not budget or bad-request errors). */
function canFallBack(error: unknown): boolean {
  return error instanceof ComputeError && ['NO_CAPACITY', 'COMPUTE_UNAVAILABLE', 'LAUNCH_FAILED', 'PROVIDER_ERROR', 'CIRCUIT_OPEN', 'PROVIDER_NOT_CONFIGURED'].includes(error.code);
}

function now(): string {
  return new Date().toISOString();
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
