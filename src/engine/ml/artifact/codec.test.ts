import { describe, expect, it } from 'vitest';
import { SmaError } from '../../../core/errors.ts';
import { predictFrame } from '../predict.ts';
import { syntheticFrame } from '../testing/synthetic.ts';
import { trainModel } from '../train.ts';
import { decodeArtifact, encodeArtifact, readManifest } from './codec.ts';
import { ARTIFACT_FORMAT_VERSION } from './manifest.ts';
import { fromLittleEndian, toLittleEndian } from './typed-arrays.ts';

const frame = syntheticFrame('classification', 80, 11, 3);

async function files(): Promise<Map<string, Uint8Array>> {
  const { model } = await trainModel(frame, { target: 'target', modelType: 'decision_tree', params: { max_depth: 4 } });
  return encodeArtifact(model);
}

function errorOf(fn: () => unknown): SmaError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SmaError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

describe('model artifact', () => {
  it('is self-describing: manifest with version, model, features, preprocessing, metrics, fingerprint, checksums', async () => {
    const f = await files();
    const manifest = readManifest(f);
    expect(manifest.format_version).toBe(ARTIFACT_FORMAT_VERSION);
    expect(manifest.model_type).toBe('decision_tree');
    expect(manifest.task).toBe('classification');
    expect(manifest.target).toBe('target');
    expect(manifest.features.map((x) => x.name)).toEqual(['x1', 'x2', 'x3', 'color']);
    expect(manifest.classes).toEqual(['class_a', 'class_b', 'class_c']);
    expect(manifest.training_data.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.software.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(manifest.files)).toContain('estimator.json');
    expect(Object.keys(manifest.files).some((n) => n.endsWith('.bin'))).toBe(true);
    for (const name of Object.keys(manifest.files)) expect(f.has(name)).toBe(true);
  });

  it('round-trips to identical predictions and probabilities', async () => {
    const { model } = await trainModel(frame, { target: 'target', modelType: 'logistic' });
    const restored = decodeArtifact(encodeArtifact(model));
    expect(predictFrame(restored, frame, { proba: true })).toEqual(predictFrame(model, frame, { proba: true }));
    expect(restored.trainingFingerprint).toBe(model.trainingFingerprint);
  });

  it('refuses a tampered binary file, naming it', async () => {
    const f = await files();
    const bin = [...f.keys()].find((n) => n.endsWith('.bin')) as string;
    const bytes = Uint8Array.from(f.get(bin) as Uint8Array);
    bytes[0] ^= 1;
    f.set(bin, bytes);
    const error = errorOf(() => decodeArtifact(f));
    expect(error.code).toBe('ARTIFACT_CORRUPT');
    expect(error.details.file).toBe(bin);
    expect(error.message).toContain(bin);
  });

  it('refuses an edited manifest, a missing file and an unlisted file', async () => {
    const f = await files();
    const manifest = JSON.parse(decoder.decode(f.get('manifest.json'))) as Record<string, unknown>;
    const edited = new Map(f);
    edited.set('manifest.json', encoder.encode(JSON.stringify({ ...manifest, target: 'other' })));
    expect(errorOf(() => decodeArtifact(edited))).toMatchObject({ code: 'ARTIFACT_CORRUPT', details: { file: 'manifest.json' } });
    const missing = new Map(f);
    missing.delete('estimator.json');
    expect(errorOf(() => decodeArtifact(missing))).toMatchObject({ code: 'ARTIFACT_CORRUPT', details: { file: 'estimator.json' } });
    const extra = new Map(f);
    extra.set('arrays/extra.bin', new Uint8Array(8));
    expect(errorOf(() => decodeArtifact(extra))).toMatchObject({ code: 'ARTIFACT_CORRUPT', details: { file: 'arrays/extra.bin' } });
    const garbage = new Map(f);
    garbage.set('manifest.json', encoder.encode('{not json'));
    expect(errorOf(() => decodeArtifact(garbage))).toMatchObject({ code: 'ARTIFACT_CORRUPT', details: { file: 'manifest.json' } });
  });

  it('refuses a consistently re-sealed manifest that lacks required fields as incompatible', async () => {
    const f = await files();
    const { createHash } = await import('node:crypto');
    const manifest = JSON.parse(decoder.decode(f.get('manifest.json'))) as Record<string, unknown>;
    delete manifest.preprocessing;
    delete manifest.manifest_sha256;
    manifest.manifest_sha256 = createHash('sha256').update(JSON.stringify(manifest)).digest('hex');
    f.set('manifest.json', encoder.encode(JSON.stringify(manifest)));
    expect(errorOf(() => decodeArtifact(f))).toMatchObject({ code: 'ARTIFACT_INCOMPATIBLE', details: { file: 'manifest.json', missing_fields: ['preprocessing'] } });
  });

  it('refuses another format version as incompatible', async () => {
    const f = await files();
    const manifest = JSON.parse(decoder.decode(f.get('manifest.json'))) as Record<string, unknown>;
    f.set('manifest.json', encoder.encode(JSON.stringify({ ...manifest, format_version: ARTIFACT_FORMAT_VERSION + 1 })));
    expect(errorOf(() => decodeArtifact(f))).toMatchObject({ code: 'ARTIFACT_INCOMPATIBLE', details: { file: 'manifest.json' } });
  });

  it('stores typed arrays little-endian, NaN and infinities included', () => {
    const values = Float64Array.of(1.5, -0, Number.NaN, Infinity, -Infinity, 1e-300);
    const bytes = toLittleEndian(values, 'float64');
    expect(bytes[7]).toBe(0x3f); // 1.5 = 0x3FF8000000000000, most significant byte last
    expect(Array.from(fromLittleEndian(bytes, 'float64', values.length))).toEqual(Array.from(values));
    const ints = Int32Array.of(-1, 2, 2147483647);
    expect(Array.from(fromLittleEndian(toLittleEndian(ints, 'int32'), 'int32', 3))).toEqual([-1, 2, 2147483647]);
  });
});
