/**
 * `sma stats <file>`: reads a table with the data engine and shows its schema (kinds, exclusions,
 * suggested target and task), descriptive statistics and a correlation matrix. Thin: the engine
 * builds the report; this file only parses options and renders.
 */
import { Option, type Command } from 'commander';
import { loadConfig } from '../../../core/config/index.ts';
import { readTableFile } from '../../../engine/data/read-table.ts';
import { statsReport, type StatsReport } from '../../../engine/data/stats-report.ts';
import { CORRELATION_METHODS, type CorrelationMethod } from '../../../engine/data/stats/correlation.ts';
import type { Task } from '../../../engine/data/target.ts';
import { action, printJson, printTable } from '../output.ts';

interface StatsOptions {
  corr: CorrelationMethod;
  json?: boolean;
  sheet?: string;
  target?: string;
  task?: Task;
}

export function registerStatsCommand(program: Command): void {
  program
    .command('stats <file>')
    .description('describe a data file: inferred schema, target/task suggestion, statistics, correlations')
    .addOption(new Option('--corr <method>', 'correlation method').choices([...CORRELATION_METHODS]).default('pearson'))
    .option('--json', 'print one JSON object')
    .option('--sheet <name>', 'XLSX: the sheet to read (default: the first)')
    .option('--target <column>', 'use this column as the target instead of the suggested one')
    .addOption(new Option('--task <task>', 'override the inferred task').choices(['classification', 'regression']))
    .action(
      action(async (file: string, options: StatsOptions, command: Command) => {
        const global = command.optsWithGlobals<{ config?: string }>();
        const { limits } = loadConfig(global.config === undefined ? {} : { file: global.config }).config;
        const read = await readTableFile(file, {
          limits: { maxBytes: limits.max_file_mb * 1024 * 1024, maxRows: limits.max_rows, maxColumns: limits.max_columns },
          ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
          ...(options.target === undefined ? {} : { target: options.target }),
          ...(options.task === undefined ? {} : { task: options.task }),
        });
        const report = statsReport(read, options.corr);
        if (options.json) printJson(report);
        else renderReport(report);
      }),
    );
}

function fmt(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.length > 40 ? `${v.slice(0, 37)}...` : v;
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e7) ? v.toExponential(3) : v.toFixed(4);
}

function renderReport(r: StatsReport): void {
  const out = (line = ''): void => {
    process.stdout.write(`${line}\n`);
  };
  const source = [r.format.toUpperCase(), r.encoding, r.delimiter === undefined ? undefined : `delimiter ${JSON.stringify(r.delimiter)}`, r.sheet === undefined ? undefined : `sheet "${r.sheet}"`];
  out(`${r.file}: ${r.rows} rows × ${r.columns} columns (${source.filter((s) => s !== undefined).join(', ')})`);
  out(r.target === null ? 'Target: none suggested' : `Suggested target: ${r.target.name} (${r.target.reason})`);
  if (r.task !== null) out(`Task: ${r.task.name} (${r.task.reason})`);
  out(`Features (${r.features.length}): ${r.features.join(', ') || '(none)'}`);
  for (const w of r.warnings) out(`Warning: ${w}`);

  out('\nSchema');
  printTable(
    ['column', 'kind', 'missing', 'distinct', 'used as feature'],
    r.schema.map((c) => [c.name, c.kind, c.missing, c.distinct ?? '', c.name === r.target?.name ? 'target' : c.excluded ? `no: ${c.reason}` : 'yes']),
  );

  const numeric = r.describe.filter((d) => d.mean !== null || d.top === null);
  if (numeric.length > 0) {
    out('\nNumeric columns');
    const keys = ['count', 'missing', 'mean', 'std', 'min', '25%', '50%', '75%', 'max', 'unique'];
    printTable(['column', ...keys], numeric.map((d) => [String(d.name), ...keys.map((k) => fmt(d[k]))]));
  }
  const categorical = r.describe.filter((d) => d.top !== null);
  if (categorical.length > 0) {
    out('\nText and categorical columns');
    const keys = ['count', 'missing', 'unique', 'top', 'freq'];
    printTable(['column', ...keys], categorical.map((d) => [String(d.name), ...keys.map((k) => fmt(d[k]))]));
  }

  const { columns, matrix, method } = r.correlation;
  out(`\nCorrelation (${method})`);
  if (columns.length < 2) out('(fewer than two numeric columns)');
  else printTable(['', ...columns], columns.map((name, i) => [name, ...matrix[i].map((v) => (v === null ? '' : v.toFixed(3)))]));
}
