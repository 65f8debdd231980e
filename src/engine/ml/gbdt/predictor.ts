/**
 * Prediction from flat compiled tree arrays: all trees of a model concatenated into one set of
 * typed arrays (child indices absolute), walked row by row over a block of trees so a row's
 * features stay in cache. Output k of row i sums the trees t with t % nOutputs = k.
 */
import type { Matrix } from '../estimator.ts';
import { decodeArray, encodeArray } from './codec.ts';
import { MISSING_BIN } from './dtypes.ts';
import type { Tree } from './tree.ts';

export interface CompiledForest {
  readonly nOutputs: number;
  readonly nFeatures: number;
  /** Root node of each tree. */
  readonly roots: Int32Array;
  /** Split feature, −1 on leaves. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly missingLeft: Uint8Array;
  readonly catOffset: Int32Array;
  readonly cats: Uint32Array;
  /** Raw prediction before any tree, per output. */
  readonly baseline: Float64Array;
}

export function compileForest(trees: readonly Tree[], nOutputs: number, nFeatures: number, baseline: Float64Array): CompiledForest {
  let nodes = 0;
  let words = 0;
  for (const t of trees) {
    nodes += t.feature.length;
    words += t.cats.length;
  }
  const f: CompiledForest = {
    nOutputs,
    nFeatures,
    roots: new Int32Array(trees.length),
    feature: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    value: new Float64Array(nodes),
    missingLeft: new Uint8Array(nodes),
    catOffset: new Int32Array(nodes),
    cats: new Uint32Array(words),
    baseline: Float64Array.from(baseline),
  };
  let base = 0;
  let wbase = 0;
  trees.forEach((t, ti) => {
    f.roots[ti] = base;
    const n = t.feature.length;
    f.feature.set(t.feature, base);
    f.threshold.set(t.threshold, base);
    f.value.set(t.value, base);
    f.missingLeft.set(t.missingLeft, base);
    f.cats.set(t.cats, wbase);
    for (let j = 0; j < n; j++) {
      f.left[base + j] = t.left[j] < 0 ? -1 : t.left[j] + base;
      f.right[base + j] = t.right[j] < 0 ? -1 : t.right[j] + base;
      f.catOffset[base + j] = t.catOffset[j] < 0 ? -1 : t.catOffset[j] + wbase;
    }
    base += n;
    wbase += t.cats.length;
  });
  return f;
}

const BLOCK = 64;

/**
 * Numeric-only forests (no categorical split) are walked from a packed layout: per node
 * [feature, left child, missing-goes-left] in one Int32Array, so a step touches two arrays
 * instead of six. Children are always adjacent (right = left + 1), so the step is branch-free.
 */
interface PackedForest {
  readonly meta: Int32Array;
}

const packed = new WeakMap<CompiledForest, PackedForest | null>();

function packNumeric(f: CompiledForest): PackedForest | null {
  let cached = packed.get(f);
  if (cached !== undefined) return cached;
  cached = null;
  let adjacent = true;
  for (let j = 0; j < f.feature.length && adjacent; j++) if (f.feature[j] >= 0 && f.right[j] !== f.left[j] + 1) adjacent = false;
  if (f.cats.length === 0 && adjacent) {
    const n = f.feature.length;
    const meta = new Int32Array(3 * n);
    for (let j = 0; j < n; j++) {
      meta[3 * j] = f.feature[j];
      meta[3 * j + 1] = f.left[j];
      meta[3 * j + 2] = f.missingLeft[j];
    }
    cached = { meta };
  }
  packed.set(f, cached);
  return cached;
}

/**
 * Raw predictions, output-major (k * rows + i), starting from the baseline. `scale` multiplies
 * every tree's value (forests average: 1 / trees per output).
 */
export function predictRaw(f: CompiledForest, X: Matrix, scale = 1, out = new Float64Array(X.rows * f.nOutputs)): Float64Array {
  const K = f.nOutputs;
  for (let k = 0; k < K; k++) out.fill(f.baseline[k], k * X.rows, (k + 1) * X.rows);
  const p = packNumeric(f);
  if (p !== null) predictNumeric(f, p.meta, X, scale, out);
  else predictGeneral(f, X, scale, out);
  return out;
}

function predictNumeric(f: CompiledForest, meta: Int32Array, X: Matrix, scale: number, out: Float64Array): void {
  const { rows, cols, data } = X;
  const K = f.nOutputs;
  const { roots, threshold, value } = f;
  const nTrees = roots.length;
  for (let i0 = 0; i0 < rows; i0 += BLOCK) {
    const i1 = Math.min(rows, i0 + BLOCK);
    for (let t = 0; t < nTrees; t++) {
      const root = roots[t];
      const o = (t % K) * rows;
      for (let i = i0; i < i1; i++) {
        const rb = i * cols;
        let node = root;
        let m = 3 * node;
        let fe = meta[m];
        while (fe >= 0) {
          const x = data[rb + fe];
          const goLeft = x <= threshold[node] || (x !== x && meta[m + 2] === 1);
          node = meta[m + 1] + (goLeft ? 0 : 1);
          m = 3 * node;
          fe = meta[m];
        }
        out[o + i] += scale * value[node];
      }
    }
  }
}

function predictGeneral(f: CompiledForest, X: Matrix, scale: number, out: Float64Array): void {
  const { rows, cols, data } = X;
  const K = f.nOutputs;
  const { roots, feature, threshold, left, right, value, missingLeft, catOffset, cats } = f;
  const nTrees = roots.length;
  for (let i0 = 0; i0 < rows; i0 += BLOCK) {
    const i1 = Math.min(rows, i0 + BLOCK);
    for (let t = 0; t < nTrees; t++) {
      const root = roots[t];
      const o = (t % K) * rows;
      for (let i = i0; i < i1; i++) {
        const rb = i * cols;
        let node = root;
        let fe = feature[node];
        while (fe >= 0) {
          const x = data[rb + fe];
          const co = catOffset[node];
          let goLeft: boolean;
          if (co < 0) goLeft = x <= threshold[node] || (x !== x && missingLeft[node] === 1);
          else {
            const b = x >= 0 && x < MISSING_BIN && x === Math.floor(x) ? x : MISSING_BIN;
            goLeft = (cats[co + (b >>> 5)] & (1 << (b & 31))) !== 0;
          }
          node = goLeft ? left[node] : right[node];
          fe = feature[node];
        }
        out[o + i] += scale * value[node];
      }
    }
  }
}

/** JSON-safe form of a compiled forest (typed arrays as base64 of their bytes: exact). */
export interface EncodedForest {
  readonly nOutputs: number;
  readonly nFeatures: number;
  readonly roots: string;
  readonly feature: string;
  readonly threshold: string;
  readonly left: string;
  readonly right: string;
  readonly value: string;
  readonly missingLeft: string;
  readonly catOffset: string;
  readonly cats: string;
  readonly baseline: string;
}

export function encodeForest(f: CompiledForest): EncodedForest {
  return {
    nOutputs: f.nOutputs,
    nFeatures: f.nFeatures,
    roots: encodeArray(f.roots),
    feature: encodeArray(f.feature),
    threshold: encodeArray(f.threshold),
    left: encodeArray(f.left),
    right: encodeArray(f.right),
    value: encodeArray(f.value),
    missingLeft: encodeArray(f.missingLeft),
    catOffset: encodeArray(f.catOffset),
    cats: encodeArray(f.cats),
    baseline: encodeArray(f.baseline),
  };
}

export function decodeForest(e: EncodedForest): CompiledForest {
  return {
    nOutputs: e.nOutputs,
    nFeatures: e.nFeatures,
    roots: decodeArray(e.roots, Int32Array),
    feature: decodeArray(e.feature, Int32Array),
    threshold: decodeArray(e.threshold, Float64Array),
    left: decodeArray(e.left, Int32Array),
    right: decodeArray(e.right, Int32Array),
    value: decodeArray(e.value, Float64Array),
    missingLeft: decodeArray(e.missingLeft, Uint8Array),
    catOffset: decodeArray(e.catOffset, Int32Array),
    cats: decodeArray(e.cats, Uint32Array),
    baseline: decodeArray(e.baseline, Float64Array),
  };
}
