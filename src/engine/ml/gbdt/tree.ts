/**
 * One grown tree as flat arrays (nodes in creation order, root 0). Numeric split: x ≤ threshold
 * (bin ≤ binThreshold on binned data) goes left, NaN follows missingLeft. Categorical split:
 * code in the node's bitset goes left (cats[catOffset .. +8]). Leaves have feature −1.
 */
import { BITSET_WORDS, MISSING_BIN, type BinCodes } from './dtypes.ts';

export interface Tree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly binThreshold: Uint8Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  /** Word offset of the node's categorical bitset in `cats`, or −1 for numeric splits. */
  readonly catOffset: Int32Array;
  readonly cats: Uint32Array;
  /** Split gain (0 on leaves): gain importance. */
  readonly gain: Float64Array;
  /** Training rows (sum of sample weights for forests) reaching the node. */
  readonly count: Float64Array;
}

/** Growable node list used while a tree is grown. */
export class TreeBuilder {
  feature: number[] = [];
  threshold: number[] = [];
  binThreshold: number[] = [];
  missingLeft: number[] = [];
  left: number[] = [];
  right: number[] = [];
  value: number[] = [];
  catOffset: number[] = [];
  cats: number[] = [];
  gain: number[] = [];
  count: number[] = [];

  addLeaf(value: number, count: number): number {
    const id = this.feature.length;
    this.feature.push(-1);
    this.threshold.push(0);
    this.binThreshold.push(0);
    this.missingLeft.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.value.push(value);
    this.catOffset.push(-1);
    this.gain.push(0);
    this.count.push(count);
    return id;
  }

  setSplit(id: number, feature: number, bin: number, threshold: number, missingLeft: boolean, bitset: Uint32Array | null, gain: number, left: number, right: number): void {
    this.feature[id] = feature;
    this.binThreshold[id] = bin < 0 ? 0 : bin;
    this.threshold[id] = threshold;
    this.missingLeft[id] = missingLeft ? 1 : 0;
    this.gain[id] = gain;
    this.left[id] = left;
    this.right[id] = right;
    if (bitset !== null) {
      this.catOffset[id] = this.cats.length;
      for (let w = 0; w < BITSET_WORDS; w++) this.cats.push(bitset[w]);
    }
  }

  finish(): Tree {
    return {
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      binThreshold: Uint8Array.from(this.binThreshold),
      missingLeft: Uint8Array.from(this.missingLeft),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: Float64Array.from(this.value),
      catOffset: Int32Array.from(this.catOffset),
      cats: Uint32Array.from(this.cats),
      gain: Float64Array.from(this.gain),
      count: Float64Array.from(this.count),
    };
  }
}

/** Leaf reached by row i of column-major binned data. */
export function leafOfBinned(tree: Tree, binned: BinCodes, nRows: number, i: number): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    const b = binned[tree.feature[node] * nRows + i];
    const co = tree.catOffset[node];
    let goLeft: boolean;
    if (co >= 0) goLeft = (tree.cats[co + (b >>> 5)] & (1 << (b & 31))) !== 0;
    else if (b === MISSING_BIN) goLeft = tree.missingLeft[node] === 1;
    else goLeft = b <= tree.binThreshold[node];
    node = goLeft ? tree.left[node] : tree.right[node];
  }
  return node;
}

/** out[i] += scale × leaf value, for every row of column-major binned data. */
export function addTreeBinned(tree: Tree, binned: BinCodes, nRows: number, out: Float64Array, outOffset = 0, scale = 1): void {
  for (let i = 0; i < nRows; i++) out[outOffset + i] += scale * tree.value[leafOfBinned(tree, binned, nRows, i)];
}
