/**
 * Cancels a job from any non-final state. A running job's runner sees the new state within a
 * second, stops the worker (which checkpoints) and keeps whatever was written.
 */
import type { App } from '../../app.ts';
import { StateError } from '../../core/errors.ts';
import type { AuditLogTable, JobRow, Scope } from '../../ports/store/index.ts';
import { FINAL_STATES, sourcesOf } from './state-machine.ts';

export async function cancelJob(app: App, scope: Scope, jobId: string, via: AuditLogTable['interface']): Promise<JobRow> {
  const job = await app.store.jobs.get(jobId, scope);
  if (!job) throw new StateError('JOB_NOT_FOUND', `No job "${jobId}".`, { details: { job_id: jobId } });
  if (FINAL_STATES.includes(job.state)) {
    throw new StateError('INVALID_TRANSITION', `Job ${jobId} already ended (${job.state}); there is nothing to cancel.`, { details: { job_id: jobId, state: job.state } });
  }
  const cancelled = await app.store.jobs.transition(job.id, {
    from: sourcesOf('cancelled'),
    to: 'cancelled',
    reason: `cancelled by the user (${via})`,
    actor: via,
    patch: { finished_at: new Date().toISOString() },
  });
  await app.store.jobs.appendEvent(job.id, 'state', { from: job.state, to: 'cancelled', reason: 'cancelled by the user' });
  await app.store.audit.record({ userId: scope.userId, interface: via, action: 'job.cancel', objectType: 'job', objectId: job.id, details: { from: job.state } });
  return cancelled;
}
