/** The cost ledger: one row per metered amount; monthly summaries per provider. */
import { sql } from 'kysely';
import { newId } from '../../../core/ids.ts';
import type { CostRow } from '../tables.ts';
import { type Clock, type Db, iso, num } from './shared.ts';

export type NewCostEntry = Omit<CostRow, 'id' | 'at' | 'month'> & { at?: string };

export interface ProviderMonthTotal {
  readonly provider: string;
  readonly amount_usd: number;
  readonly entries: number;
  readonly jobs: number;
}

export class CostsRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async add(entry: NewCostEntry): Promise<CostRow> {
    const at = entry.at ?? iso(this.clock);
    const row: CostRow = { ...entry, id: newId('cost'), at, month: at.slice(0, 7) };
    await this.db.insertInto('cost_ledger').values(row).execute();
    return row;
  }

  /** Per-provider totals of metered and final entries (estimates are not spending). */
  async monthSummary(month: string, userId?: string): Promise<ProviderMonthTotal[]> {
    let query = this.db
      .selectFrom('cost_ledger')
      .select([
        'provider',
        sql<number>`sum(amount_usd)`.as('amount_usd'),
        sql<number>`count(*)`.as('entries'),
        sql<number>`count(distinct job_id)`.as('jobs'),
      ])
      .where('month', '=', month)
      .where('entry_kind', '!=', 'estimate')
      .groupBy('provider')
      .orderBy('provider');
    if (userId) query = query.where('user_id', '=', userId);
    const rows = await query.execute();
    return rows.map((r) => ({ provider: r.provider, amount_usd: num(r.amount_usd), entries: num(r.entries), jobs: num(r.jobs) }));
  }

  async userMonthTotal(userId: string, month: string): Promise<number> {
    const row = await this.db
      .selectFrom('cost_ledger')
      .select(sql<number>`coalesce(sum(amount_usd), 0)`.as('total'))
      .where('user_id', '=', userId)
      .where('month', '=', month)
      .where('entry_kind', '!=', 'estimate')
      .executeTakeFirst();
    return num(row?.total);
  }

  async jobTotal(jobId: string): Promise<number> {
    const row = await this.db
      .selectFrom('cost_ledger')
      .select(sql<number>`coalesce(sum(amount_usd), 0)`.as('total'))
      .where('job_id', '=', jobId)
      .where('entry_kind', '!=', 'estimate')
      .executeTakeFirst();
    return num(row?.total);
  }

  ledger(options: { userId?: string; month?: string; jobId?: string; limit?: number } = {}): Promise<CostRow[]> {
    let query = this.db.selectFrom('cost_ledger').selectAll().orderBy('at', 'desc').limit(options.limit ?? 500);
    if (options.userId) query = query.where('user_id', '=', options.userId);
    if (options.month) query = query.where('month', '=', options.month);
    if (options.jobId) query = query.where('job_id', '=', options.jobId);
    return query.execute();
  }
}
