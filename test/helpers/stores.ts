/**
 * Runs the same repository tests against both engines: SQLite in a temp dir and the real
 * PostgreSQL on 127.0.0.1:5432 (database `test`), each store in its own schema so runs never
 * collide. PostgreSQL tests are skipped, with a message, only when no server answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store, type Clock } from '../../src/ports/store/index.ts';

export const PG_URL = process.env.SMA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgAvailable: Promise<boolean> | undefined;

export function postgresAvailable(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (error) {
      console.warn(`[store tests] PostgreSQL at ${PG_URL} is not reachable (${(error as Error).message}): PostgreSQL variants are SKIPPED.`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return pgAvailable;
}

export type Engine = 'sqlite' | 'postgres';
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export interface TestStore {
  readonly store: Store;
  readonly home: string;
  /** For spawning other processes against the same database. */
  readonly env: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function createTestStore(engine: Engine, clock?: Clock): Promise<TestStore> {
  const home = mkdtempSync(join(tmpdir(), 'sma-test-'));
  if (engine === 'sqlite') {
    const store = await openStore({ home, clock });
    return {
      store,
      home,
      env: { SMA_HOME: home },
      async cleanup() {
        await store.close();
        rmSync(home, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const store = await openStore({ home, databaseUrl: PG_URL, pgSchema: schema, pgPoolSize: 4, clock });
  return {
    store,
    home,
    env: { SMA_HOME: home, DATABASE_URL: PG_URL, SMA_PG_SCHEMA: schema },
    async cleanup() {
      await store.close();
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
