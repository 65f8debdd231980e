/** Ordering helpers shared by the rank-based statistics. */

/** Indices that sort `x` ascending (ties keep their original order). */
export function argsort(x: Float64Array): Int32Array {
  const idx = new Int32Array(x.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  idx.sort((a, b) => x[a] - x[b] || a - b);
  return idx;
}

/** Ranks 1..n with ties given their average rank (scipy.stats.rankdata method='average'). */
export function averageRanks(x: Float64Array): Float64Array {
  const n = x.length;
  const order = argsort(x);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]] === x[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}
