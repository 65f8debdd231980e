/**
 * API key authentication for the HTTP interface: who a key belongs to, what the role allows,
 * and a short-lived in-process cache so a hot prediction path does not hit the database for
 * every request. Revoking through this process clears the cache at once; a key revoked from
 * another process (CLI) stops working within `ttlMs` (default 5 s).
 */
import { hashApiKey, type Scope, type Store, type User } from '../../ports/store/index.ts';

export interface KeyIdentity {
  readonly user: User;
  readonly keyId: string;
  /** SHA-256 of the key: what rate limits are keyed by (the key itself is never kept). */
  readonly keyHash: string;
}

export function scopeOf(user: User): Scope {
  return { userId: user.id, admin: user.role === 'admin' };
}

/** Viewers read; users and admins also write. */
export function canWrite(user: User): boolean {
  return user.role === 'admin' || user.role === 'user';
}

export class KeyAuthenticator {
  private readonly cache = new Map<string, { identity: KeyIdentity; until: number }>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 5000,
    private readonly capacity = 10_000,
  ) {}

  async authenticate(key: string): Promise<KeyIdentity | undefined> {
    const keyHash = hashApiKey(key);
    const hit = this.cache.get(keyHash);
    const now = Date.now();
    if (hit && hit.until > now) return hit.identity;
    const found = await this.store.apiKeys.authenticate(key);
    if (!found) {
      this.cache.delete(keyHash);
      return undefined;
    }
    const identity: KeyIdentity = { user: found.user, keyId: found.keyId, keyHash };
    if (this.cache.size >= this.capacity) this.cache.clear();
    this.cache.set(keyHash, { identity, until: now + this.ttlMs });
    return identity;
  }

  /** Forget every cached key (after a revocation or a role change). */
  invalidate(): void {
    this.cache.clear();
  }
}

/** The key of a request: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function keyFromHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.trim()) return apiKey.trim();
  return undefined;
}
