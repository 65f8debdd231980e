/**
 * What a finished job's output becomes: a training job's artifact is verified (checksums,
 * format) before the model is registered — nothing half-written is ever registered — and a
 * batch prediction's output file must exist. Idempotent: finalizing twice registers once.
 */
import type { App } from '../../app.ts';
import { StorageError } from '../../core/errors.ts';
import type { JobRow, ModelRow } from '../../ports/store/index.ts';
import { isUniqueViolation } from '../../ports/store/repositories/shared.ts';
import type { JobResultFile, JobSpec } from '../../worker/spec.ts';
import { loadModelArtifact } from '../models/artifact-store.ts';

export async function finalizeJobOutput(app: App, job: JobRow, spec: JobSpec, result: JobResultFile): Promise<Record<string, unknown>> {
  const output = result.output ?? {};
  if (spec.kind === 'batch_predict') {
    if (!(await app.storage.exists(spec.output.key))) {
      throw new StorageError('OBJECT_NOT_FOUND', `The worker reported success but ${spec.output.key} is missing.`, { details: { key: spec.output.key } });
    }
    return { ...output, duration_ms: result.duration_ms };
  }
  const prefix = String(output.artifact_prefix ?? '');
  // Throws ARTIFACT_CORRUPT / ARTIFACT_INCOMPATIBLE for anything incomplete or tampered with.
  const model = await loadModelArtifact(app.storage, prefix);
  const registered = await registerModel(app, job, spec, model.features, output, prefix);
  return {
    model_id: registered.id,
    name: registered.name,
    version: registered.version,
    type: registered.type,
    task: registered.task,
    target: registered.target,
    features: model.features.map((f) => f.name),
    metrics: output.metrics ?? {},
    duration_ms: result.duration_ms,
  };
}

async function registerModel(
  app: App,
  job: JobRow,
  spec: Extract<JobSpec, { kind: 'train' }>,
  features: readonly { name: string; kind: string }[],
  output: Record<string, unknown>,
  prefix: string,
): Promise<ModelRow> {
  const existing = await app.store.models.get(spec.model_id, { userId: job.user_id });
  if (existing) return existing;
  try {
    const model = await app.store.models.register({
      id: spec.model_id,
      user_id: job.user_id,
      name: spec.model_name,
      type: String(output.type ?? spec.model_type),
      task: (output.task ?? spec.task ?? 'regression') as ModelRow['task'],
      target: spec.target,
      features_json: JSON.stringify(features),
      metrics_json: JSON.stringify(output.metrics ?? {}),
      info_json: JSON.stringify({
        params: output.params ?? spec.params,
        classes: output.classes ?? null,
        rows: output.rows ?? null,
        training_ms: output.training_ms ?? null,
        importance: output.importance ?? null,
        leaderboard: output.leaderboard ?? null,
        test_size: spec.test_size,
        seed: spec.seed,
      }),
      artifact_key: prefix,
      dataset_id: spec.dataset.id,
      job_id: job.id,
    });
    await app.store.audit.record({ userId: job.user_id, interface: 'worker', action: 'model.register', objectType: 'model', objectId: model.id, details: { name: model.name, version: model.version, job_id: job.id } });
    return model;
  } catch (error) {
    if (isUniqueViolation(error)) {
      const again = await app.store.models.get(spec.model_id, { userId: job.user_id });
      if (again) return again;
    }
    throw error;
  }
}
