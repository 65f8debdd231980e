import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../../../core/ids.ts';
import type { ApiKey, User } from '../tables.ts';
import { type Clock, type Db, iso } from './shared.ts';

/** Keys are 32 random bytes (base64url) with a recognisable prefix; only their SHA-256 is stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export class ApiKeysRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Returns the plaintext key: the only time it exists. */
  async create(userId: string, label?: string): Promise<{ key: string; row: ApiKey }> {
    const key = `sma_${randomBytes(32).toString('base64url')}`;
    const row: ApiKey = {
      id: newId('key'),
      user_id: userId,
      key_hash: hashApiKey(key),
      prefix: key.slice(0, 10),
      label: label ?? null,
      created_at: iso(this.clock),
      last_used_at: null,
      revoked_at: null,
    };
    await this.db.insertInto('api_keys').values(row).execute();
    return { key, row };
  }

  /** The active user a key belongs to, or undefined for unknown, revoked or disabled. */
  async authenticate(key: string): Promise<{ user: User; keyId: string } | undefined> {
    const row = await this.db
      .selectFrom('api_keys')
      .innerJoin('users', 'users.id', 'api_keys.user_id')
      .select(['api_keys.id as key_id', 'users.id', 'users.name', 'users.role', 'users.telegram_id', 'users.created_at', 'users.disabled_at'])
      .where('api_keys.key_hash', '=', hashApiKey(key))
      .where('api_keys.revoked_at', 'is', null)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    await this.db.updateTable('api_keys').set({ last_used_at: iso(this.clock) }).where('id', '=', row.key_id).execute();
    const { key_id, ...user } = row;
    return { user, keyId: key_id };
  }

  list(userId: string): Promise<ApiKey[]> {
    return this.db.selectFrom('api_keys').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  }

  async revoke(id: string, userId?: string): Promise<boolean> {
    let query = this.db.updateTable('api_keys').set({ revoked_at: iso(this.clock) }).where('id', '=', id).where('revoked_at', 'is', null);
    if (userId) query = query.where('user_id', '=', userId);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
