/**
 * Model artifacts through the storage port: the engine encodes/decodes bytes, this module
 * moves them. Loading verifies format and checksums (decodeArtifact refuses tampered files).
 */
import { decodeArtifact } from '../../engine/ml/artifact/index.ts';
import type { TrainedModel } from '../../engine/ml/trained-model.ts';
import { PredictionError } from '../../core/errors.ts';
import type { StoragePort } from '../../ports/storage/index.ts';

export async function readArtifactFiles(storage: StoragePort, prefix: string): Promise<Map<string, Uint8Array>> {
  const objects = await storage.list(prefix);
  const files = new Map<string, Uint8Array>();
  for (const object of objects) files.set(object.key.slice(prefix.length), await storage.getBytes(object.key));
  return files;
}

export async function loadModelArtifact(storage: StoragePort, prefix: string): Promise<TrainedModel> {
  const files = await readArtifactFiles(storage, prefix);
  if (files.size === 0) {
    throw new PredictionError('MODEL_NOT_FOUND', `No model files under ${prefix}.`, { details: { artifact_prefix: prefix }, recovery: 'The model files are gone; retrain the model.' });
  }
  return decodeArtifact(files);
}

/** A small cache of decoded models, keyed by artifact prefix (artifacts never change once written). */
export class ModelCache {
  private readonly entries = new Map<string, Promise<TrainedModel>>();
  constructor(private readonly capacity = 16) {}

  get(storage: StoragePort, prefix: string): Promise<TrainedModel> {
    const hit = this.entries.get(prefix);
    if (hit) {
      this.entries.delete(prefix);
      this.entries.set(prefix, hit);
      return hit;
    }
    const loading = loadModelArtifact(storage, prefix);
    loading.catch(() => this.entries.delete(prefix));
    this.entries.set(prefix, loading);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return loading;
  }
}
