import type { Command } from 'commander';
import { createApp } from '../../../app.ts';
import { buildProviders, shutdownProviders } from '../../../services/jobs/providers.ts';
import { JobRunner } from '../../../services/jobs/runner.ts';
import { runWorkerFromEnv } from '../../../worker/entry.ts';
import { action } from '../output.ts';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run queued jobs (the same code as cloud workers); with SMA_JOB_URI set, execute that one job')
    .option('--once', 'run at most one job, then exit')
    .action(
      action(async (options: { once?: boolean }, command: Command) => {
        const jobUri = process.env.SMA_JOB_URI;
        if (jobUri) {
          process.exitCode = await runWorkerFromEnv(jobUri);
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
