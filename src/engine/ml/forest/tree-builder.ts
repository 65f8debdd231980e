/**
 * Depth-first CART growth on binned data for random forests. The criterion is squared error on
 * K targets: the raw target for regression, one-hot classes for classification — the sum over
 * classes of one-hot variances is exactly the Gini impurity, so this is sklearn's criterion.
 * Each node draws `maxFeatures` candidate features and builds a per-feature histogram of
 * [Σw, count, Σw·y_k] over the node's rows (bootstrap counts as weights); only the bin range
 * actually present is cleared and scanned, which keeps deep, small nodes cheap.
 */
import { MISSING_BIN, type BinCodes } from '../gbdt/dtypes.ts';
import type { StatefulRng } from '../gbdt/rng.ts';
import { TreeBuilder, type Tree } from '../gbdt/tree.ts';

export interface ForestData {
  readonly binned: BinCodes;
  readonly nRows: number;
  readonly nFeatures: number;
  readonly nBins: Int32Array;
  readonly edges: readonly Float64Array[];
  /** K targets, output-major (k * nRows + i). */
  readonly targets: Float64Array;
  readonly K: number;
}

export interface ForestTreeParams {
  readonly maxDepth: number | null;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  readonly maxFeatures: number;
}

/** A tree whose node values have stride K (value[node * K + k]). */
export interface MultiOutputTree {
  readonly tree: Tree;
  readonly K: number;
}

interface Pending {
  id: number;
  start: number;
  end: number;
  depth: number;
}

/** Scratch reused across trees of one thread (no per-node allocation besides the node list). */
export class ForestTreeGrower {
  private readonly stride: number;
  private readonly hist: Float64Array;
  private readonly scratch: Uint32Array;
  private readonly sums: Float64Array;
  private readonly bestL: Float64Array;
  private readonly curL: Float64Array;
  private readonly features: Int32Array;

  constructor(private readonly d: ForestData) {
    this.stride = d.K + 2;
    this.hist = new Float64Array(256 * this.stride);
    this.scratch = new Uint32Array(d.nRows);
    this.sums = new Float64Array(d.K);
    this.bestL = new Float64Array(d.K + 2);
    this.curL = new Float64Array(d.K + 2);
    this.features = new Int32Array(d.nFeatures);
  }

  /** rows[0..m) hold the rows with weight > 0; the array is reordered. */
  grow(rows: Uint32Array, m: number, weights: Float64Array, rng: StatefulRng, p: ForestTreeParams): MultiOutputTree {
    const { d } = this;
    const K = d.K;
    const tb = new TreeBuilder();
    const values: number[] = [];
    const stack: Pending[] = [];
    const push = (start: number, end: number, depth: number): void => {
      const id = tb.addLeaf(0, 0);
      stack.push({ id, start, end, depth });
    };
    push(0, m, 0);
    const sums = this.sums;
    while (stack.length > 0) {
      const node = stack.pop() as Pending;
      // node totals
      sums.fill(0);
      let W = 0;
      let sq = 0;
      for (let j = node.start; j < node.end; j++) {
        const r = rows[j];
        const w = weights[r];
        W += w;
        for (let k = 0; k < K; k++) {
          const y = d.targets[k * d.nRows + r];
          sums[k] += w * y;
          sq += w * y * y;
        }
      }
      let sse = sq;
      for (let k = 0; k < K; k++) sse -= (sums[k] * sums[k]) / W;
      const count = node.end - node.start;
      tb.count[node.id] = W;
      for (let k = 0; k < K; k++) values[node.id * K + k] = sums[k] / W;
      const canSplit =
        count >= p.minSamplesSplit && count >= 2 * p.minSamplesLeaf && (p.maxDepth === null || node.depth < p.maxDepth) && sse > 1e-12 * W;
      if (!canSplit) continue;
      const split = this.bestSplit(rows, node.start, node.end, weights, rng, p, W);
      if (split === null) continue;
      const mid = this.partition(rows, node.start, node.end, split.feature, split.bin, split.missingLeft);
      const f = split.feature;
      const threshold = split.bin >= d.edges[f].length ? Infinity : d.edges[f][split.bin];
      const leftId = tb.feature.length;
      // children: right pushed first so the left one is grown next (ids stay depth-first)
      const rightId = leftId + 1;
      tb.addLeaf(0, 0);
      tb.addLeaf(0, 0);
      tb.setSplit(node.id, f, split.bin, threshold, split.missingLeft, null, split.gain, leftId, rightId);
      stack.push({ id: rightId, start: mid, end: node.end, depth: node.depth + 1 });
      stack.push({ id: leftId, start: node.start, end: mid, depth: node.depth + 1 });
    }
    const tree = tb.finish();
    return { tree: { ...tree, value: Float64Array.from(values) }, K };
  }

  private bestSplit(
    rows: Uint32Array,
    start: number,
    end: number,
    weights: Float64Array,
    rng: StatefulRng,
    p: ForestTreeParams,
    W: number,
  ): { feature: number; bin: number; missingLeft: boolean; gain: number } | null {
    const { d, hist, stride, features, sums } = this;
    const K = d.K;
    const nF = d.nFeatures;
    for (let f = 0; f < nF; f++) features[f] = f;
    let parentProxy = 0;
    for (let k = 0; k < K; k++) parentProxy += (sums[k] * sums[k]) / W;
    this.bestGain = 1e-12 * W;
    this.bestFeature = -1;
    const count = end - start;
    for (let drawn = 0; drawn < p.maxFeatures; drawn++) {
      const j = drawn + rng.int(nF - drawn);
      const f = features[j];
      features[j] = features[drawn];
      features[drawn] = f;
      // histogram and the range of bins present in one pass; the buffer is kept all-zero between
      // features by clearing just that range afterwards
      const col = f * d.nRows;
      let lo = 255;
      let hi = 0;
      const binned = d.binned;
      if (K === 1) {
        const tg = d.targets;
        for (let q = start; q < end; q++) {
          const r = rows[q];
          const w = weights[r];
          const b = binned[col + r];
          if (b !== MISSING_BIN) {
            if (b < lo) lo = b;
            if (b > hi) hi = b;
          }
          const o = b * 3;
          hist[o] += w;
          hist[o + 1] += 1;
          hist[o + 2] += w * tg[r];
        }
      } else {
        for (let q = start; q < end; q++) {
          const r = rows[q];
          const w = weights[r];
          const b = binned[col + r];
          if (b !== MISSING_BIN) {
            if (b < lo) lo = b;
            if (b > hi) hi = b;
          }
          const o = b * stride;
          hist[o] += w;
          hist[o + 1] += 1;
          for (let k = 0; k < K; k++) hist[o + 2 + k] += w * d.targets[k * d.nRows + r];
        }
      }
      const mo = MISSING_BIN * stride;
      const hasMissing = hist[mo + 1] > 0;
      // only missing values, or one constant value: nothing to split on
      if (lo < hi || (lo === hi && hasMissing)) this.scan(f, lo, hi, hasMissing, count, W, parentProxy, p.minSamplesLeaf);
      if (lo <= hi) hist.fill(0, lo * stride, (hi + 1) * stride);
      hist.fill(0, mo, mo + stride);
    }
    if (this.bestFeature < 0) return null;
    return { feature: this.bestFeature, bin: this.bestBin, missingLeft: this.bestMissingLeft, gain: this.bestGain };
  }

  private bestFeature = -1;
  private bestBin = 0;
  private bestMissingLeft = false;
  private bestGain = 0;

  /** Scans one feature's histogram for the best threshold (both sides for missing values). */
  private scan(f: number, lo: number, hi: number, hasMissing: boolean, count: number, W: number, parentProxy: number, minLeaf: number): void {
    const { hist, stride, sums, curL } = this;
    const K = this.d.K;
    const mo = MISSING_BIN * stride;
    for (let dir = 0; dir < (hasMissing ? 2 : 1); dir++) {
      curL.fill(0);
      if (dir === 1) for (let s = 0; s < stride; s++) curL[s] = hist[mo + s];
      const last = dir === 0 && hasMissing ? hi : hi - 1;
      for (let b = lo; b <= last; b++) {
        const o = b * stride;
        if (hist[o + 1] === 0) continue;
        for (let s = 0; s < stride; s++) curL[s] += hist[o + s];
        const cL = curL[1];
        const cR = count - cL;
        if (cL < minLeaf) continue;
        if (cR < minLeaf) break;
        const wL = curL[0];
        const wR = W - wL;
        let proxy = 0;
        for (let k = 0; k < K; k++) {
          const sl = curL[2 + k];
          const sr = sums[k] - sl;
          proxy += (sl * sl) / wL + (sr * sr) / wR;
        }
        const gain = proxy - parentProxy;
        if (gain > this.bestGain) {
          this.bestGain = gain;
          this.bestFeature = f;
          this.bestBin = b;
          this.bestMissingLeft = dir === 1;
        }
      }
    }
  }

  private partition(rows: Uint32Array, start: number, end: number, feature: number, bin: number, missingLeft: boolean): number {
    const { d, scratch } = this;
    const col = feature * d.nRows;
    let nl = start;
    let nr = 0;
    for (let q = start; q < end; q++) {
      const r = rows[q];
      const b = d.binned[col + r];
      if (b === MISSING_BIN ? missingLeft : b <= bin) rows[nl++] = r;
      else scratch[nr++] = r;
    }
    rows.set(scratch.subarray(0, nr), nl);
    return nl;
  }
}

/** Splits a stride-K tree into K single-output trees sharing its structure (for the flat predictor). */
export function splitOutputs(t: MultiOutputTree): Tree[] {
  const n = t.tree.feature.length;
  return Array.from({ length: t.K }, (_, k) => {
    const value = new Float64Array(n);
    for (let j = 0; j < n; j++) value[j] = t.tree.value[j * t.K + k];
    return { ...t.tree, value };
  });
}
