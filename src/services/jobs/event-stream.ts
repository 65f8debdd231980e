/**
 * The job event stream any interface subscribes to (CLI progress bar, API SSE, bot edits):
 * events recorded in the store, in order, followed by the job's final state. Backed by the
 * store so it works across processes (a CLI following a job run by `sma serve`'s workers).
 */
import type { JobEventRow, JobRow, Store } from '../../ports/store/index.ts';
import { isFinal } from './state-machine.ts';

export interface JobStreamEvent {
  readonly seq: number;
  readonly type: JobEventRow['type'];
  readonly at: string;
  readonly payload: Record<string, unknown>;
}

export interface FollowOptions {
  readonly afterSeq?: number;
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
}

/** Yields every event of a job until it reaches a final state; returns the final job row. */
export async function* followJob(store: Store, jobId: string, options: FollowOptions = {}): AsyncGenerator<JobStreamEvent, JobRow | undefined> {
  let after = options.afterSeq ?? 0;
  const pollMs = options.pollMs ?? 250;
  while (!options.signal?.aborted) {
    const job = await store.jobs.get(jobId);
    if (!job) return undefined;
    // Read events after reading the state: once the job is final, no event can be missed.
    const events = await store.jobs.events(jobId, after);
    for (const event of events) {
      after = event.seq;
      yield { seq: event.seq, type: event.type, at: event.at, payload: JSON.parse(event.payload_json) as Record<string, unknown> };
    }
    if (isFinal(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return store.jobs.get(jobId);
}
