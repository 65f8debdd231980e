import type { Command } from 'commander';
import { createApp } from '../../../app.ts';
import { createLogger } from '../../../core/logger.ts';
import { LocalStorage } from '../../../ports/storage/index.ts';
import { buildProviders, shutdownProviders } from '../../../services/jobs/providers.ts';
import { JobRunner } from '../../../services/jobs/runner.ts';
import { executeJob, parseJobUri } from '../../../worker/executor.ts';
import { action } from '../output.ts';

/** Exit code of a worker that stopped before finishing (it will be resumed): EX_TEMPFAIL. */
export const EXIT_INTERRUPTED = 75;

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run queued jobs (the same code as cloud workers); with SMA_JOB_URI set, execute that one job')
    .option('--once', 'run at most one job, then exit')
    .action(
      action(async (options: { once?: boolean }, command: Command) => {
        const jobUri = process.env.SMA_JOB_URI;
        if (jobUri) {
          process.exitCode = await executeFromUri(jobUri);
          return;
        }
        const app = await createApp({ file: command.optsWithGlobals<{ config?: string }>().config });
        const providers = buildProviders(app.config);
        const runner = new JobRunner(app, { providers });
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
        // Started by `sma serve`: stop when the server goes away.
        if (process.connected) process.once('disconnect', stop);
        try {
          if (options.once) {
            const job = await runner.runNext();
            app.logger.info({ job_id: job?.id, state: job?.state }, job ? `job ${job.id} ended ${job.state}` : 'no job to run');
          } else {
            app.logger.info({ runner: runner.owner }, 'worker started: waiting for jobs');
            await runner.loop(controller.signal);
          }
        } finally {
          await shutdownProviders(providers);
          await app.close();
          if (process.connected) process.disconnect();
        }
      }),
    );
}

/** Executor mode: no database, only the job's storage folder (as on a pod or in a function). */
async function executeFromUri(jobUri: string): Promise<number> {
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
  const outcome = await executeJob(new LocalStorage(root), userId, jobId, { signal: controller.signal });
  logger.info({ job_id: jobId, outcome }, `job ${outcome}`);
  if (process.connected) process.disconnect();
  return outcome === 'interrupted' ? EXIT_INTERRUPTED : 0;
}
