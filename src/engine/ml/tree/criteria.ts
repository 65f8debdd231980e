/**
 * Split criteria of CART. Each turns running statistics of one side of a split into its
 * impurity: class weight counts for gini/entropy, (Σw, Σwy, Σwy²) for squared error.
 */
export type Criterion = 'gini' | 'entropy' | 'squared_error';

/** Gini or entropy (log base 2, as sklearn) of class weights `counts[offset..offset+k)`. */
export function classImpurity(criterion: 'gini' | 'entropy', counts: Float64Array, offset: number, k: number, total: number): number {
  if (total <= 0) return 0;
  if (criterion === 'gini') {
    let s = 0;
    for (let c = 0; c < k; c++) {
      const p = counts[offset + c] / total;
      s += p * p;
    }
    return 1 - s;
  }
  let h = 0;
  for (let c = 0; c < k; c++) {
    const p = counts[offset + c] / total;
    if (p > 0) h -= p * Math.log2(p);
  }
  return h;
}

/** Weighted variance from Σw, Σwy, Σwy². */
export function varianceImpurity(w: number, wy: number, wyy: number): number {
  if (w <= 0) return 0;
  const m = wy / w;
  return Math.max(wyy / w - m * m, 0);
}
