/**
 * Polynomial features like sklearn PolynomialFeatures(include_bias=False): all monomials of
 * degree 1..d in sklearn's order (x0, x1, x0², x0x1, x1², …).
 */
import type { Matrix } from '../estimator.ts';

/** Each output column as the list of input columns multiplied together (sorted, with repeats). */
export function polynomialTerms(nFeatures: number, degree: number, interactionOnly = false): number[][] {
  const terms: number[][] = [];
  let previous: number[][] = [[]];
  for (let d = 1; d <= degree; d++) {
    const next: number[][] = [];
    for (const term of previous) {
      const start = term.length === 0 ? 0 : term[term.length - 1] + (interactionOnly ? 1 : 0);
      for (let j = start; j < nFeatures; j++) next.push([...term, j]);
    }
    terms.push(...next);
    previous = next;
  }
  return terms;
}

export function polynomialNames(names: readonly string[], degree: number, interactionOnly = false): string[] {
  return polynomialTerms(names.length, degree, interactionOnly).map((term) => {
    const counts = new Map<number, number>();
    for (const j of term) counts.set(j, (counts.get(j) ?? 0) + 1);
    return [...counts].map(([j, c]) => (c === 1 ? names[j] : `${names[j]}^${c}`)).join(' ');
  });
}

export function expandPolynomial(X: Matrix, degree: number, interactionOnly = false): Matrix {
  if (degree <= 1) return X;
  const terms = polynomialTerms(X.cols, degree, interactionOnly);
  // flatten the term lists once so the row loop does no allocation
  const offsets = new Int32Array(terms.length + 1);
  terms.forEach((t, k) => (offsets[k + 1] = offsets[k] + t.length));
  const flat = new Int32Array(offsets[terms.length]);
  terms.forEach((t, k) => flat.set(t, offsets[k]));
  const out = new Float64Array(X.rows * terms.length);
  for (let i = 0; i < X.rows; i++) {
    const base = i * X.cols;
    for (let k = 0; k < terms.length; k++) {
      let v = 1;
      for (let t = offsets[k]; t < offsets[k + 1]; t++) v *= X.data[base + flat[t]];
      out[i * terms.length + k] = v;
    }
  }
  return { data: out, rows: X.rows, cols: terms.length };
}
