import { describe, it, expect, vi, afterEach } from 'vitest';
import { join } from 'node:path';
import { Command } from 'commander';
import { readTableFile } from './read-table.ts';
import { statsReport } from './stats-report.ts';
import { registerStatsCommand } from '../../interfaces/cli/commands/stats.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/data');

describe('statsReport', () => {
  it('collects schema, target, describe and correlation in one JSON-ready object', async () => {
    const report = statsReport(await readTableFile(join(FIXTURES, 'messy.csv')), 'kendall');
    expect(report).toMatchObject({ file: 'messy.csv', rows: 60, columns: 9, target: { name: 'churn' }, task: { name: 'classification' } });
    expect(report.correlation.columns).toEqual(['active', 'spend', 'visits', 'churn']);
    expect(report.correlation.matrix[0][0]).toBe(1);
    const signup = report.describe.find((d) => d.name === 'signup');
    expect(signup?.min).toBe('2023-01-05T00:00:00.000Z');
    const plan = report.describe.find((d) => d.name === 'plan');
    expect(plan).toMatchObject({ unique: 3, top: 'pro', freq: 20, mean: null });
    // Round-trips through JSON (no NaN, no typed arrays).
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('sma stats (in-process)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  async function run(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number | undefined }> {
    let stdout = '';
    let stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
    const program = new Command('sma').exitOverride();
    registerStatsCommand(program);
    await program.parseAsync(['node', 'sma', 'stats', ...args]);
    const exitCode = typeof process.exitCode === 'number' ? process.exitCode : undefined;
    vi.restoreAllMocks();
    return { stdout, stderr, exitCode };
  }

  it('--json prints exactly one JSON object', async () => {
    const r = await run([join(FIXTURES, 'two-sheets.xlsx'), '--sheet', 'Data', '--json', '--corr', 'spearman']);
    expect(r.exitCode).toBeUndefined();
    const parsed = JSON.parse(r.stdout) as { sheet: string; correlation: { method: string } };
    expect([parsed.sheet, parsed.correlation.method]).toEqual(['Data', 'spearman']);
  });
  it('prints tables for people', async () => {
    const r = await run([join(FIXTURES, 'messy.csv')]);
    expect(r.stdout).toMatch(/Suggested target: churn/);
    expect(r.stdout).toMatch(/no: high-cardinality text/);
    expect(r.stdout).toMatch(/Correlation \(pearson\)/);
  });
  it('errors: JSON object on stdout with --json, human text on stderr otherwise, exit code 1', async () => {
    const json = await run([join(FIXTURES, 'two-sheets.xlsx'), '--sheet', 'Nope', '--json']);
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ error_code: 2109, error_class: 'DataFileError', details: { sheets: ['Summary', 'Data'] } });
    const human = await run([join(FIXTURES, 'ragged.csv')]);
    expect(human.exitCode).toBe(1);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(/^Error 2103 \(DataFileError\): ragged\.csv: line 3/);
    expect(human.stderr).toMatch(/\n {2}row: 2\n/);
    expect(human.stderr).toMatch(/What to do: Fix line 3/);
  });
});
