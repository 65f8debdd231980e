import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { PredictionError } from '../../../core/errors.ts';
import { readTableFile } from '../../../engine/data/read-table.ts';
import { predictFrame } from '../../../engine/ml/predict.ts';
import { ensureLocalUser } from '../../../services/auth/local-user.ts';
import { loadModelArtifact } from '../../../services/models/artifact-store.ts';
import { predictionTable, writePredictionTable } from '../../../services/prediction/output.ts';
import { dataLimits } from '../../../worker/limits.ts';
import { withApp } from '../context.ts';
import { action, printJson, printTable } from '../output.ts';

interface PredictOptions {
  out?: string;
  proba?: boolean;
  json?: boolean;
}

export function registerPredictCommand(program: Command): void {
  program
    .command('predict <model> <file>')
    .description('predict with a model (id or name) on a data file; row order is kept, extra columns ignored')
    .option('--out <file>', 'write the input columns plus <target>_predicted (.csv, or .parquet)')
    .option('--proba', 'add one <target>_proba_<class> column per class (classification)')
    .option('--json', 'print one JSON object')
    .action(
      action(async (modelRef: string, file: string, options: PredictOptions, command: Command) => {
        await withApp(command.optsWithGlobals(), async (app) => {
          const user = await ensureLocalUser(app.store);
          const row = (await app.store.models.get(modelRef, { userId: user.id })) ?? (await app.store.models.getLatestByName(modelRef, { userId: user.id }));
          if (!row) throw new PredictionError('MODEL_NOT_FOUND', `No model "${modelRef}".`, { details: { model: modelRef } });
          const model = await loadModelArtifact(app.storage, row.artifact_key);
          const table = await readTableFile(file, { limits: dataLimits(app.config.limits) });
          const result = predictFrame(model, table.frame, { proba: options.proba });
          const columns = predictionTable(table.frame, model, result);
          const predictedName = columns[table.frame.columns.length].name;
          if (options.out) {
            const format = extname(options.out).toLowerCase() === '.parquet' ? 'parquet' : 'csv';
            await writeFile(options.out, await writePredictionTable(columns, format));
          }
          const summary = summarize(result.predictions);
          if (options.json) {
            printJson({
              model_id: row.id,
              name: row.name,
              version: row.version,
              target: row.target,
              task: row.task,
              rows: result.predictions.length,
              out: options.out ?? null,
              column: predictedName,
              summary,
              ...(options.out ? {} : { predictions: result.predictions, ...(result.probabilities ? { classes: result.classes, probabilities: result.probabilities } : {}) }),
            });
            return;
          }
          process.stdout.write(`Predicted ${result.predictions.length} rows with ${row.name} v${row.version}${options.out ? ` → ${options.out}` : ''}.\n`);
          const extra = columns.slice(table.frame.columns.length);
          const preview = Math.min(10, result.predictions.length);
          printTable(['row', ...extra.map((c) => c.name)], Array.from({ length: preview }, (_, i) => [i + 1, ...extra.map((c) => formatCell(c.values[i]))]));
          if (result.predictions.length > preview) process.stdout.write(`… ${result.predictions.length - preview} more rows${options.out ? '' : ' (use --out to write them all)'}\n`);
        });
      }),
    );
}

function formatCell(value: unknown): string {
  return typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(4)) : String(value ?? '');
}

/** Mean/min/max for numbers, counts per class for labels. */
function summarize(predictions: ReadonlyArray<number | string>): Record<string, unknown> {
  if (predictions.length > 0 && typeof predictions[0] === 'number') {
    const values = predictions as number[];
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return { mean: sum / values.length, min, max };
  }
  const counts: Record<string, number> = {};
  for (const p of predictions) counts[String(p)] = (counts[String(p)] ?? 0) + 1;
  return { counts };
}
