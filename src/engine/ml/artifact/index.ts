export { decodeArtifact, encodeArtifact, readManifest, sha256Hex } from './codec.ts';
export { ARTIFACT_FORMAT, ARTIFACT_FORMAT_VERSION, ESTIMATOR_FILE, MANIFEST_FILE, type ArtifactManifest, type FileEntry } from './manifest.ts';
