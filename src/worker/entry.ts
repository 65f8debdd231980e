/**
 * The worker process entry when SMA_JOB_URI is set (how every provider starts us): execute
 * that one job from storage and exit. Loaded directly by bin/sma.js, without the CLI, so a
 * worker starts fast. Exit 0: a result was written; 75: interrupted (resume later); 1: crashed.
 */
import { createLogger } from '../core/logger.ts';
import { LocalStorage } from '../ports/storage/index.ts';
import { executeJob, parseJobUri } from './executor.ts';

export const EXIT_INTERRUPTED = 75;

export async function runWorkerFromEnv(jobUri: string): Promise<number> {
  const logger = createLogger({ name: 'sma-worker', pretty: false, level: process.env.SMA_LOG_LEVEL ?? 'info' });
  const { root, userId, jobId } = parseJobUri(jobUri);
  const controller = new AbortController();
  const stop = (reason: string) => () => {
    logger.warn({ job_id: jobId, reason }, 'stopping: saving progress');
    controller.abort(new Error(reason));
  };
  process.once('SIGTERM', stop('SIGTERM'));
  process.once('SIGINT', stop('SIGINT'));
  // Launched by a runner over IPC: if the runner dies, stop too (its lease will move on).
  if (process.connected) process.once('disconnect', stop('runner went away'));
  logger.info({ job_id: jobId, user_id: userId }, 'executing job');
  try {
    const outcome = await executeJob(new LocalStorage(root), userId, jobId, { signal: controller.signal });
    logger.info({ job_id: jobId, outcome }, `job ${outcome}`);
    return outcome === 'interrupted' ? EXIT_INTERRUPTED : 0;
  } catch (error) {
    logger.error({ err: error, job_id: jobId }, 'worker crashed');
    return 1;
  } finally {
    if (process.connected) process.disconnect();
  }
}
