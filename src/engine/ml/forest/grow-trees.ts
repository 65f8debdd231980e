/** Grows a list of forest trees on the calling thread (used by the main thread and by workers). */
import { bootstrapSample, treeRng } from './bootstrap.ts';
import { ForestTreeGrower, type ForestData, type ForestTreeParams, type MultiOutputTree } from './tree-builder.ts';

export interface ForestRunParams extends ForestTreeParams {
  readonly bootstrap: boolean;
  /** Rows drawn per tree when bootstrapping. */
  readonly draws: number;
  readonly seed: number;
}

export function growTrees(d: ForestData, treeIndices: readonly number[], p: ForestRunParams): MultiOutputTree[] {
  const grower = new ForestTreeGrower(d);
  const n = d.nRows;
  const weights = new Float64Array(n);
  const rows = new Uint32Array(n);
  return treeIndices.map((t) => {
    const rng = treeRng(p.seed, t);
    let m = n;
    if (p.bootstrap) m = bootstrapSample(rng, n, p.draws, weights, rows);
    else {
      weights.fill(1);
      for (let i = 0; i < n; i++) rows[i] = i;
    }
    return grower.grow(rows, m, weights, rng, p);
  });
}
