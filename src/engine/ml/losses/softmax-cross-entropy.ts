/**
 * Multiclass cross-entropy on K raw scores (softmax): gradient p_k − [y = k], hessian p_k(1 − p_k).
 * Layout is output-major (k * n + i) so each class's gradients are one contiguous block.
 */
import type { GradBuf, GradientLoss } from './gradient-loss.ts';

export class SoftmaxCrossEntropyLoss implements GradientLoss {
  readonly name = 'softmax_cross_entropy';
  readonly constantHessian = false;

  outputs(nClasses: number): number {
    return nClasses;
  }

  baseline(y: Float64Array, weights: Float64Array | undefined, k: number): Float64Array {
    const counts = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      const w = weights === undefined ? 1 : weights[i];
      counts[y[i]] += w;
      total += w;
    }
    const out = new Float64Array(k);
    let mean = 0;
    for (let c = 0; c < k; c++) {
      out[c] = Math.log(Math.max(counts[c] / total, 1e-12));
      mean += out[c] / k;
    }
    for (let c = 0; c < k; c++) out[c] -= mean;
    return out;
  }

  gradients(y: Float64Array, raw: Float64Array, n: number, grad: GradBuf, hess: GradBuf, weights?: Float64Array): void {
    const k = raw.length / n;
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (raw[c * n + i] > max) max = raw[c * n + i];
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(raw[c * n + i] - max);
      const w = weights === undefined ? 1 : weights[i];
      const label = y[i];
      for (let c = 0; c < k; c++) {
        const p = Math.exp(raw[c * n + i] - max) / sum;
        grad[c * n + i] = w * (p - (label === c ? 1 : 0));
        hess[c * n + i] = w * p * (1 - p);
      }
    }
  }

  loss(y: Float64Array, raw: Float64Array, n: number, weights?: Float64Array): number {
    const k = raw.length / n;
    let s = 0;
    let wsum = 0;
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (raw[c * n + i] > max) max = raw[c * n + i];
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(raw[c * n + i] - max);
      const w = weights === undefined ? 1 : weights[i];
      s += w * (Math.log(sum) + max - raw[y[i] * n + i]);
      wsum += w;
    }
    return s / wsum;
  }
}

/** Row-major n × k probabilities from output-major raw scores. */
export function softmaxRows(raw: Float64Array, n: number, k: number, out = new Float64Array(n * k)): Float64Array {
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (raw[c * n + i] > max) max = raw[c * n + i];
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(raw[c * n + i] - max);
      out[i * k + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) out[i * k + c] /= sum;
  }
  return out;
}
