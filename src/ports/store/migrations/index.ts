/**
 * Versioned migrations, listed explicitly (no directory scanning) so they work the same from
 * sources, the compiled build and the worker image. Append new files; never edit applied ones.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1) ?? '';
