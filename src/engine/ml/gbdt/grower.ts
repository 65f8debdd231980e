/**
 * Leaf-wise (best-first) tree growth, as LightGBM and sklearn's TreeGrower: always split the leaf
 * with the largest gain until max_leaf_nodes, honouring max_depth and min_samples_leaf. Rows of a
 * node are a contiguous range of the partition array, split stably in place; the smaller child's
 * histograms are built and the larger's are the parent's minus the smaller's.
 */
import type { BinMapper } from './binning.ts';
import { FEATURE_HIST_SIZE, HIST_STRIDE, MISSING_BIN, type BinCodes } from './dtypes.ts';
import type { HistogramBuilder } from './histogram.ts';
import { findBestSplit, type SplitInfo, type SplitParams } from './splitter.ts';
import { TreeBuilder, type Tree } from './tree.ts';

export interface GrowerParams extends SplitParams {
  readonly maxLeafNodes: number | null;
  readonly maxDepth: number | null;
  readonly learningRate: number;
}

/** Buffers shared by every tree of one fit (SharedArrayBuffer-backed when threads help). */
export interface GrowerBuffers {
  readonly binned: BinCodes;
  readonly nRows: number;
  /** Partition array: a node's rows are rows[start..end). */
  readonly rows: Uint32Array;
  readonly scratch: Uint32Array;
  readonly orderedG: Float32Array;
  readonly orderedH: Float32Array;
  /** Histogram slots, each nFeatures × FEATURE_HIST_SIZE. */
  readonly pool: Float64Array;
  readonly slots: number;
}

/** Called per leaf to refit its value (absolute error) — returns the unshrunk value. */
export type LeafRefit = (rows: Uint32Array, start: number, end: number) => number;

export interface GrownTree {
  readonly tree: Tree;
  /** Leaf node id → [start, end) of its rows in the partition array. */
  readonly leafStart: Int32Array;
  readonly leafEnd: Int32Array;
}

interface OpenNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  slot: number;
  G: number;
  H: number;
  C: number;
  split: SplitInfo | null;
}

export function histogramSlotSize(nFeatures: number): number {
  return nFeatures * FEATURE_HIST_SIZE;
}

export function slotCount(maxLeafNodes: number | null): number {
  // live histograms: open leaves + one being built; unbounded trees degrade to leaves when full
  return maxLeafNodes === null ? 128 : maxLeafNodes + 2;
}

export class TreeGrower {
  private readonly freeSlots: number[] = [];
  private readonly slotSize: number;

  constructor(
    private readonly mapper: BinMapper,
    private readonly buf: GrowerBuffers,
    private readonly builder: HistogramBuilder,
    private readonly params: GrowerParams,
  ) {
    this.slotSize = histogramSlotSize(mapper.nFeatures);
  }

  /**
   * Grows one tree on rows[0..m) (already written into the partition array) with gradients
   * `grad`/`hess` indexed by row. `constantHessian` ≠ 0 means every hessian equals it.
   */
  grow(grad: Float32Array, hess: Float32Array, m: number, identity: boolean, constantHessian: number, refit: LeafRefit | null, featureMask: Uint8Array | null = null): GrownTree {
    const { params, mapper, buf } = this;
    this.freeSlots.length = 0;
    for (let s = buf.slots - 1; s >= 0; s--) this.freeSlots.push(s);
    const tb = new TreeBuilder();
    const leafStart: number[] = [];
    const leafEnd: number[] = [];

    const rootSlot = this.freeSlots.pop() as number;
    this.build(grad, hess, 0, m, identity, constantHessian, rootSlot);
    let G = 0;
    let H = 0;
    let C = 0;
    const o0 = rootSlot * this.slotSize;
    for (let b = 0; b < FEATURE_HIST_SIZE; b += HIST_STRIDE) {
      G += buf.pool[o0 + b];
      H += buf.pool[o0 + b + 1];
      C += buf.pool[o0 + b + 2];
    }
    const root: OpenNode = { id: tb.addLeaf(0, C), start: 0, end: m, depth: 0, slot: rootSlot, G, H, C, split: null };
    const open: OpenNode[] = [];
    const done: OpenNode[] = [];
    this.evaluate(root, featureMask);
    if (root.split !== null) open.push(root);
    else {
      this.release(root);
      done.push(root);
    }
    let leaves = 1;
    const maxLeaves = params.maxLeafNodes ?? Number.MAX_SAFE_INTEGER;
    while (open.length > 0 && leaves < maxLeaves) {
      let bi = 0;
      for (let k = 1; k < open.length; k++) if ((open[k].split as SplitInfo).gain > (open[bi].split as SplitInfo).gain) bi = k;
      const node = open[bi];
      open.splice(bi, 1);
      const s = node.split as SplitInfo;
      const mid = this.partition(node.start, node.end, s);
      const depth = node.depth + 1;
      const leftNode: OpenNode = { id: tb.addLeaf(0, s.cL), start: node.start, end: mid, depth, slot: -1, G: s.gL, H: s.hL, C: s.cL, split: null };
      const rightNode: OpenNode = { id: tb.addLeaf(0, s.cR), start: mid, end: node.end, depth, slot: -1, G: s.gR, H: s.hR, C: s.cR, split: null };
      const f = s.feature;
      const threshold = s.catBitset !== null ? 0 : s.bin >= mapper.edges[f].length ? Infinity : mapper.edges[f][s.bin];
      tb.setSplit(node.id, f, s.bin, threshold, s.missingLeft, s.catBitset, s.gain, leftNode.id, rightNode.id);
      leaves++;
      const canGrow = leaves < maxLeaves && (params.maxDepth === null || depth < params.maxDepth);
      const wantL = canGrow && leftNode.C >= 2 * params.minSamplesLeaf;
      const wantR = canGrow && rightNode.C >= 2 * params.minSamplesLeaf;
      if ((wantL || wantR) && this.freeSlots.length >= 1) {
        const [small, large] = leftNode.C <= rightNode.C ? [leftNode, rightNode] : [rightNode, leftNode];
        const wantSmall = small === leftNode ? wantL : wantR;
        const wantLarge = large === leftNode ? wantL : wantR;
        small.slot = this.freeSlots.pop() as number;
        this.build(grad, hess, small.start, small.end, false, constantHessian, small.slot);
        if (wantLarge) {
          // the parent's slot becomes the larger child's: parent − small, in place
          large.slot = node.slot;
          node.slot = -1;
          const po = large.slot * this.slotSize;
          const so = small.slot * this.slotSize;
          const pool = buf.pool;
          for (let j = 0; j < this.slotSize; j++) pool[po + j] -= pool[so + j];
          this.evaluate(large, featureMask);
        }
        if (wantSmall) this.evaluate(small, featureMask);
      }
      this.release(node);
      for (const child of [leftNode, rightNode]) {
        if (child.split !== null) open.push(child);
        else {
          this.release(child);
          done.push(child);
        }
      }
    }
    for (const node of open) {
      this.release(node);
      done.push(node);
    }
    // leaf values: Newton step (or the loss's refit), shrunk by the learning rate
    for (const node of done) {
      const raw = refit !== null ? refit(buf.rows, node.start, node.end) : -node.G / (node.H + params.l2);
      tb.value[node.id] = params.learningRate * raw;
      leafStart[node.id] = node.start;
      leafEnd[node.id] = node.end;
    }
    const n = tb.feature.length;
    const ls = new Int32Array(n).fill(-1);
    const le = new Int32Array(n).fill(-1);
    for (const node of done) {
      ls[node.id] = leafStart[node.id];
      le[node.id] = leafEnd[node.id];
    }
    return { tree: tb.finish(), leafStart: ls, leafEnd: le };
  }

  private evaluate(node: OpenNode, featureMask: Uint8Array | null): void {
    node.split = findBestSplit(this.buf.pool, node.slot * this.slotSize, this.mapper, featureMask, node.G, node.H, node.C, this.params);
  }

  private release(node: OpenNode): void {
    if (node.slot >= 0) {
      this.freeSlots.push(node.slot);
      node.slot = -1;
    }
  }

  private build(grad: Float32Array, hess: Float32Array, start: number, end: number, identity: boolean, constantHessian: number, slot: number): void {
    const { rows, orderedG, orderedH } = this.buf;
    const m = end - start;
    if (identity) {
      orderedG.set(grad.subarray(0, m));
      if (constantHessian === 0) orderedH.set(hess.subarray(0, m));
    } else {
      for (let k = 0; k < m; k++) orderedG[k] = grad[rows[start + k]];
      if (constantHessian === 0) for (let k = 0; k < m; k++) orderedH[k] = hess[rows[start + k]];
    }
    this.builder.build(
      {
        binned: this.buf.binned,
        nRows: this.buf.nRows,
        rows,
        start,
        end,
        orderedG,
        orderedH,
        constantHessian,
        identity,
        pool: this.buf.pool,
        offset: slot * this.slotSize,
      },
      this.mapper.nFeatures,
    );
  }

  /** Stable in-place partition of rows[start..end) by the split; returns the first right index. */
  private partition(start: number, end: number, s: SplitInfo): number {
    const { rows, scratch, binned, nRows } = this.buf;
    const col = s.feature * nRows;
    const bits = s.catBitset;
    const missingLeft = s.missingLeft;
    const bin = s.bin;
    let nl = start;
    let nr = 0;
    for (let k = start; k < end; k++) {
      const r = rows[k];
      const b = binned[col + r];
      const goLeft = bits !== null ? (bits[b >>> 5] & (1 << (b & 31))) !== 0 : b === MISSING_BIN ? missingLeft : b <= bin;
      if (goLeft) rows[nl++] = r;
      else scratch[nr++] = r;
    }
    rows.set(scratch.subarray(0, nr), nl);
    return nl;
  }
}
