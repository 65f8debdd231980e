/** Per-row weights from class_weight ('balanced' = n / (k · count_c), as sklearn) and sample weights. */
export function rowWeights(y: Float64Array, k: number, classWeight: 'balanced' | null, sampleWeight?: Float64Array): Float64Array {
  const w = sampleWeight ? Float64Array.from(sampleWeight) : new Float64Array(y.length).fill(1);
  if (classWeight === 'balanced') {
    const counts = new Float64Array(k);
    for (let i = 0; i < y.length; i++) counts[y[i]]++;
    for (let i = 0; i < y.length; i++) w[i] *= y.length / (k * counts[y[i]]);
  }
  return w;
}
