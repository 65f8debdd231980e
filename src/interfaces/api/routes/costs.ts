/** Costs (month summary per provider + ledger; admins may ask for any user) and the audit log (admins). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../../app.ts';
import { AuthError } from '../../../core/errors.ts';
import { requireAdmin } from '../auth.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const costRoutes =
  (app: App): FastifyPluginAsyncZod =>
  async (fastify) => {
    fastify.get(
      '/costs',
      { schema: { tags: ['costs'], summary: 'Spending of a month: totals per provider and the ledger (admins: ?user=<id>)', querystring: z.object({ month: month.optional(), user: z.string().min(1).optional() }) } },
      async (request) => {
        const userId = request.query.user ?? request.auth.user.id;
        if (userId !== request.auth.user.id && !request.auth.scope.admin) throw new AuthError('FORBIDDEN', 'Only administrators may see the costs of other users.');
        const m = request.query.month ?? new Date().toISOString().slice(0, 7);
        const [byProvider, ledger] = await Promise.all([app.store.costs.monthSummary(m, userId), app.store.costs.ledger({ userId, month: m })]);
        const total = byProvider.reduce((sum, p) => sum + p.amount_usd, 0);
        return {
          month: m,
          user_id: userId,
          total_usd: Math.round(total * 1e6) / 1e6,
          by_provider: byProvider,
          ledger: ledger.map((r) => ({ id: r.id, at: r.at, job_id: r.job_id, provider: r.provider, resource: r.resource, quantity: Number(r.quantity), unit: r.unit, unit_price_usd: Number(r.unit_price_usd), amount_usd: Number(r.amount_usd), entry_kind: r.entry_kind })),
        };
      },
    );

    fastify.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'The audit log, newest first (admins only)',
          querystring: z.object({ user: z.string().optional(), object_id: z.string().optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
        },
      },
      async (request) => {
        requireAdmin(request);
        const rows = await app.store.audit.list({ userId: request.query.user, objectId: request.query.object_id, limit: request.query.limit });
        return { entries: rows.map((r) => ({ id: r.id, at: r.at, user_id: r.user_id, interface: r.interface, action: r.action, object_type: r.object_type, object_id: r.object_id, details: JSON.parse(r.details_json) as unknown })) };
      },
    );
  };
