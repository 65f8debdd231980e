/** Masks secrets in a config before it is shown or logged. */
import { getPath, setPath } from './env.ts';
import { SECRET_PATHS, type Config } from './schema.ts';

export const MASK = '********';

export function maskSecrets(config: Config): Record<string, unknown> {
  const copy = structuredClone(config) as unknown as Record<string, unknown>;
  for (const path of SECRET_PATHS) {
    const value = getPath(copy, path);
    if (typeof value !== 'string' || value === '') continue;
    setPath(copy, path, path === 'database_url' ? maskUrlPassword(value) : MASK);
  }
  return copy;
}

/** postgres://user:secret@host/db → postgres://user:********@host/db (the host stays visible). */
export function maskUrlPassword(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = MASK;
    return url.toString();
  } catch {
    return MASK;
  }
}

/** Every secret value in the config, so a logger can scrub them from any line. */
export function secretValues(config: Config): string[] {
  const values: string[] = [];
  for (const path of SECRET_PATHS) {
    const value = getPath(config, path);
    if (typeof value !== 'string' || value.length < 4) continue;
    if (path === 'database_url') {
      try {
        const password = new URL(value).password;
        if (password) values.push(decodeURIComponent(password));
      } catch {
        /* not a URL: nothing to scrub */
      }
    } else values.push(value);
  }
  return values;
}
