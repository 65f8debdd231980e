/** Regression metrics with scikit-learn's definitions (r2_score, explained_variance_score, …). */

export function mse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += (yTrue[i] - yPred[i]) ** 2;
  return s / yTrue.length;
}

export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return Math.sqrt(mse(yTrue, yPred));
}

export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yTrue[i] - yPred[i]);
  return s / yTrue.length;
}

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

function variance(values: ArrayLike<number>, offset: (i: number) => number = () => 0): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m += values[i] - offset(i);
  m /= values.length;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - offset(i) - m) ** 2;
  return s / values.length;
}

/** 1 − SS_res/SS_tot; like sklearn, 1 for a perfect fit of a constant target and 0 otherwise. */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const m = mean(yTrue);
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < yTrue.length; i++) {
    ssRes += (yTrue[i] - yPred[i]) ** 2;
    ssTot += (yTrue[i] - m) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** 1 − Var(y − ŷ)/Var(y). */
export function explainedVariance(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const varY = variance(yTrue);
  const varRes = variance(yTrue, (i) => yPred[i]);
  if (varY === 0) return varRes === 0 ? 1 : 0;
  return 1 - varRes / varY;
}
