/**
 * CART tree growing (best split, depth first) and prediction, as sklearn's DecisionTree with
 * splitter="best": thresholds are midpoints between consecutive distinct values, min_samples_leaf
 * counts rows on each side, nodes stop at max_depth, below min_samples_split, when pure, or when
 * the best split decreases impurity by less than min_impurity_decrease (weighted like sklearn).
 */
import type { Matrix } from '../estimator.ts';
import { createRng, shuffleInPlace } from '../random.ts';
import { classImpurity, varianceImpurity, type Criterion } from './criteria.ts';

export interface CartOptions {
  readonly criterion: Criterion;
  /** Classes for classification; 0 for regression. */
  readonly nClasses: number;
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  /** Features examined per split; ≥ X.cols means all. */
  readonly maxFeatures: number;
  readonly minImpurityDecrease: number;
  readonly seed: number;
}

/** A fitted tree as flat typed arrays (stored as binary in artifacts). */
export interface TreeArrays {
  /** Split feature per node, −1 for a leaf. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** nodes × nOutputs: class probabilities, or the mean target. */
  readonly value: Float64Array;
  readonly impurity: Float64Array;
  readonly n_samples: Int32Array;
  readonly n_outputs: number;
}

const FEATURE_THRESHOLD = 1e-7;

interface NodeBuffers {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
  impurity: number[];
  nSamples: number[];
}

export function growTree(X: Matrix, y: Float64Array, weight: Float64Array, options: CartOptions): TreeArrays {
  const n = X.rows;
  const p = X.cols;
  // Splits are searched on float32 copies of the features, as sklearn does (its trees cast X to
  // float32), so thresholds and ties land where sklearn's do; applyTree rounds the same way.
  const Xd = Float32Array.from(X.data);
  const k = options.nClasses;
  const classification = options.criterion !== 'squared_error';
  const nOut = classification ? k : 1;
  const rng = createRng(options.seed);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  // preallocated scratch shared by every node
  const order = new Int32Array(n);
  const values = new Float64Array(n);
  const leftCounts = new Float64Array(Math.max(k, 1));
  const totalCounts = new Float64Array(Math.max(k, 1));
  const features = new Int32Array(p);
  for (let j = 0; j < p; j++) features[j] = j;
  const nodes: NodeBuffers = { feature: [], threshold: [], left: [], right: [], value: [], impurity: [], nSamples: [] };

  const addNode = (start: number, end: number): { id: number; impurity: number; weight: number } => {
    const id = nodes.feature.length;
    let wSum = 0;
    let impurity: number;
    if (classification) {
      totalCounts.fill(0);
      for (let t = start; t < end; t++) {
        totalCounts[y[idx[t]]] += weight[idx[t]];
        wSum += weight[idx[t]];
      }
      impurity = classImpurity(options.criterion as 'gini' | 'entropy', totalCounts, 0, k, wSum);
      for (let c = 0; c < k; c++) nodes.value.push(wSum > 0 ? totalCounts[c] / wSum : 0);
    } else {
      let wy = 0;
      let wyy = 0;
      for (let t = start; t < end; t++) {
        const i = idx[t];
        wSum += weight[i];
        wy += weight[i] * y[i];
        wyy += weight[i] * y[i] * y[i];
      }
      impurity = varianceImpurity(wSum, wy, wyy);
      nodes.value.push(wSum > 0 ? wy / wSum : 0);
    }
    nodes.feature.push(-1);
    nodes.threshold.push(0);
    nodes.left.push(-1);
    nodes.right.push(-1);
    nodes.impurity.push(impurity);
    nodes.nSamples.push(end - start);
    return { id, impurity, weight: wSum };
  };

  let rootWeight = 0;
  for (let i = 0; i < n; i++) rootWeight += weight[i];

  interface Pending {
    start: number;
    end: number;
    depth: number;
    id: number;
    impurity: number;
    weight: number;
  }
  const root = addNode(0, n);
  const stack: Pending[] = [{ start: 0, end: n, depth: 0, ...root }];
  while (stack.length > 0) {
    const node = stack.pop() as Pending;
    const count = node.end - node.start;
    if (node.depth >= options.maxDepth || count < options.minSamplesSplit || count < 2 * options.minSamplesLeaf || node.impurity <= 1e-12) continue;
    let bestFeature = -1;
    let bestThreshold = 0;
    let bestImprovement = -Infinity;
    let bestPos = -1;
    // features are visited in a seeded random order at every node, as sklearn does: among
    // equally good splits the first one visited wins, so ties do not always favour column 0
    shuffleInPlace(features, rng);
    const nTry = Math.min(options.maxFeatures, p);
    for (let f = 0; f < nTry; f++) {
      const j = features[f];
      for (let t = 0; t < count; t++) {
        order[t] = idx[node.start + t];
      }
      const sub = order.subarray(0, count);
      sub.sort((a, b) => Xd[a * p + j] - Xd[b * p + j]);
      for (let t = 0; t < count; t++) values[t] = Xd[sub[t] * p + j];
      if (values[count - 1] <= values[0] + FEATURE_THRESHOLD) continue;
      // running statistics of the left side
      let wl = 0;
      let wyl = 0;
      let wyyl = 0;
      let wyT = 0;
      let wyyT = 0;
      if (classification) {
        leftCounts.fill(0);
        totalCounts.fill(0);
        for (let t = 0; t < count; t++) totalCounts[y[sub[t]]] += weight[sub[t]];
      } else {
        for (let t = 0; t < count; t++) {
          const i = sub[t];
          wyT += weight[i] * y[i];
          wyyT += weight[i] * y[i] * y[i];
        }
      }
      for (let t = 0; t < count - 1; t++) {
        const i = sub[t];
        const w = weight[i];
        wl += w;
        if (classification) leftCounts[y[i]] += w;
        else {
          wyl += w * y[i];
          wyyl += w * y[i] * y[i];
        }
        const nLeft = t + 1;
        if (nLeft < options.minSamplesLeaf) continue;
        if (count - nLeft < options.minSamplesLeaf) break;
        if (values[t + 1] <= values[t] + FEATURE_THRESHOLD) continue;
        const wr = node.weight - wl;
        let impLeft: number;
        let impRight: number;
        if (classification) {
          impLeft = classImpurity(options.criterion as 'gini' | 'entropy', leftCounts, 0, k, wl);
          for (let c = 0; c < k; c++) totalCounts[c] -= leftCounts[c];
          impRight = classImpurity(options.criterion as 'gini' | 'entropy', totalCounts, 0, k, wr);
          for (let c = 0; c < k; c++) totalCounts[c] += leftCounts[c];
        } else {
          impLeft = varianceImpurity(wl, wyl, wyyl);
          impRight = varianceImpurity(wr, wyT - wyl, wyyT - wyyl);
        }
        const improvement = -(wl * impLeft + wr * impRight);
        if (improvement > bestImprovement) {
          bestImprovement = improvement;
          bestFeature = j;
          bestPos = t;
          let threshold = values[t] / 2 + values[t + 1] / 2;
          if (threshold === values[t + 1] || !Number.isFinite(threshold)) threshold = values[t];
          bestThreshold = threshold;
        }
      }
    }
    if (bestFeature < 0 || bestPos < 0) continue;
    // weighted impurity decrease as sklearn's min_impurity_decrease
    const decrease = (node.weight / rootWeight) * (node.impurity - -bestImprovement / node.weight);
    if (decrease < options.minImpurityDecrease) continue;
    // partition idx[start..end) by the chosen split
    let lo = node.start;
    let hi = node.end - 1;
    while (lo <= hi) {
      if (Xd[idx[lo] * p + bestFeature] <= bestThreshold) lo++;
      else {
        const tmp = idx[lo];
        idx[lo] = idx[hi];
        idx[hi] = tmp;
        hi--;
      }
    }
    const mid = lo;
    if (mid === node.start || mid === node.end) continue;
    nodes.feature[node.id] = bestFeature;
    nodes.threshold[node.id] = bestThreshold;
    const left = addNode(node.start, mid);
    const right = addNode(mid, node.end);
    nodes.left[node.id] = left.id;
    nodes.right[node.id] = right.id;
    // right pushed first so the left subtree is grown first (depth-first like sklearn)
    stack.push({ start: mid, end: node.end, depth: node.depth + 1, ...right });
    stack.push({ start: node.start, end: mid, depth: node.depth + 1, ...left });
  }
  return {
    feature: Int32Array.from(nodes.feature),
    threshold: Float64Array.from(nodes.threshold),
    left: Int32Array.from(nodes.left),
    right: Int32Array.from(nodes.right),
    value: Float64Array.from(nodes.value),
    impurity: Float64Array.from(nodes.impurity),
    n_samples: Int32Array.from(nodes.nSamples),
    n_outputs: nOut,
  };
}

/** Leaf index for each row. */
export function applyTree(tree: TreeArrays, X: Matrix, out = new Int32Array(X.rows)): Int32Array {
  for (let i = 0; i < X.rows; i++) {
    let node = 0;
    while (tree.feature[node] >= 0) {
      node = Math.fround(X.data[i * X.cols + tree.feature[node]]) <= tree.threshold[node] ? tree.left[node] : tree.right[node];
    }
    out[i] = node;
  }
  return out;
}

export function treeDepth(tree: TreeArrays): number {
  const depth = new Int32Array(tree.feature.length);
  let max = 0;
  for (let node = 0; node < tree.feature.length; node++) {
    if (tree.feature[node] >= 0) {
      depth[tree.left[node]] = depth[node] + 1;
      depth[tree.right[node]] = depth[node] + 1;
    }
    max = Math.max(max, depth[node]);
  }
  return max;
}
