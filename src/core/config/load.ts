/**
 * Loads the configuration: defaults ← sma.config.yaml ← environment. Validation reports every
 * problem at once, each with the key path, where the value came from, what is wrong and how
 * to fix it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { envOverlay, getPath } from './env.ts';
import { configSchema, crossFieldProblems, SECRET_PATHS, type Config } from './schema.ts';

export interface ConfigProblem {
  /** Dotted key path, e.g. `server.port`. */
  readonly path: string;
  /** `sma.config.yaml:12`, `env SMA_PORT` or `default`. */
  readonly source: string;
  readonly problem: string;
  readonly fix: string;
}

export interface LoadedConfig {
  readonly config: Config;
  /** The file that was read, if any. */
  readonly file: string | undefined;
  /** config path → env variable that set it */
  readonly envSources: ReadonlyMap<string, string>;
}

export interface LoadOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Explicit config file; otherwise SMA_CONFIG, then ./sma.config.yaml if present. */
  readonly file?: string;
  readonly cwd?: string;
}

/** Loads and validates; throws ConfigError (1001) listing every problem. */
export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const result = inspectConfig(options);
  if (result.problems.length > 0 || !result.config) {
    const where = result.file ? ` (file ${result.file})` : '';
    throw new ConfigError(
      'CONFIG_INVALID',
      `The configuration has ${result.problems.length} problem(s)${where}:\n` +
        result.problems.map((p) => `  - ${p.path} [${p.source}]: ${p.problem}. Fix: ${p.fix}`).join('\n'),
      { details: { file: result.file, problems: result.problems } },
    );
  }
  return { config: result.config, file: result.file, envSources: result.envSources };
}

export interface InspectResult {
  readonly config: Config | undefined;
  readonly file: string | undefined;
  readonly problems: readonly ConfigProblem[];
  readonly envSources: ReadonlyMap<string, string>;
}

/** Loads without throwing: what `sma config validate` prints. */
export function inspectConfig(options: LoadOptions = {}): InspectResult {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.file ?? env.SMA_CONFIG;
  const file = explicit ? resolve(cwd, explicit) : existsSync(resolve(cwd, 'sma.config.yaml')) ? resolve(cwd, 'sma.config.yaml') : undefined;
  const overlay = envOverlay(env);
  const problems: ConfigProblem[] = [];

  let fileValues: Record<string, unknown> = {};
  let lineOf: (path: string) => number | undefined = () => undefined;
  if (file) {
    const read = readConfigFile(file, problems);
    fileValues = read.values;
    lineOf = read.lineOf;
  }
  if (problems.length > 0) return { config: undefined, file, problems, envSources: overlay.sources };

  const merged = deepMerge(fileValues, overlay.values);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(...describeIssue(issue, merged, file, lineOf, overlay.sources));
    }
  }
  for (const cross of crossFieldProblems(merged)) {
    const envVar = overlay.sources.get(cross.path);
    const line = file ? lineOf(cross.path) : undefined;
    problems.push({ ...cross, source: envVar ? `env ${envVar}` : line !== undefined && file ? `${basename(file)}:${line}` : 'missing' });
  }
  if (!parsed.success || problems.length > 0) return { config: undefined, file, problems, envSources: overlay.sources };
  const config: Config = { ...parsed.data, home: resolve(cwd, parsed.data.home) };
  return { config, file, problems, envSources: overlay.sources };
}

function readConfigFile(file: string, problems: ConfigProblem[]): { values: Record<string, unknown>; lineOf: (path: string) => number | undefined } {
  const none = { values: {}, lineOf: () => undefined };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({
      path: '(file)',
      source: file,
      problem: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      fix: 'check the path given by --config / SMA_CONFIG and its permissions',
    });
    return none;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    problems.push({
      path: '(file)',
      source: `${basename(file)}:${pos.line}:${pos.col}`,
      problem: `invalid YAML: ${error.message.split('\n')[0]}`,
      fix: 'fix the YAML syntax at that line (indentation, colons, quotes)',
    });
  }
  if (doc.errors.length > 0) return none;
  const values = doc.toJS() ?? {};
  if (typeof values !== 'object' || Array.isArray(values)) {
    problems.push({ path: '(file)', source: basename(file), problem: 'the file must contain a mapping of keys', fix: 'start from the example in README.md' });
    return none;
  }
  const lineOf = (path: string): number | undefined => {
    const node = path === '' ? doc.contents : doc.getIn(path.split('.'), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
    // An unknown key: point at the key itself inside its parent mapping.
    const parts = path.split('.');
    const parent = parts.length > 1 ? doc.getIn(parts.slice(0, -1), true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => String((item.key as { value?: unknown })?.value) === parts[parts.length - 1]);
      const keyRange = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (keyRange) return lineCounter.linePos(keyRange[0]).line;
    }
    return undefined;
  };
  return { values: values as Record<string, unknown>, lineOf };
}

function describeIssue(
  issue: z.core.$ZodIssue,
  merged: unknown,
  file: string | undefined,
  lineOf: (path: string) => number | undefined,
  envSources: ReadonlyMap<string, string>,
): ConfigProblem[] {
  const base = issue.path.map(String).join('.');
  const sourceOf = (path: string): string => {
    const envVar = envSources.get(path);
    if (envVar) return `env ${envVar}`;
    const line = file ? lineOf(path) : undefined;
    if (file && line !== undefined) return `${basename(file)}:${line}`;
    return getPath(merged, path) === undefined ? 'missing' : file ? basename(file) : 'default';
  };
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = base ? `${base}.${key}` : key;
      const known = knownKeysAt(issue.path.map(String));
      const guess = closest(key, known);
      return {
        path,
        source: sourceOf(path),
        problem: 'unknown key',
        fix: guess ? `did you mean "${guess}"? Otherwise remove it` : `remove it; valid keys here: ${known.join(', ')}`,
      };
    });
  }
  const value = getPath(merged, base);
  const shown = isSecretPath(base) ? '(secret)' : JSON.stringify(value);
  return [{ path: base || '(root)', source: sourceOf(base), problem: `${issue.message}${value === undefined ? '' : ` (got ${shown})`}`, fix: fixFor(issue) }];
}

function fixFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return `give a value of type ${issue.expected}`;
    case 'too_small':
      return `use a value of at least ${String(issue.minimum)}`;
    case 'too_big':
      return `use a value of at most ${String(issue.maximum)}`;
    case 'invalid_format':
      if (issue.format === 'url') return 'give a full URL such as https://host:port';
      return issue.format === 'regex' ? 'give a value of the form described' : `give a valid ${issue.format}`;
    default:
      return 'correct the value as described';
  }
}

function isSecretPath(path: string): boolean {
  return SECRET_PATHS.includes(path);
}

function knownKeysAt(path: string[]): string[] {
  let schema: unknown = configSchema;
  for (const part of path) {
    const shape = shapeOf(schema);
    schema = shape?.[part];
  }
  return Object.keys(shapeOf(schema) ?? {});
}

function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  // Unwrap defaults/prefaults/optionals/pipes to reach an object's shape.
  let node = schema as { shape?: Record<string, unknown>; def?: { innerType?: unknown; in?: unknown; schema?: unknown } } | undefined;
  for (let i = 0; i < 6 && node && !node.shape; i++) node = (node.def?.innerType ?? node.def?.in ?? node.def?.schema) as typeof node;
  return node?.shape;
}

function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = levenshtein(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = out[key];
    out[key] =
      isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function basename(path: string): string {
  return path.split('/').pop() ?? path;
}
