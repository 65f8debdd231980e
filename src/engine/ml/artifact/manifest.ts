/** The manifest.json of a model artifact: what the model is, how it was made, and checksums. */
import type { FeatureSpec, Evaluation } from '../trained-model.ts';
import type { Task } from '../estimator.ts';

export const ARTIFACT_FORMAT = 'sma-model';
/** Bump on any change an older reader could misread; readers accept their own major version. */
export const ARTIFACT_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const ESTIMATOR_FILE = 'estimator.json';

export interface FileEntry {
  readonly sha256: string;
  readonly bytes: number;
}

export interface ArtifactManifest {
  readonly format: typeof ARTIFACT_FORMAT;
  readonly format_version: number;
  readonly created_at: string;
  readonly model_type: string;
  readonly task: Task;
  readonly target: string;
  readonly features: readonly FeatureSpec[];
  readonly feature_names: readonly string[];
  readonly classes?: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
  /** The fitted preprocessing pipeline (JSON, small). */
  readonly preprocessing: unknown;
  readonly metrics: unknown;
  readonly evaluation: Evaluation;
  readonly training_data: { readonly fingerprint_algorithm: 'sha256'; readonly fingerprint: string };
  readonly software: { readonly name: string; readonly version: string };
  /** Estimator state file (JSON with refs to .bin arrays). */
  readonly estimator_file: string;
  /** sha256 of every other file of the artifact. */
  readonly files: Readonly<Record<string, FileEntry>>;
  /** sha256 of this manifest serialised without this field: detects edits to the manifest itself. */
  readonly manifest_sha256?: string;
}
