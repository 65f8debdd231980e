/**
 * Boosting state ↔ bytes. JSON with typed arrays as base64 of their raw bytes, so floats are
 * restored bit-exactly and a resumed run continues exactly where the first one stopped.
 */
import { TrainingError } from '../../../core/errors.ts';
import type { BoostingState } from './boosting.ts';
import { decodeArray, encodeArray } from './codec.ts';
import type { Tree } from './tree.ts';

const FORMAT = 'sma-gbdt-checkpoint';
const VERSION = 1;

type EncodedTree = Record<keyof Tree, string>;

export interface CheckpointEnvelope {
  readonly type: string;
  readonly params: unknown;
  readonly seed: number;
  readonly state: BoostingState;
}

function encodeTree(t: Tree): EncodedTree {
  return {
    feature: encodeArray(t.feature),
    threshold: encodeArray(t.threshold),
    binThreshold: encodeArray(t.binThreshold),
    missingLeft: encodeArray(t.missingLeft),
    left: encodeArray(t.left),
    right: encodeArray(t.right),
    value: encodeArray(t.value),
    catOffset: encodeArray(t.catOffset),
    cats: encodeArray(t.cats),
    gain: encodeArray(t.gain),
    count: encodeArray(t.count),
  };
}

function decodeTree(e: EncodedTree): Tree {
  return {
    feature: decodeArray(e.feature, Int32Array),
    threshold: decodeArray(e.threshold, Float64Array),
    binThreshold: decodeArray(e.binThreshold, Uint8Array),
    missingLeft: decodeArray(e.missingLeft, Uint8Array),
    left: decodeArray(e.left, Int32Array),
    right: decodeArray(e.right, Int32Array),
    value: decodeArray(e.value, Float64Array),
    catOffset: decodeArray(e.catOffset, Int32Array),
    cats: decodeArray(e.cats, Uint32Array),
    gain: decodeArray(e.gain, Float64Array),
    count: decodeArray(e.count, Float64Array),
  };
}

export function encodeCheckpoint(c: CheckpointEnvelope): Uint8Array {
  const s = c.state;
  const json = JSON.stringify({
    format: FORMAT,
    version: VERSION,
    type: c.type,
    params: c.params,
    seed: c.seed,
    state: {
      iteration: s.iteration,
      nOutputs: s.nOutputs,
      nFeatures: s.nFeatures,
      baseline: encodeArray(s.baseline),
      trees: s.trees.map(encodeTree),
      rngState: s.rngState,
      valScores: s.valScores,
      stopped: s.stopped,
    },
  });
  return new TextEncoder().encode(json);
}

interface RawCheckpoint {
  format?: unknown;
  version?: unknown;
  type: string;
  params: unknown;
  seed: number;
  state: {
    iteration: number;
    nOutputs: number;
    nFeatures: number;
    baseline: string;
    trees: EncodedTree[];
    rngState: number;
    valScores: number[];
    stopped: boolean;
  };
}

export function decodeCheckpoint(bytes: Uint8Array): CheckpointEnvelope {
  let raw: RawCheckpoint;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes)) as RawCheckpoint;
  } catch (cause) {
    throw new TrainingError('TRAINING_FAILED', 'The checkpoint is not readable (corrupt or truncated)', { cause });
  }
  if (raw.format !== FORMAT || raw.version !== VERSION) {
    throw new TrainingError('TRAINING_FAILED', `Not a ${FORMAT} v${VERSION} checkpoint`, { details: { format: raw.format, version: raw.version } });
  }
  const s = raw.state;
  return {
    type: raw.type,
    params: raw.params,
    seed: raw.seed,
    state: {
      iteration: s.iteration,
      nOutputs: s.nOutputs,
      nFeatures: s.nFeatures,
      baseline: decodeArray(s.baseline, Float64Array),
      trees: s.trees.map(decodeTree),
      rngState: s.rngState,
      valScores: [...s.valScores],
      stopped: s.stopped,
    },
  };
}
