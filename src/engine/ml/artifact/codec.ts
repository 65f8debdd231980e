/**
 * Model artifact encoding: a TrainedModel ↔ named files (manifest.json, estimator.json,
 * arrays/*.bin). No I/O: the caller stores the bytes through the storage port. Decoding
 * verifies format version and every checksum before trusting anything.
 */
import { createHash } from 'node:crypto';
import { StorageError, TrainingError } from '../../../core/errors.ts';
import { VERSION } from '../../../core/version.ts';
import type { Estimator, SerializedEstimator, Task } from '../estimator.ts';
import type { Metrics } from '../metrics/index.ts';
import type { FittedPreprocessor } from '../preprocess/pipeline.ts';
import { getModelEntry } from '../registry.ts';
import type { TrainedModel } from '../trained-model.ts';
import { ARTIFACT_FORMAT, ARTIFACT_FORMAT_VERSION, ESTIMATOR_FILE, MANIFEST_FILE, type ArtifactManifest, type FileEntry } from './manifest.ts';
import { extractArrays, restoreArrays } from './typed-arrays.ts';

const encoder = new TextEncoder();

const REQUIRED_FIELDS = ['created_at', 'model_type', 'task', 'target', 'features', 'feature_names', 'params', 'preprocessing', 'metrics', 'evaluation', 'training_data', 'software', 'estimator_file', 'files'] as const;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function jsonBytes(value: unknown): Uint8Array {
  return encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
}

function manifestDigest(manifest: ArtifactManifest): string {
  const { manifest_sha256: _omit, ...rest } = manifest;
  return sha256Hex(encoder.encode(JSON.stringify(rest)));
}

export function encodeArtifact(model: TrainedModel): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const serialized: SerializedEstimator = model.estimator.toJSON();
  if (serialized.fitted === undefined || serialized.fitted === null) {
    throw new TrainingError('TRAINING_FAILED', `Cannot save the ${model.modelType} model: it is not fitted`, { details: { model_type: model.modelType } });
  }
  const estimatorJson = extractArrays({ type: serialized.type, task: model.estimator.task, params: serialized.params, fitted: serialized.fitted }, files, 'arrays/');
  files.set(ESTIMATOR_FILE, jsonBytes(estimatorJson));
  const entries: Record<string, FileEntry> = {};
  for (const [name, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) entries[name] = { sha256: sha256Hex(bytes), bytes: bytes.byteLength };
  const manifest: ArtifactManifest = {
    format: ARTIFACT_FORMAT,
    format_version: ARTIFACT_FORMAT_VERSION,
    created_at: model.createdAt,
    model_type: model.modelType,
    task: model.task,
    target: model.target,
    features: model.features,
    feature_names: model.featureNames,
    classes: model.classes,
    params: model.params,
    preprocessing: extractArrays(model.preprocessor, files, 'arrays/preprocessing.'),
    metrics: extractArrays(model.metrics, files, 'arrays/metrics.'),
    evaluation: model.evaluation,
    training_data: { fingerprint_algorithm: 'sha256', fingerprint: model.trainingFingerprint },
    software: { name: 'statistical-modeling-agent', version: VERSION },
    estimator_file: ESTIMATOR_FILE,
    files: entries,
  };
  const sealed: ArtifactManifest = { ...manifest, manifest_sha256: manifestDigest(manifest) };
  files.set(MANIFEST_FILE, jsonBytes(sealed));
  return files;
}

function corrupt(file: string, message: string): StorageError {
  return new StorageError('ARTIFACT_CORRUPT', `Model artifact file ${file}: ${message}`, { details: { file } });
}

function incompatible(file: string, message: string, details: Record<string, unknown> = {}): StorageError {
  return new StorageError('ARTIFACT_INCOMPATIBLE', `Model artifact file ${file}: ${message}`, { details: { file, ...details } });
}

function parseJson(files: Map<string, Uint8Array>, name: string): unknown {
  const bytes = files.get(name);
  if (!bytes) throw corrupt(name, 'is missing');
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw corrupt(name, 'is not valid JSON');
  }
}

/** Reads only the manifest, verified (for listings that do not need the model itself). */
export function readManifest(files: Map<string, Uint8Array>): ArtifactManifest {
  const raw = parseJson(files, MANIFEST_FILE);
  if (raw === null || typeof raw !== 'object') throw corrupt(MANIFEST_FILE, 'is not an object');
  const manifest = raw as ArtifactManifest;
  if (manifest.format !== ARTIFACT_FORMAT) throw incompatible(MANIFEST_FILE, `is not an SMA model manifest (format ${String(manifest.format)})`);
  if (manifest.format_version !== ARTIFACT_FORMAT_VERSION) {
    throw incompatible(MANIFEST_FILE, `has format version ${String(manifest.format_version)}; this version reads ${ARTIFACT_FORMAT_VERSION}`, {
      format_version: manifest.format_version,
      supported: ARTIFACT_FORMAT_VERSION,
    });
  }
  if (manifest.manifest_sha256 !== manifestDigest(manifest)) throw corrupt(MANIFEST_FILE, 'was modified after the model was saved (checksum mismatch)');
  const missing = REQUIRED_FIELDS.filter((key) => manifest[key] === undefined || manifest[key] === null);
  if (missing.length > 0) throw incompatible(MANIFEST_FILE, `lacks required fields: ${missing.join(', ')}`, { missing_fields: missing });
  if (typeof manifest.files !== 'object' || typeof manifest.estimator_file !== 'string') throw incompatible(MANIFEST_FILE, 'has a malformed file list');
  return manifest;
}

export function decodeArtifact(files: Map<string, Uint8Array>): TrainedModel {
  const manifest = readManifest(files);
  for (const [name, entry] of Object.entries(manifest.files)) {
    const bytes = files.get(name);
    if (!bytes) throw corrupt(name, 'is missing');
    if (bytes.byteLength !== entry.bytes || sha256Hex(bytes) !== entry.sha256) throw corrupt(name, 'does not match its checksum');
  }
  for (const name of files.keys()) {
    if (name !== MANIFEST_FILE && !Object.hasOwn(manifest.files, name)) throw corrupt(name, 'is not listed in the manifest');
  }
  const read = (name: string): Uint8Array => {
    if (!Object.hasOwn(manifest.files, name)) throw corrupt(name, 'is referenced but not listed in the manifest');
    return files.get(name) as Uint8Array;
  };
  let entryType: ReturnType<typeof getModelEntry>;
  try {
    entryType = getModelEntry(manifest.model_type);
  } catch {
    throw incompatible(MANIFEST_FILE, `model type "${manifest.model_type}" is not available in this version`, { model_type: manifest.model_type });
  }
  const state = restoreArrays(parseJson(files, manifest.estimator_file), read) as { type: string; task: Task; params: Record<string, unknown>; fitted: unknown };
  let estimator: Estimator;
  try {
    estimator = entryType.create(state.params, state.task ?? manifest.task);
  } catch (error) {
    throw incompatible(manifest.estimator_file, 'holds parameters this version does not accept', { cause: error instanceof Error ? error.message : String(error) });
  }
  restoreFitted(estimator, state.fitted);
  return {
    modelType: manifest.model_type,
    task: manifest.task,
    target: manifest.target,
    features: manifest.features,
    featureNames: manifest.feature_names,
    classes: manifest.classes,
    params: manifest.params,
    preprocessor: restoreArrays(manifest.preprocessing, read) as FittedPreprocessor,
    estimator,
    metrics: restoreArrays(manifest.metrics, read) as Metrics,
    evaluation: manifest.evaluation,
    trainingFingerprint: manifest.training_data.fingerprint,
    createdAt: manifest.created_at,
  };
}

/** Uses the estimator's setFitted when it has one, else sets the `fitted` property. */
function restoreFitted(estimator: Estimator, fitted: unknown): void {
  const withSetter = estimator as Estimator & { setFitted?: (f: unknown) => void };
  if (typeof withSetter.setFitted === 'function') withSetter.setFitted(fitted);
  else Object.defineProperty(estimator, 'fitted', { value: fitted, writable: true, configurable: true, enumerable: true });
}
