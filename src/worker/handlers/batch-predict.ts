/**
 * Executes a batch prediction: model artifact + dataset from storage → predictions written as
 * CSV or Parquet to the output key (input columns, then <target>_predicted and probabilities).
 */
import { readTableBytes } from '../../engine/data/read-table.ts';
import type { BatchPredictSpec } from '../spec.ts';
import type { HandlerContext } from './context.ts';
import { dataLimits } from '../limits.ts';
import { loadModelArtifact } from '../../services/models/artifact-store.ts';
import { predictFrame } from '../../engine/ml/predict.ts';
import { predictionTable, writePredictionTable } from '../../services/prediction/output.ts';

export async function runBatchPredict(spec: BatchPredictSpec, ctx: HandlerContext): Promise<Record<string, unknown>> {
  ctx.events.progress('loading model', 0);
  const model = await loadModelArtifact(ctx.storage, spec.model.artifact_prefix);
  ctx.events.progress('loading data', 10);
  const bytes = await ctx.storage.getBytes(spec.dataset.key);
  const table = await readTableBytes(bytes, spec.dataset.file_name, { limits: dataLimits(spec.limits) });
  ctx.events.progress('predicting', 40, { rows: table.frame.nRows });
  const result = predictFrame(model, table.frame, { proba: spec.proba });
  const output = predictionTable(table.frame, model, result);
  const encoded = await writePredictionTable(output, spec.output.format);
  const put = await ctx.storage.put(spec.output.key, encoded);
  ctx.events.progress('done', 100);
  return { output_key: spec.output.key, format: spec.output.format, rows: table.frame.nRows, size: put.size, sha256: put.sha256 };
}
