/**
 * Classification metrics with scikit-learn's definitions. Labels are class indices 0..k-1;
 * probabilities are row-major n × k. Binary averages use class 1 as positive; multiclass ones
 * are macro averages; a zero denominator counts as 0 (sklearn zero_division default).
 */

export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let hit = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hit++;
  return hit / yTrue.length;
}

/** k × k counts, rows = true class, columns = predicted class. */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]][yPred[i]]++;
  return m;
}

export type Average = 'binary' | 'macro';

interface PerClass {
  readonly precision: number[];
  readonly recall: number[];
  readonly f1: number[];
}

function perClass(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number): PerClass {
  const cm = confusionMatrix(yTrue, yPred, k);
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  for (let c = 0; c < k; c++) {
    const tp = cm[c][c];
    let predicted = 0;
    let actual = 0;
    for (let o = 0; o < k; o++) {
      predicted += cm[o][c];
      actual += cm[c][o];
    }
    const p = predicted === 0 ? 0 : tp / predicted;
    const r = actual === 0 ? 0 : tp / actual;
    precision.push(p);
    recall.push(r);
    f1.push(predicted + actual === 0 ? 0 : (2 * tp) / (predicted + actual));
  }
  return { precision, recall, f1 };
}

function averaged(values: number[], average: Average): number {
  if (average === 'binary') return values[1] ?? 0;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function precision(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number, average: Average = k === 2 ? 'binary' : 'macro'): number {
  return averaged(perClass(yTrue, yPred, k).precision, average);
}

export function recall(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number, average: Average = k === 2 ? 'binary' : 'macro'): number {
  return averaged(perClass(yTrue, yPred, k).recall, average);
}

export function f1(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number, average: Average = k === 2 ? 'binary' : 'macro'): number {
  return averaged(perClass(yTrue, yPred, k).f1, average);
}

/** Area under the ROC curve of one score vector for a binary truth (ties count half). */
export function binaryRocAuc(isPositive: ArrayLike<boolean>, score: ArrayLike<number>): number {
  const n = score.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && score[order[j + 1]] === score[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) {
      if (isPositive[order[t]]) {
        nPos++;
        rankSum += avgRank;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Binary: AUC of P(class 1); multiclass: one-vs-rest macro average. */
export function rocAuc(yTrue: ArrayLike<number>, proba: ArrayLike<number>, k: number): number {
  const n = yTrue.length;
  const score = new Float64Array(n);
  const positive = new Array<boolean>(n);
  const column = (c: number): number => {
    for (let i = 0; i < n; i++) {
      score[i] = proba[i * k + c];
      positive[i] = yTrue[i] === c;
    }
    return binaryRocAuc(positive, score);
  };
  if (k === 2) return column(1);
  let sum = 0;
  for (let c = 0; c < k; c++) sum += column(c);
  return sum / k;
}

/** Mean negative log-likelihood; rows renormalised, clipped to [eps, 1 − eps] like sklearn. */
export function logLoss(yTrue: ArrayLike<number>, proba: ArrayLike<number>, k: number): number {
  const eps = Number.EPSILON;
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    let rowSum = 0;
    for (let c = 0; c < k; c++) rowSum += Math.min(Math.max(proba[i * k + c], eps), 1 - eps);
    const p = Math.min(Math.max(proba[i * k + yTrue[i]], eps), 1 - eps) / rowSum;
    s -= Math.log(p);
  }
  return s / yTrue.length;
}

/**
 * Brier score. Binary: mean (P(class 1) − y)², as sklearn brier_score_loss. Multiclass: mean over
 * rows of Σ_c (p_c − 1[y = c])² (the original Brier definition).
 */
export function brier(yTrue: ArrayLike<number>, proba: ArrayLike<number>, k: number): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (k === 2) {
      s += (proba[i * 2 + 1] - (yTrue[i] === 1 ? 1 : 0)) ** 2;
    } else {
      for (let c = 0; c < k; c++) s += (proba[i * k + c] - (yTrue[i] === c ? 1 : 0)) ** 2;
    }
  }
  return s / yTrue.length;
}
