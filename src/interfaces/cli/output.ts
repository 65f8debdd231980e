/**
 * The CLI renderer: tables for people, exactly one JSON object on stdout with --json, and the
 * error contract as human text (stderr) or as the JSON error object (stdout with --json).
 */
import Table from 'cli-table3';
import { SmaError, toErrorObject } from '../../core/errors.ts';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printTable(head: string[], rows: Array<Array<string | number>>, options: { empty?: string } = {}): void {
  if (rows.length === 0) {
    process.stdout.write(`${options.empty ?? '(nothing yet)'}\n`);
    return;
  }
  const table = new Table({ head, style: { head: process.stdout.isTTY ? ['cyan'] : [], border: process.stdout.isTTY ? ['grey'] : [] } });
  table.push(...rows.map((r) => r.map(String)));
  process.stdout.write(`${table.toString()}\n`);
}

export function printKeyValues(pairs: Array<[string, unknown]>): void {
  const width = Math.max(...pairs.map(([k]) => k.length));
  for (const [key, value] of pairs) {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    process.stdout.write(`${key.padEnd(width)}  ${shown}\n`);
  }
}

export function renderError(error: unknown, json: boolean): void {
  const object = toErrorObject(error);
  if (json) {
    process.stdout.write(`${JSON.stringify(object)}\n`);
    return;
  }
  const lines = [`Error ${object.error_code} (${object.error_class}): ${object.message}`];
  const details = Object.entries(object.details).filter(([key]) => key !== 'problems');
  for (const [key, value] of details) lines.push(`  ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  // The local user may see what went wrong inside; HTTP clients never do.
  if (!(error instanceof SmaError) && error instanceof Error) lines.push(`  cause: ${error.message}`);
  lines.push(`  What to do: ${object.recovery_suggestion}`);
  process.stderr.write(`${lines.join('\n')}\n`);
}

export interface ActionOptions {
  json?: boolean;
}

/**
 * Wraps a command action: runs it, renders any error per the contract and sets a non-zero exit
 * code. Unexpected errors print their stack only with SMA_DEBUG=1.
 */
export function action<A extends unknown[]>(handler: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await handler(...args);
    } catch (error) {
      const options = args.find((a): a is ActionOptions => typeof a === 'object' && a !== null && 'json' in a) as ActionOptions | undefined;
      renderError(error, Boolean(options?.json));
      if (!(error instanceof SmaError) && process.env.SMA_DEBUG === '1') console.error(error);
      process.exitCode = 1;
    }
  };
}

export function formatUsd(amount: number): string {
  return amount < 0.01 && amount > 0 ? `$${amount.toFixed(4)}` : `$${amount.toFixed(2)}`;
}
