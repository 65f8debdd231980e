/**
 * Absolute error: gradient sign(raw − y), hessian 1; as in sklearn the grown tree's leaves are
 * then refit to the median residual, since the Newton step of a piecewise-linear loss is meaningless.
 */
import { weightedMedian, type GradBuf, type GradientLoss } from './gradient-loss.ts';

export class AbsoluteErrorLoss implements GradientLoss {
  readonly name = 'absolute_error';
  readonly constantHessian = true;
  private scratch = new Float64Array(0);
  private scratchW = new Float64Array(0);

  outputs(): number {
    return 1;
  }

  baseline(y: Float64Array, weights?: Float64Array): Float64Array {
    return Float64Array.of(weightedMedian(y, weights));
  }

  gradients(y: Float64Array, raw: Float64Array, n: number, grad: GradBuf, hess: GradBuf, weights?: Float64Array): void {
    for (let i = 0; i < n; i++) {
      const w = weights === undefined ? 1 : weights[i];
      grad[i] = raw[i] > y[i] ? w : raw[i] < y[i] ? -w : 0;
      hess[i] = w;
    }
  }

  loss(y: Float64Array, raw: Float64Array, n: number, weights?: Float64Array): number {
    let s = 0;
    let w = 0;
    for (let i = 0; i < n; i++) {
      const wi = weights === undefined ? 1 : weights[i];
      s += wi * Math.abs(raw[i] - y[i]);
      w += wi;
    }
    return s / w;
  }

  leafValue(y: Float64Array, raw: Float64Array, rows: Uint32Array, start: number, end: number, weights?: Float64Array): number {
    const m = end - start;
    if (this.scratch.length < m) {
      this.scratch = new Float64Array(m);
      this.scratchW = new Float64Array(m);
    }
    for (let k = 0; k < m; k++) {
      const i = rows[start + k];
      this.scratch[k] = y[i] - raw[i];
      if (weights !== undefined) this.scratchW[k] = weights[i];
    }
    return weightedMedian(this.scratch.subarray(0, m), weights === undefined ? undefined : this.scratchW.subarray(0, m));
  }
}
