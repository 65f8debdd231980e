/**
 * The job state machine of DESIGN.md, in one place:
 *   queued → provisioning → running → (succeeded | failed | cancelled | timed_out)
 *   plus interrupted → resuming (a worker died or a spot instance was reclaimed), and
 *   dead_letter once a job has failed too many times.
 */
import { StateError } from '../../core/errors.ts';
import type { JobState } from '../../ports/store/index.ts';

export const TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  queued: ['provisioning', 'cancelled', 'failed', 'dead_letter'],
  provisioning: ['running', 'queued', 'interrupted', 'failed', 'cancelled', 'timed_out'],
  running: ['succeeded', 'failed', 'cancelled', 'timed_out', 'interrupted', 'queued'],
  interrupted: ['resuming', 'queued', 'cancelled', 'failed', 'dead_letter'],
  resuming: ['running', 'interrupted', 'failed', 'cancelled', 'timed_out'],
  succeeded: [],
  failed: [],
  cancelled: [],
  timed_out: [],
  dead_letter: [],
};

export const FINAL_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled', 'timed_out', 'dead_letter'];
export const ACTIVE_STATES: readonly JobState[] = ['provisioning', 'running', 'resuming'];

export function isFinal(state: JobState): boolean {
  return FINAL_STATES.includes(state);
}

/** States from which `to` may be entered. */
export function sourcesOf(to: JobState): JobState[] {
  return (Object.keys(TRANSITIONS) as JobState[]).filter((from) => TRANSITIONS[from].includes(to));
}

export function assertTransition(jobId: string, from: JobState, to: JobState): void {
  if (!TRANSITIONS[from].includes(to)) {
    throw new StateError('INVALID_TRANSITION', `Job ${jobId} cannot go from ${from} to ${to}.`, {
      details: { job_id: jobId, state: from, to, allowed: TRANSITIONS[from] },
      recovery: isFinal(from) ? `The job already ended (${from}).` : `From ${from} a job can go to: ${TRANSITIONS[from].join(', ')}.`,
    });
  }
}
