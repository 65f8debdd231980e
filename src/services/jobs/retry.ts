/**
 * Retry rules (cockatiel): transient errors are retried with exponential backoff and jitter;
 * permanent ones fail at once. The same backoff spaces out re-queued jobs.
 */
import { ExponentialBackoff, handleWhen, retry, type IBackoff } from 'cockatiel';
import { isTransient } from '../../core/errors.ts';

/** For storage and provider calls inside one attempt. */
export const transientRetry = retry(
  handleWhen((error) => isTransient(error)),
  { maxAttempts: 4, backoff: new ExponentialBackoff({ initialDelay: 200, maxDelay: 5_000 }) },
);

/** Delay before a failed job's next attempt (attempt ≥ 1), with decorrelated jitter. */
export function requeueDelayMs(attempt: number, initialMs = 2_000, maxMs = 5 * 60_000): number {
  let backoff: IBackoff<unknown> = new ExponentialBackoff({ initialDelay: initialMs, maxDelay: maxMs }).next();
  for (let i = 2; i <= attempt; i++) backoff = backoff.next(undefined);
  return Math.round(backoff.duration);
}
