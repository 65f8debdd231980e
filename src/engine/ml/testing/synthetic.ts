/** Deterministic synthetic frames for conformance tests: small, mixed numeric/categorical. */
import type { DataFrame } from '../../data/frame.ts';
import type { Task } from '../estimator.ts';
import { createRng } from '../random.ts';
import { frameFromColumns, type Cell } from './frames.ts';

function gaussian(rng: { next(): number }): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * `n` rows with x1..x3 numeric (x3 with a few missing values), a categorical `color`, and a
 * `target` that depends on them: a number for regression, or `nClasses` string labels.
 */
export function syntheticFrame(task: Task, n = 150, seed = 7, nClasses = 3): DataFrame {
  const rng = createRng(seed);
  const x1: Cell[] = [];
  const x2: Cell[] = [];
  const x3: Cell[] = [];
  const color: Cell[] = [];
  const target: Cell[] = [];
  const colors = ['red', 'green', 'blue'];
  for (let i = 0; i < n; i++) {
    const a = gaussian(rng);
    const b = gaussian(rng);
    const c = gaussian(rng);
    const col = colors[rng.int(3)];
    x1.push(a);
    x2.push(b * 10 + 50);
    x3.push(rng.next() < 0.05 ? null : c);
    color.push(col);
    const signal = 2 * a - b + 0.5 * c + (col === 'red' ? 1 : 0) + 0.3 * gaussian(rng);
    if (task === 'regression') target.push(signal * 3 + 10);
    else {
      const bucket = nClasses === 2 ? (signal > 0.3 ? 1 : 0) : Math.min(nClasses - 1, Math.max(0, Math.floor((signal + 3) / (6 / nClasses))));
      target.push(`class_${String.fromCharCode(97 + bucket)}`);
    }
  }
  return frameFromColumns({ x1, x2, x3, color, target });
}
