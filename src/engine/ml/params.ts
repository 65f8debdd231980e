/**
 * Hyperparameter validation: one zod schema per model is the single source of truth for
 * defaults, ranges and enums; the CLI (`--param key=value`), the API and the bot all go through
 * `validateParams`, so a bad value gets the same error everywhere.
 */
import type { z } from 'zod';
import { TrainingError } from '../../core/errors.ts';

/** Parses raw params against a model's schema; throws INVALID_PARAMS listing every issue. */
export function validateParams<S extends z.ZodType>(schema: S, raw: unknown, modelType: string): z.output<S> {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    param: issue.path.join('.') || '(params)',
    message: issue.message,
  }));
  throw new TrainingError('INVALID_PARAMS', `Invalid parameters for ${modelType}: ${issues.map((i) => `${i.param}: ${i.message}`).join('; ')}`, {
    details: { model_type: modelType, issues },
  });
}

/**
 * Turns a CLI/bot string into the value it spells: numbers, booleans, null/none, JSON
 * arrays/objects; anything else stays a string. The schema then validates the result.
 */
export function parseParamValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed === 'null' || trimmed === 'none' || trimmed === 'None') return null;
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return trimmed;
    }
  }
  return trimmed;
}

/** `["alpha=0.5", "max_depth=3"]` → `{alpha: 0.5, max_depth: 3}`. */
export function parseParamArgs(args: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) {
      throw new TrainingError('INVALID_PARAMS', `Parameter "${arg}" must look like key=value`, { details: { param: arg } });
    }
    out[arg.slice(0, eq).trim()] = parseParamValue(arg.slice(eq + 1));
  }
  return out;
}
