import { describe, expect, it } from 'vitest';
import { fitBinMapper, applyBinMapper } from './binning.ts';
import { singleThreadBuilder } from './histogram.ts';
import { histogramSlotSize, slotCount, TreeGrower } from './grower.ts';
import { regressionData } from './test-data.ts';

function setup(maxLeafNodes: number | null, maxDepth: number | null, minSamplesLeaf = 5) {
  const d = regressionData(2000, 4, 6);
  const mapper = fitBinMapper(d.X);
  const n = d.X.rows;
  const slots = slotCount(maxLeafNodes);
  const buf = {
    binned: applyBinMapper(mapper, d.X),
    nRows: n,
    rows: Uint32Array.from({ length: n }, (_, i) => i),
    scratch: new Uint32Array(n),
    orderedG: new Float32Array(n),
    orderedH: new Float32Array(n),
    pool: new Float64Array(slots * histogramSlotSize(4)),
    slots,
  };
  const grower = new TreeGrower(mapper, buf, singleThreadBuilder, { maxLeafNodes, maxDepth, minSamplesLeaf, l2: 0, minGain: 0, minHessian: 1e-3, learningRate: 1 });
  const grad = Float32Array.from(d.y, (v) => -v);
  return { grower, grad, hess: new Float32Array(n).fill(1), n, buf };
}

function depthOf(left: Int32Array, right: Int32Array, node = 0): number {
  return left[node] < 0 ? 0 : 1 + Math.max(depthOf(left, right, left[node]), depthOf(left, right, right[node]));
}

describe('grower', () => {
  it('grows at most max_leaf_nodes leaves, best-first', () => {
    const { grower, grad, hess, n } = setup(8, null);
    const { tree } = grower.grow(grad, hess, n, true, 1, null);
    expect(Array.from(tree.feature).filter((f) => f < 0).length).toBe(8);
  });

  it('honours max_depth and min_samples_leaf; leaf ranges cover every row once', () => {
    const { grower, grad, hess, n } = setup(null, 3, 50);
    const { tree, leafStart, leafEnd } = grower.grow(grad, hess, n, true, 1, null);
    expect(depthOf(tree.left, tree.right)).toBeLessThanOrEqual(3);
    let covered = 0;
    for (let j = 0; j < tree.feature.length; j++) {
      if (tree.feature[j] >= 0) continue;
      expect(leafEnd[j] - leafStart[j]).toBeGreaterThanOrEqual(50);
      covered += leafEnd[j] - leafStart[j];
    }
    expect(covered).toBe(n);
  });

  it('leaf values are the Newton step −G/(H+λ) (here the leaf mean of y)', () => {
    const { grower, grad, hess, n, buf } = setup(4, null);
    const { tree, leafStart, leafEnd } = grower.grow(grad, hess, n, true, 1, null);
    for (let j = 0; j < tree.feature.length; j++) {
      if (tree.feature[j] >= 0) continue;
      let s = 0;
      for (let k = leafStart[j]; k < leafEnd[j]; k++) s += -grad[buf.rows[k]];
      expect(tree.value[j]).toBeCloseTo(s / (leafEnd[j] - leafStart[j]), 5);
    }
  });
});
