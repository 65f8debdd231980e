/**
 * The authentication hook of /api/v1: every request carries an API key; viewers may only read.
 * Sets `request.auth` (user, key id, key hash, scope) for the routes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AuthError } from '../../core/errors.ts';
import type { Scope, User } from '../../ports/store/index.ts';
import { canWrite, keyFromHeaders, scopeOf, type KeyAuthenticator } from '../../services/auth/api-key-auth.ts';

export interface AuthContext {
  readonly user: User;
  readonly keyId: string;
  readonly keyHash: string;
  readonly scope: Scope;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function installAuth(fastify: FastifyInstance, authenticator: KeyAuthenticator): void {
  fastify.decorateRequest('auth', null as unknown as AuthContext);
  fastify.addHook('onRequest', async (request: FastifyRequest) => {
    const key = keyFromHeaders(request.headers);
    if (!key) throw new AuthError('UNAUTHENTICATED', 'An API key is required (Authorization: Bearer <key> or X-API-Key).');
    const identity = await authenticator.authenticate(key);
    if (!identity) throw new AuthError('UNAUTHENTICATED', 'The API key is unknown or revoked.');
    request.auth = { ...identity, scope: scopeOf(identity.user) };
    if (!READ_METHODS.has(request.method) && !canWrite(identity.user)) {
      throw new AuthError('FORBIDDEN', `The ${identity.user.role} role may only read.`, { details: { role: identity.user.role, method: request.method } });
    }
  });
}

/** Admin-only routes. */
export function requireAdmin(request: FastifyRequest): void {
  if (request.auth.user.role !== 'admin') throw new AuthError('FORBIDDEN', 'Only administrators may do this.', { details: { role: request.auth.user.role } });
}
