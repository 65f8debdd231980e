/** Small helpers every repository shares. */
import type { Kysely } from 'kysely';
import type { Database } from '../tables.ts';

export type Db = Kysely<Database>;
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function iso(clock: Clock): string {
  return clock().toISOString();
}

/** Rows of aggregates come back as strings from pg (bigint/numeric) and numbers from SQLite. */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  return JSON.parse(text) as T;
}

/** True for the unique-constraint violation of either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

/** Who may see an object: its owner, or an admin (every object). */
export interface Scope {
  readonly userId: string;
  readonly admin?: boolean;
}
