/**
 * Hard budgets: per operation and per user per month. Checked before launch against the
 * estimate, and while running against the metered cost: a warning at 80 %, a stop at 100 %.
 */
import type { Config } from '../../core/config/index.ts';
import { ComputeError } from '../../core/errors.ts';
import type { CostRange } from '../../ports/compute/port.ts';
import type { Store } from '../../ports/store/index.ts';

export interface BudgetLimits {
  /** Cap for this operation, if any. */
  readonly perJobUsd?: number;
  /** What is left of the user's monthly budget, if one is set. */
  readonly monthlyRemainingUsd?: number;
  readonly monthlyUsd?: number;
}

export async function budgetLimits(config: Config, store: Store, userId: string, perJobOverride?: number, now = new Date()): Promise<BudgetLimits> {
  const perJob = perJobOverride ?? config.budgets.per_job_usd;
  const monthly = config.budgets.monthly_usd;
  if (monthly === undefined) return { perJobUsd: perJob };
  const spent = await store.costs.userMonthTotal(userId, now.toISOString().slice(0, 7));
  return { perJobUsd: perJob, monthlyUsd: monthly, monthlyRemainingUsd: Math.max(0, monthly - spent) };
}

/** The smallest cap that applies to this job, or undefined when none does. */
export function effectiveCap(limits: BudgetLimits): number | undefined {
  const caps = [limits.perJobUsd, limits.monthlyRemainingUsd].filter((c): c is number => c !== undefined);
  return caps.length ? Math.min(...caps) : undefined;
}

/** Refuses to launch when even the low end of the estimate does not fit the budget. */
export function assertWithinBudget(estimate: CostRange, limits: BudgetLimits): void {
  const cap = effectiveCap(limits);
  if (cap === undefined || estimate.low_usd <= cap) return;
  const which = limits.monthlyRemainingUsd !== undefined && cap === limits.monthlyRemainingUsd ? 'monthly' : 'per-job';
  throw new ComputeError('BUDGET_EXCEEDED', `The estimated cost ($${estimate.low_usd.toFixed(4)}–$${estimate.high_usd.toFixed(4)}) exceeds the ${which} budget left ($${cap.toFixed(4)}).`, {
    details: { estimate, budget: limits },
  });
}

export type BudgetVerdict = 'ok' | 'warning' | 'exceeded';

export function budgetVerdict(spentUsd: number, cap: number | undefined): BudgetVerdict {
  if (cap === undefined) return 'ok';
  if (spentUsd >= cap) return 'exceeded';
  return spentUsd >= 0.8 * cap ? 'warning' : 'ok';
}
