/**
 * Platt scaling: fits P(y = 1 | f) = 1 / (1 + exp(A·f + B)) to decision values by Newton's
 * method with backtracking, following Lin, Lin & Weng (2007), the variant libsvm uses.
 */

export interface PlattSigmoid {
  readonly a: number;
  readonly b: number;
}

export function fitPlatt(decision: Float64Array, positive: Uint8Array, maxIter = 100): PlattSigmoid {
  const n = decision.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += positive[i];
  const nNeg = n - nPos;
  // smoothed targets avoid overfitting to 0/1
  const hi = (nPos + 1) / (nPos + 2);
  const lo = 1 / (nNeg + 2);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = positive[i] ? hi : lo;
  let a = 0;
  let b = Math.log((nNeg + 1) / (nPos + 1));
  const sigma = 1e-12;
  const objective = (A: number, B: number): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const z = decision[i] * A + B;
      f += z >= 0 ? t[i] * z + Math.log1p(Math.exp(-z)) : (t[i] - 1) * z + Math.log1p(Math.exp(z));
    }
    return f;
  };
  let fval = objective(a, b);
  for (let iter = 0; iter < maxIter; iter++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const z = decision[i] * a + b;
      const p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
      const q = 1 - p;
      const d2 = p * q;
      h11 += decision[i] * decision[i] * d2;
      h22 += d2;
      h21 += decision[i] * d2;
      const d1 = t[i] - p;
      g1 += decision[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    let moved = false;
    while (step >= 1e-10) {
      const na = a + step * dA;
      const nb = b + step * dB;
      const nf = objective(na, nb);
      if (nf < fval + 1e-4 * step * gd) {
        a = na;
        b = nb;
        fval = nf;
        moved = true;
        break;
      }
      step /= 2;
    }
    if (!moved) break;
  }
  return { a, b };
}

export function plattProbability(sigmoid: PlattSigmoid, decision: number): number {
  const z = decision * sigmoid.a + sigmoid.b;
  return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
}
