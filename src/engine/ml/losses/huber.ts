/**
 * Huber loss: quadratic within δ of the target, linear beyond, with δ the `quantile` (0.9) of the
 * absolute residuals recomputed every iteration, as sklearn's GradientBoostingRegressor does.
 * Hessian 1 (the linear part's true hessian 0 would make Newton steps explode).
 */
import { weightedMedian, type GradBuf, type GradientLoss } from './gradient-loss.ts';

export class HuberLoss implements GradientLoss {
  readonly name = 'huber';
  readonly constantHessian = true;
  private delta = 1;
  private scratch = new Float64Array(0);

  constructor(readonly quantile = 0.9) {}

  outputs(): number {
    return 1;
  }

  baseline(y: Float64Array, weights?: Float64Array): Float64Array {
    return Float64Array.of(weightedMedian(y, weights));
  }

  gradients(y: Float64Array, raw: Float64Array, n: number, grad: GradBuf, hess: GradBuf, weights?: Float64Array): void {
    if (this.scratch.length < n) this.scratch = new Float64Array(n);
    const abs = this.scratch.subarray(0, n);
    for (let i = 0; i < n; i++) abs[i] = Math.abs(y[i] - raw[i]);
    abs.sort();
    this.delta = Math.max(abs[Math.min(n - 1, Math.floor(this.quantile * (n - 1)))], 1e-12);
    const d = this.delta;
    for (let i = 0; i < n; i++) {
      const w = weights === undefined ? 1 : weights[i];
      const r = raw[i] - y[i];
      grad[i] = w * (r > d ? d : r < -d ? -d : r);
      hess[i] = w;
    }
  }

  loss(y: Float64Array, raw: Float64Array, n: number, weights?: Float64Array): number {
    const d = this.delta;
    let s = 0;
    let w = 0;
    for (let i = 0; i < n; i++) {
      const wi = weights === undefined ? 1 : weights[i];
      const a = Math.abs(raw[i] - y[i]);
      s += wi * (a <= d ? 0.5 * a * a : d * (a - 0.5 * d));
      w += wi;
    }
    return s / w;
  }
}
