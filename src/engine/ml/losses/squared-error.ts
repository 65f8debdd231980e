/** Half squared error: gradient raw − y, hessian 1 (constant, so histograms just count rows). */
import { weightedMean, type GradBuf, type GradientLoss } from './gradient-loss.ts';

export class SquaredErrorLoss implements GradientLoss {
  readonly name = 'squared_error';
  readonly constantHessian = true;

  outputs(): number {
    return 1;
  }

  baseline(y: Float64Array, weights?: Float64Array): Float64Array {
    return Float64Array.of(weightedMean(y, weights));
  }

  gradients(y: Float64Array, raw: Float64Array, n: number, grad: GradBuf, hess: GradBuf, weights?: Float64Array): void {
    if (weights === undefined) {
      for (let i = 0; i < n; i++) grad[i] = raw[i] - y[i];
      hess.fill(1, 0, n);
      return;
    }
    for (let i = 0; i < n; i++) {
      grad[i] = weights[i] * (raw[i] - y[i]);
      hess[i] = weights[i];
    }
  }

  loss(y: Float64Array, raw: Float64Array, n: number, weights?: Float64Array): number {
    let s = 0;
    let w = 0;
    for (let i = 0; i < n; i++) {
      const wi = weights === undefined ? 1 : weights[i];
      const d = raw[i] - y[i];
      s += wi * 0.5 * d * d;
      w += wi;
    }
    return s / w;
  }
}
