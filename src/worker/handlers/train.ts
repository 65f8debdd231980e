/**
 * Executes a training job: dataset from storage → data engine → ML engine → artifact files
 * in users/<u>/models/<model_id>/ (manifest last, so a half-written artifact never verifies).
 */
import { readTableBytes } from '../../engine/data/read-table.ts';
import { encodeArtifact, MANIFEST_FILE } from '../../engine/ml/artifact/index.ts';
import { trainModel } from '../../engine/ml/train.ts';
import { jobKeys, modelPrefix } from '../job-files.ts';
import type { TrainSpec } from '../spec.ts';
import type { HandlerContext } from './context.ts';
import { dataLimits } from '../limits.ts';

export async function runTrain(spec: TrainSpec, ctx: HandlerContext): Promise<Record<string, unknown>> {
  ctx.events.progress('loading data', 0);
  const bytes = await ctx.storage.getBytes(spec.dataset.key);
  const table = await readTableBytes(bytes, spec.dataset.file_name, { limits: dataLimits(spec.limits) });
  for (const warning of table.warnings) ctx.events.log(warning, 'warn');
  ctx.events.progress('loading data', 5, { rows: table.frame.nRows, columns: table.frame.columns.length });

  // A checkpoint left by an interrupted attempt of this job: continue from it.
  const checkpointKey = jobKeys.checkpoint(spec.user_id, spec.job_id);
  const resume = (await ctx.storage.exists(checkpointKey)) ? await ctx.storage.getBytes(checkpointKey) : undefined;
  if (resume) ctx.events.log(`resuming from the checkpoint of an earlier attempt (${resume.byteLength} bytes)`);
  let saving: Promise<unknown> = Promise.resolve();
  const trained = await trainModel(table.frame, {
    checkpoint: {
      resume,
      everyIterations: 10,
      // Writes are chained so they land in order; the last one is awaited before we finish.
      save: (state, iteration) => {
        saving = saving.then(() => ctx.storage.put(checkpointKey, state)).then(() => ctx.events.emit('log', { level: 'info', message: `checkpoint at iteration ${iteration}` }));
      },
    },
    target: spec.target,
    modelType: spec.model_type,
    task: spec.task,
    params: spec.params,
    features: spec.features,
    testSize: spec.test_size,
    seed: spec.seed,
    signal: ctx.signal,
    onProgress: (p) => {
      // 5–90 % for fitting, by iterations when the model reports them.
      const fraction = p.total ? (p.iteration ?? 0) / p.total : p.stage === 'fit' ? 0.5 : p.stage === 'evaluate' ? 1 : 0;
      ctx.events.progress(p.stage, 5 + 85 * Math.min(1, fraction), p.metrics ? { metrics: p.metrics } : {});
    },
  }).finally(() => saving);
  ctx.events.progress('saving model', 92);

  const files = encodeArtifact(trained.model);
  const prefix = modelPrefix(spec.user_id, spec.model_id);
  const written: Array<{ name: string; size: number; sha256: string }> = [];
  const ordered = [...files.keys()].sort((a, b) => (a === MANIFEST_FILE ? 1 : b === MANIFEST_FILE ? -1 : a.localeCompare(b)));
  for (const name of ordered) {
    const put = await ctx.storage.put(prefix + name, files.get(name)!);
    written.push({ name, size: put.size, sha256: put.sha256 });
  }
  ctx.events.progress('done', 100, { metrics: trained.metrics });
  return {
    model_id: spec.model_id,
    artifact_prefix: prefix,
    files: written,
    type: trained.model.modelType,
    task: trained.task,
    target: spec.target,
    features: trained.model.features,
    classes: trained.classes ?? null,
    metrics: trained.metrics,
    params: trained.model.params,
    training_ms: Math.round(trained.durationMs),
    rows: table.frame.nRows,
  };
}
