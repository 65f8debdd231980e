/**
 * The worker process entry when SMA_JOB_URI is set (how every provider starts us): execute
 * that one job from storage and exit. Loaded directly by bin/sma.js, without the CLI, so a
 * worker starts fast. Exit 0: a result was written; 75: interrupted (resume later); 1: crashed.
 */
import { createLogger } from '../core/logger.ts';
import { LocalStorage, S3Storage, type StoragePort } from '../ports/storage/index.ts';
import { s3OptionsFromEnv } from '../ports/storage/s3.ts';
import { executeJob, parseJobUri } from './executor.ts';

export const EXIT_INTERRUPTED = 75;

export async function runWorkerFromEnv(jobUri: string): Promise<number> {
  const logger = createLogger({ name: 'sma-worker', pretty: false, level: process.env.SMA_LOG_LEVEL ?? 'info' });
  const { root, userId, jobId, scheme } = parseJobUri(jobUri);
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
  const storage = storageFor(scheme, root);
  try {
    const outcome = await executeJob(storage, userId, jobId, { signal: controller.signal });
    logger.info({ job_id: jobId, outcome }, `job ${outcome}`);
    return outcome === 'interrupted' ? EXIT_INTERRUPTED : 0;
  } catch (error) {
    logger.error({ err: error, job_id: jobId }, 'worker crashed');
    return 1;
  } finally {
    // Idle keep-alive sockets of the S3 client would keep the process alive.
    if (storage instanceof S3Storage) storage.destroy();
    if (process.connected) process.disconnect();
  }
}

/** The storage a job URI names: a directory, or a bucket reached with the env's S3 settings. */
export function storageFor(scheme: 'file' | 's3', root: string, env: NodeJS.ProcessEnv = process.env): StoragePort {
  return scheme === 's3' ? new S3Storage(s3OptionsFromEnv(root, env)) : new LocalStorage(root);
}
