import type { Command } from 'commander';
import { ValidationError } from '../../../core/errors.ts';
import { ensureLocalUser } from '../../../services/auth/local-user.ts';
import { withApp } from '../context.ts';
import { action, formatUsd, printJson, printTable } from '../output.ts';

export function registerCostsCommand(program: Command): void {
  program
    .command('costs')
    .description('spending per provider for a month, from the cost ledger')
    .option('--month <YYYY-MM>', 'the month to summarise (default: this month)')
    .option('--json', 'print one JSON object')
    .action(
      action(async (options: { month?: string; json?: boolean }, command: Command) => {
        const month = options.month ?? new Date().toISOString().slice(0, 7);
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
          throw new ValidationError('VALIDATION_FAILED', `Invalid month "${month}".`, { details: { month }, recovery: 'Use the form YYYY-MM, e.g. 2026-11.' });
        }
        await withApp(command.optsWithGlobals(), async (app) => {
          const user = await ensureLocalUser(app.store);
          const providers = await app.store.costs.monthSummary(month, user.id);
          const total = providers.reduce((sum, p) => sum + p.amount_usd, 0);
          const budget = app.config.budgets.monthly_usd;
          if (options.json) {
            printJson({ month, total_usd: total, budget_monthly_usd: budget ?? null, providers });
            return;
          }
          printTable(
            ['provider', 'jobs', 'entries', 'amount'],
            [...providers.map((p) => [p.provider, p.jobs, p.entries, formatUsd(p.amount_usd)]), ...(providers.length ? [['total', '', '', formatUsd(total)]] : [])],
            { empty: `No spending recorded for ${month}.` },
          );
          if (budget !== undefined) process.stdout.write(`Monthly budget: ${formatUsd(budget)} (${budget > 0 ? ((100 * total) / budget).toFixed(1) : '–'} % used)\n`);
        });
      }),
    );
}
