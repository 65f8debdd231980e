/**
 * Queues a job whose spec a worker will read: spec.json is written first (a queued job must
 * always find its spec), then the row; when the idempotency key matched an earlier job, the
 * spec just written for the new id is removed and the earlier job is returned.
 */
import type { App } from '../../app.ts';
import type { CostRange } from '../../ports/compute/port.ts';
import type { AuditLogTable, JobKind, JobRow, User } from '../../ports/store/index.ts';
import { jobKeys } from '../../worker/job-files.ts';
import type { JobSpec } from '../../worker/spec.ts';

export interface EnqueueInput {
  readonly spec: JobSpec;
  readonly kind: JobKind;
  readonly provider: string;
  readonly estimate: CostRange;
  readonly idempotencyKey?: string;
  readonly via: AuditLogTable['interface'];
  /** Extra facts for the audit entry. */
  readonly audit?: Record<string, unknown>;
}

export interface EnqueueResult {
  readonly job: JobRow;
  readonly estimate: CostRange;
  /** False when the idempotency key matched an earlier job. */
  readonly created: boolean;
}

export async function enqueueJob(app: App, user: User, input: EnqueueInput): Promise<EnqueueResult> {
  const jobId = input.spec.job_id;
  const specKey = jobKeys.spec(user.id, jobId);
  await app.storage.put(specKey, Buffer.from(JSON.stringify(input.spec, null, 2)));
  const { job, created } = await app.store.jobs.create({
    id: jobId,
    userId: user.id,
    kind: input.kind,
    spec: input.spec,
    idempotencyKey: input.idempotencyKey,
    maxAttempts: app.config.workers.max_attempts,
    provider: input.provider,
    costEstimate: input.estimate,
    actor: input.via,
  });
  if (!created) {
    await app.storage.delete(specKey).catch(() => undefined);
    return { job, estimate: job.cost_estimate_json ? (JSON.parse(job.cost_estimate_json) as CostRange) : input.estimate, created };
  }
  await app.store.audit.record({ userId: user.id, interface: input.via, action: 'job.create', objectType: 'job', objectId: job.id, details: { kind: input.kind, ...input.audit } });
  return { job, estimate: input.estimate, created };
}
