import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DataFileError, errorFromObject, ValidationError } from '../../../core/errors.ts';
import { parseParamArgs } from '../../../engine/ml/params.ts';
import { ensureLocalUser } from '../../../services/auth/local-user.ts';
import { ingestDataset } from '../../../services/datasets/ingest.ts';
import { followJob } from '../../../services/jobs/event-stream.ts';
import { buildProviders, shutdownProviders } from '../../../services/jobs/providers.ts';
import { JobRunner } from '../../../services/jobs/runner.ts';
import { submitTraining } from '../../../services/training/submit.ts';
import { withApp } from '../context.ts';
import { action, formatUsd, printJson, printTable } from '../output.ts';
import { createProgressView } from '../progress.ts';
import type { JobRow } from '../../../ports/store/index.ts';

interface TrainOptions {
  target: string;
  model: string;
  task?: 'regression' | 'classification';
  name?: string;
  param?: string[];
  testSize: string;
  seed: string;
  json?: boolean;
  budget?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerTrainCommand(program: Command): void {
  program
    .command('train <file>')
    .description('train a model on a data file (CSV, TSV, XLSX, Parquet, JSON); runs as a job with progress')
    .requiredOption('--target <col>', 'the column to predict')
    .option('--model <type>', 'linear ridge lasso elasticnet polynomial logistic decision_tree random_forest gradient_boosting mlp naive_bayes knn svm auto', 'gradient_boosting')
    .option('--task <task>', 'regression | classification (inferred from the target when omitted)')
    .option('--name <name>', 'model name, 3–100 characters (default "<Type> · <target> · <date>"; reusing a name adds a version)')
    .option('--param <key=value>', 'a hyperparameter, repeatable (e.g. --param max_depth=4)', collect)
    .option('--test-size <fraction>', 'held-out fraction for the metrics', '0.2')
    .option('--seed <n>', 'random seed', '42')
    .option('--budget <usd>', 'hard cost cap for this job')
    .option('--json', 'print one JSON object: {model_id, name, type, task, target, features, metrics, duration_ms}')
    .action(
      action(async (file: string, options: TrainOptions, command: Command) => {
        if (options.task && !['regression', 'classification'].includes(options.task)) {
          throw new ValidationError('VALIDATION_FAILED', `--task must be regression or classification (got "${options.task}").`, { details: { task: options.task } });
        }
        const testSize = Number(options.testSize);
        const seed = Number.parseInt(options.seed, 10);
        if (!Number.isFinite(testSize) || !Number.isInteger(seed)) {
          throw new ValidationError('VALIDATION_FAILED', '--test-size must be a number and --seed an integer.', { details: { test_size: options.testSize, seed: options.seed } });
        }
        const params = parseParamArgs(options.param ?? []);
        const bytes = await readFile(file).catch((cause: unknown) => {
          throw new DataFileError('FILE_NOT_FOUND', `${file} does not exist or cannot be read.`, { details: { file }, cause });
        });
        await withApp(command.optsWithGlobals(), async (app) => {
          const user = await ensureLocalUser(app.store);
          const { dataset, table } = await ingestDataset(app, user, { bytes, fileName: file }, 'cli');
          const submitted = await submitTraining(
            app,
            user,
            { datasetId: dataset.id, target: options.target, modelType: options.model, task: options.task, params, testSize, seed, name: options.name, budgetUsd: options.budget ? Number(options.budget) : undefined },
            { via: 'cli' },
          ).catch(async (error: unknown) => {
            // The request was refused: the copy of the file made for it has no other use.
            await app.store.datasets.delete(dataset.id, { userId: user.id });
            await app.storage.delete(dataset.storage_key);
            throw error;
          });
          const { job, estimate } = submitted;
          if (!options.json) {
            process.stderr.write(`Training ${options.model} on ${table.frame.nRows} rows × ${table.frame.columns.length} columns (job ${job.id}); estimated cost ${formatUsd(estimate.low_usd)}–${formatUsd(estimate.high_usd)}\n`);
          }
          const final = await runAndFollow(app, job.id, Boolean(options.json));
          if (!final || final.state !== 'succeeded') {
            const error = final?.error_json ? errorFromObject(JSON.parse(final.error_json)) : undefined;
            if (error) throw error;
            throw new ValidationError('VALIDATION_FAILED', `Job ${job.id} ended ${final?.state ?? 'unknown'}.`, { details: { job_id: job.id } });
          }
          const result = JSON.parse(final.result_json ?? '{}') as Record<string, unknown>;
          const out = {
            model_id: result.model_id,
            name: result.name,
            version: result.version,
            type: result.type,
            task: result.task,
            target: result.target,
            features: result.features,
            metrics: result.metrics,
            duration_ms: result.duration_ms,
            job_id: final.id,
            cost_usd: final.cost_usd,
          };
          if (options.json) {
            printJson(out);
            return;
          }
          process.stdout.write(`Model ${String(out.name)} (v${String(out.version)}, ${String(out.model_id)}) trained in ${(Number(out.duration_ms) / 1000).toFixed(1)} s.\n`);
          const metrics = (out.metrics ?? {}) as Record<string, unknown>;
          printTable(['metric', 'value'], Object.entries(metrics).filter(([, v]) => typeof v === 'number').map(([k, v]) => [k, (v as number).toFixed(4)]));
          process.stdout.write(`Predict with: sma predict ${String(out.model_id)} <file> --out predictions.csv\n`);
        });
      }),
    );
}

/**
 * Runs the job in this process when nobody else has claimed it (a `sma serve` worker may have),
 * streaming its events to the progress view either way.
 */
async function runAndFollow(app: Parameters<Parameters<typeof withApp>[1]>[0], jobId: string, quiet: boolean): Promise<JobRow | undefined> {
  const view = createProgressView(quiet);
  const providers = buildProviders(app.config);
  const runner = new JobRunner(app, { providers, owner: `cli:${process.pid}` });
  const controller = new AbortController();
  const follow = (async () => {
    const stream = followJob(app.store, jobId, { signal: controller.signal });
    for (;;) {
      const next = await stream.next();
      if (next.done) return next.value;
      view.onEvent(next.value);
    }
  })();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    await runner.runJob(jobId).catch((error: unknown) => {
      controller.abort();
      throw error;
    });
    return await follow;
  } finally {
    process.removeListener('SIGINT', stop);
    view.stop();
    await shutdownProviders(providers);
  }
}
