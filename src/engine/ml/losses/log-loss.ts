/** Binary log-loss on the logit: gradient p − y, hessian p(1 − p). */
import { weightedMean, type GradBuf, type GradientLoss } from './gradient-loss.ts';

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export class LogLoss implements GradientLoss {
  readonly name = 'log_loss';
  readonly constantHessian = false;

  outputs(): number {
    return 1;
  }

  baseline(y: Float64Array, weights?: Float64Array): Float64Array {
    const p = Math.min(Math.max(weightedMean(y, weights), 1e-12), 1 - 1e-12);
    return Float64Array.of(Math.log(p / (1 - p)));
  }

  gradients(y: Float64Array, raw: Float64Array, n: number, grad: GradBuf, hess: GradBuf, weights?: Float64Array): void {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(raw[i]);
      const w = weights === undefined ? 1 : weights[i];
      grad[i] = w * (p - y[i]);
      hess[i] = w * p * (1 - p);
    }
  }

  loss(y: Float64Array, raw: Float64Array, n: number, weights?: Float64Array): number {
    let s = 0;
    let w = 0;
    for (let i = 0; i < n; i++) {
      const wi = weights === undefined ? 1 : weights[i];
      const r = raw[i];
      // log(1 + e^r) − y·r, computed without overflow
      const softplus = r > 0 ? r + Math.log1p(Math.exp(-r)) : Math.log1p(Math.exp(r));
      s += wi * (softplus - y[i] * r);
      w += wi;
    }
    return s / w;
  }
}
