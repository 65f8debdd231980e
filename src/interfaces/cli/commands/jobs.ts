import type { Command } from 'commander';
import { StateError } from '../../../core/errors.ts';
import { jobHistory, type JobRow } from '../../../ports/store/index.ts';
import { cancelJob } from '../../../services/jobs/cancel.ts';
import { ensureLocalUser } from '../../../services/auth/local-user.ts';
import { withApp } from '../context.ts';
import { action, formatUsd, printJson, printKeyValues, printTable } from '../output.ts';


export function jobView(job: JobRow): Record<string, unknown> {
  return {
    job_id: job.id,
    kind: job.kind,
    state: job.state,
    provider: job.provider,
    attempts: job.attempts,
    cost_usd: job.cost_usd,
    cost_estimate: job.cost_estimate_json ? JSON.parse(job.cost_estimate_json) : null,
    progress: job.progress_json ? JSON.parse(job.progress_json) : null,
    result: job.result_json ? JSON.parse(job.result_json) : null,
    error: job.error_json ? JSON.parse(job.error_json) : null,
    history: jobHistory(job),
    created_at: job.created_at,
    started_at: job.started_at,
    finished_at: job.finished_at,
  };
}

export function registerJobsCommand(program: Command): void {
  const jobs = program
    .command('jobs')
    // `jobs show <id> --json`: the subcommand's own --json, not the parent's.
    .enablePositionalOptions()
    .description('list, show and cancel jobs')
    .option('--json', 'print one JSON object')
    .action(
      action(async (options: { json?: boolean }, command: Command) => {
        await withApp(command.optsWithGlobals(), async (app) => {
          const user = await ensureLocalUser(app.store);
          const rows = await app.store.jobs.list({ userId: user.id });
          if (options.json) printJson({ jobs: rows.map(jobView) });
          else
            printTable(
              ['id', 'kind', 'state', 'provider', 'attempts', 'cost', 'created'],
              rows.map((j) => [j.id, j.kind, j.state, j.provider ?? '', j.attempts, formatUsd(j.cost_usd), j.created_at.slice(0, 19).replace('T', ' ')]),
              { empty: 'No jobs yet.' },
            );
        });
      }),
    );

  jobs
    .command('show <id>')
    .description('show a job with its state history')
    .option('--json', 'print one JSON object')
    .action(
      action(async (id: string, options: { json?: boolean }, command: Command) => {
        await withApp(command.optsWithGlobals(), async (app) => {
          const user = await ensureLocalUser(app.store);
          const job = await app.store.jobs.get(id, { userId: user.id });
          if (!job) throw new StateError('JOB_NOT_FOUND', `No job "${id}".`, { details: { job_id: id } });
          if (options.json) {
            printJson(jobView(job));
            return;
          }
          printKeyValues([
            ['id', job.id],
            ['kind', job.kind],
            ['state', job.state],
            ['provider', job.provider ?? '-'],
            ['attempts', `${job.attempts} of ${job.max_attempts}`],
            ['cost', formatUsd(job.cost_usd)],
          ]);
          printTable(['at', 'from', 'to', 'reason', 'actor'], jobHistory(job).map((h) => [h.at, h.from ?? '', h.to, h.reason, h.actor]));
        });
      }),
    );

  jobs
    .command('cancel <id>')
    .description('cancel a job that has not finished')
    .option('--json', 'print one JSON object')
    .action(
      action(async (id: string, options: { json?: boolean }, command: Command) => {
        await withApp(command.optsWithGlobals(), async (app) => {
          const user = await ensureLocalUser(app.store);
          const cancelled = await cancelJob(app, { userId: user.id }, id, 'cli');
          if (options.json) printJson(jobView(cancelled));
          else process.stdout.write(`Cancelled job ${cancelled.id}.\n`);
        });
      }),
    );
}
