/**
 * Cost estimates before launch, shown as a range: expected duration (from the data size and
 * the model type) × the catalog's hourly price, widened by the uncertainty of both.
 */
import type { CostRange } from '../../ports/compute/port.ts';
import type { HourlyPrice } from './catalog.ts';

/** Rough seconds per million cell-iterations by model family, measured on a 2-core machine. */
const SECONDS_PER_MEGACELL: Record<string, number> = {
  linear: 0.02,
  ridge: 0.02,
  lasso: 0.2,
  elasticnet: 0.2,
  polynomial: 0.1,
  logistic: 0.3,
  naive_bayes: 0.01,
  knn: 0.5,
  svm: 0.5,
  decision_tree: 0.3,
  random_forest: 3,
  gradient_boosting: 2,
  mlp: 5,
  auto: 30,
};

export interface DurationEstimate {
  readonly low_s: number;
  readonly high_s: number;
}

export function estimateTrainingSeconds(rows: number, columns: number, modelType: string, timeBudgetS?: number): DurationEstimate {
  if (modelType === 'auto' && timeBudgetS) return { low_s: timeBudgetS * 0.8, high_s: timeBudgetS * 1.3 };
  const megacells = (rows * Math.max(1, columns)) / 1e6;
  const expected = 5 + megacells * (SECONDS_PER_MEGACELL[modelType] ?? 1);
  return { low_s: expected * 0.5, high_s: expected * 3 };
}

export function costRange(price: HourlyPrice, duration: DurationEstimate, overheadS = 0): CostRange {
  const low = (price.low * (duration.low_s + overheadS)) / 3600;
  const high = (price.high * (duration.high_s + overheadS)) / 3600;
  return {
    low_usd: round(low),
    high_usd: round(high),
    currency: 'USD',
    basis: `${price.provider} ${price.instance} at $${price.low === price.high ? price.low : `${price.low}–${price.high}`}/h for ${Math.round(duration.low_s)}–${Math.round(duration.high_s)} s`,
    priced_at: price.priced_at,
  };
}

function round(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
