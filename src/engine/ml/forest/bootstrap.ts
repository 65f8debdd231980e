/**
 * Per-tree randomness: tree t draws everything (bootstrap counts, then candidate features) from
 * its own stream seeded by (seed, t), so a forest is identical whichever thread grows which tree.
 */
import { StatefulRng } from '../gbdt/rng.ts';

export function treeRng(seed: number, tree: number): StatefulRng {
  return new StatefulRng(StatefulRng.derive(seed, 1000 + tree));
}

/** Bootstrap counts (draws with replacement of `draws` rows) into `weights`; returns rows with weight > 0 into `rows`. */
export function bootstrapSample(rng: StatefulRng, n: number, draws: number, weights: Float64Array, rows: Uint32Array): number {
  weights.fill(0, 0, n);
  for (let d = 0; d < draws; d++) weights[rng.int(n)] += 1;
  let m = 0;
  for (let i = 0; i < n; i++) if (weights[i] > 0) rows[m++] = i;
  return m;
}
