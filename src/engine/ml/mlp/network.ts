/**
 * A dense feed-forward network on one flat parameter vector (so Adam updates a single array):
 * layer l has weights W_l (in × out, row-major) then biases b_l. Forward and backward passes run
 * on a mini-batch with activations and deltas preallocated for the largest batch.
 */
import type { StatefulRng } from '../gbdt/rng.ts';

export type Activation = 'relu' | 'tanh' | 'logistic' | 'identity';
/** Output layer: identity (regression), logistic (binary), softmax (multiclass). */
export type OutputKind = 'identity' | 'logistic' | 'softmax';

export class Network {
  readonly params: Float64Array;
  readonly grads: Float64Array;
  /** Offsets of W_l and b_l in params. */
  private readonly wOff: number[] = [];
  private readonly bOff: number[] = [];
  private readonly acts: Float64Array[];
  private readonly deltas: Float64Array[];

  constructor(
    readonly sizes: readonly number[],
    readonly activation: Activation,
    readonly output: OutputKind,
    readonly maxBatch: number,
  ) {
    let total = 0;
    for (let l = 0; l + 1 < sizes.length; l++) {
      this.wOff.push(total);
      total += sizes[l] * sizes[l + 1];
      this.bOff.push(total);
      total += sizes[l + 1];
    }
    this.params = new Float64Array(total);
    this.grads = new Float64Array(total);
    this.acts = sizes.map((s) => new Float64Array(maxBatch * s));
    this.deltas = sizes.map((s) => new Float64Array(maxBatch * s));
  }

  /** Glorot-uniform init like sklearn (factor 2 for logistic activations). */
  init(rng: StatefulRng): void {
    for (let l = 0; l + 1 < this.sizes.length; l++) {
      const fanIn = this.sizes[l];
      const fanOut = this.sizes[l + 1];
      const factor = this.activation === 'logistic' ? 2 : 6;
      const bound = Math.sqrt(factor / (fanIn + fanOut));
      const w = this.wOff[l];
      for (let j = 0; j < fanIn * fanOut; j++) this.params[w + j] = (rng.next() * 2 - 1) * bound;
      const b = this.bOff[l];
      for (let j = 0; j < fanOut; j++) this.params[b + j] = (rng.next() * 2 - 1) * bound;
    }
  }

  /** Forward pass of `batch` rows (row-major in x); returns the output activations. */
  forward(x: Float64Array, batch: number): Float64Array {
    const { sizes, params } = this;
    this.acts[0].set(x.subarray(0, batch * sizes[0]));
    const L = sizes.length - 1;
    for (let l = 0; l < L; l++) {
      const nin = sizes[l];
      const nout = sizes[l + 1];
      const a = this.acts[l];
      const z = this.acts[l + 1];
      const w = this.wOff[l];
      const b = this.bOff[l];
      for (let i = 0; i < batch; i++) {
        const zo = i * nout;
        for (let j = 0; j < nout; j++) z[zo + j] = params[b + j];
        const ao = i * nin;
        for (let k = 0; k < nin; k++) {
          const av = a[ao + k];
          if (av === 0) continue;
          const wo = w + k * nout;
          for (let j = 0; j < nout; j++) z[zo + j] += av * params[wo + j];
        }
      }
      if (l < L - 1) activate(z, batch * nout, this.activation);
      else this.outputActivation(z, batch, nout);
    }
    return this.acts[L];
  }

  private outputActivation(z: Float64Array, batch: number, k: number): void {
    if (this.output === 'logistic') {
      for (let i = 0; i < batch * k; i++) z[i] = 1 / (1 + Math.exp(-z[i]));
    } else if (this.output === 'softmax') {
      for (let i = 0; i < batch; i++) {
        let max = -Infinity;
        for (let c = 0; c < k; c++) max = Math.max(max, z[i * k + c]);
        let s = 0;
        for (let c = 0; c < k; c++) s += z[i * k + c] = Math.exp(z[i * k + c] - max);
        for (let c = 0; c < k; c++) z[i * k + c] /= s;
      }
    }
  }

  /**
   * Gradients of the mean loss (+ alpha/2·‖W‖² / batch) into `grads` after a forward pass;
   * `target` is batch × outputs (one-hot for classification). Every output pairs with its
   * canonical loss, so the output delta is simply (output − target).
   */
  backward(target: Float64Array, batch: number, alpha: number): void {
    const { sizes, params, grads } = this;
    const L = sizes.length - 1;
    const out = this.acts[L];
    const dl = this.deltas[L];
    for (let i = 0; i < batch * sizes[L]; i++) dl[i] = out[i] - target[i];
    for (let l = L - 1; l >= 0; l--) {
      const nin = sizes[l];
      const nout = sizes[l + 1];
      const a = this.acts[l];
      const d = this.deltas[l + 1];
      const w = this.wOff[l];
      const b = this.bOff[l];
      const inv = 1 / batch;
      for (let j = 0; j < nin * nout; j++) grads[w + j] = alpha * params[w + j] * inv;
      for (let j = 0; j < nout; j++) grads[b + j] = 0;
      for (let i = 0; i < batch; i++) {
        const ao = i * nin;
        const dO = i * nout;
        for (let j = 0; j < nout; j++) grads[b + j] += d[dO + j] * inv;
        for (let k = 0; k < nin; k++) {
          const av = a[ao + k] * inv;
          if (av === 0) continue;
          const go = w + k * nout;
          for (let j = 0; j < nout; j++) grads[go + j] += av * d[dO + j];
        }
      }
      if (l === 0) break;
      // delta of the previous layer: (d · Wᵀ) ⊙ act'(a)
      const dp = this.deltas[l];
      for (let i = 0; i < batch; i++) {
        const dO = i * nout;
        for (let k = 0; k < nin; k++) {
          const wo = w + k * nout;
          let s = 0;
          for (let j = 0; j < nout; j++) s += d[dO + j] * params[wo + j];
          dp[i * nin + k] = s * derivative(a[i * nin + k], this.activation);
        }
      }
    }
  }

  /** Squared L2 norm of the weights (not biases), for the loss value. */
  weightNorm(): number {
    let s = 0;
    for (let l = 0; l + 1 < this.sizes.length; l++) {
      const w = this.wOff[l];
      for (let j = 0; j < this.sizes[l] * this.sizes[l + 1]; j++) s += this.params[w + j] * this.params[w + j];
    }
    return s;
  }
}

function activate(z: Float64Array, n: number, act: Activation): void {
  if (act === 'relu') for (let i = 0; i < n; i++) z[i] = z[i] > 0 ? z[i] : 0;
  else if (act === 'tanh') for (let i = 0; i < n; i++) z[i] = Math.tanh(z[i]);
  else if (act === 'logistic') for (let i = 0; i < n; i++) z[i] = 1 / (1 + Math.exp(-z[i]));
}

/** Derivative expressed through the activation's output a. */
function derivative(a: number, act: Activation): number {
  if (act === 'relu') return a > 0 ? 1 : 0;
  if (act === 'tanh') return 1 - a * a;
  if (act === 'logistic') return a * (1 - a);
  return 1;
}
