/** Audit log: who did what to which object, when, and from which interface. */
import { newId } from '../../../core/ids.ts';
import type { AuditLogTable, AuditRow } from '../tables.ts';
import { type Clock, type Db, iso } from './shared.ts';

export interface AuditEntry {
  readonly userId: string | null;
  readonly interface: AuditLogTable['interface'];
  readonly action: string;
  readonly objectType: string;
  readonly objectId?: string | null;
  readonly details?: Record<string, unknown>;
}

export class AuditRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry): Promise<AuditRow> {
    const row: AuditRow = {
      id: newId('aud'),
      at: iso(this.clock),
      user_id: entry.userId,
      interface: entry.interface,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId ?? null,
      details_json: JSON.stringify(entry.details ?? {}),
    };
    await this.db.insertInto('audit_log').values(row).execute();
    return row;
  }

  list(options: { userId?: string; objectId?: string; limit?: number } = {}): Promise<AuditRow[]> {
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(options.limit ?? 200);
    if (options.userId) query = query.where('user_id', '=', options.userId);
    if (options.objectId) query = query.where('object_id', '=', options.objectId);
    return query.execute();
  }
}
