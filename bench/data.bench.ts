/**
 * `npm run bench -- data`: ingest a generated 1M × 20 CSV (numeric + categorical + missing) into
 * typed columns, side by side with pandas.read_csv, each in its own child process so peak RSS is
 * per reader. Writes bench/results/data.json.
 *
 * Options: --rows=N (default 1,000,000), --runs=N (default 3, medians reported),
 *          --engines (also time raw DuckDB and raw polars file → typed arrays, as in the issue).
 */
import { spawnSync } from 'node:child_process';
import { pythonHas, referencePython } from './python.ts';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

interface Measure {
  readonly ms: number;
  /** CPU time (user + system) of the read: less sensitive than wall time to a busy machine. */
  readonly cpuMs: number;
  readonly rssMb: number;
  readonly rows: number;
  readonly columns: number;
}

/** `--name=N` (bin/bench.js takes bare words for suite names, so values are joined with =). */
function option(args: string[], name: string, fallback: number): number {
  const arg = args.find((a) => a.startsWith(`${name}=`));
  const value = arg === undefined ? Number.NaN : Number(arg.slice(name.length + 1));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Deterministic rows: 12 floats, 2 integers, 4 categoricals, a boolean and a float target; ~2 % missing. */
async function generate(path: string, rows: number): Promise<void> {
  let state = 20240601;
  const rand = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const levels = [
    ['red', 'green', 'blue', 'yellow', 'black', 'white'],
    ['north', 'south', 'east', 'west'],
    ['basic', 'pro', 'team', 'enterprise', 'trial'],
    Array.from({ length: 40 }, (_, i) => `store_${i}`),
  ];
  const header = [
    ...Array.from({ length: 12 }, (_, j) => `x${j}`),
    'count_a', 'count_b', 'color', 'region', 'plan', 'store', 'flag', 'target',
  ];
  const out = createWriteStream(path);
  const write = (s: string): Promise<void> => new Promise((resolve) => (out.write(s) ? resolve() : out.once('drain', () => resolve())));
  await write(`${header.join(',')}\n`);
  let batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    const cells: string[] = [];
    for (let j = 0; j < 12; j++) cells.push(rand() < 0.02 ? '' : ((rand() - 0.5) * 10 ** (j % 4)).toFixed(4));
    cells.push(String(Math.floor(rand() * 1000)), rand() < 0.02 ? 'NA' : String(Math.floor(rand() * 50)));
    for (const l of levels) cells.push(rand() < 0.02 ? '' : l[Math.floor(rand() * l.length)]);
    cells.push(rand() < 0.5 ? 'true' : 'false', (rand() * 100).toFixed(3));
    batch.push(cells.join(','));
    if (batch.length === 5000) {
      await write(`${batch.join('\n')}\n`);
      batch = [];
    }
  }
  if (batch.length > 0) await write(`${batch.join('\n')}\n`);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

const PANDAS_SCRIPT = `
import sys, time, resource
import pandas as pd
t = time.perf_counter()
c = time.process_time()
df = pd.read_csv(sys.argv[1])
ms = (time.perf_counter() - t) * 1000
cpu = (time.process_time() - c) * 1000
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print('{"ms": %f, "cpuMs": %f, "rssMb": %f, "rows": %d, "columns": %d}' % (ms, cpu, rss, df.shape[0], df.shape[1]))
`;

function child(command: string, args: string[]): Measure {
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Measure;
}

function ours(mode: 'sma' | 'polars' | 'duckdb', file: string): Measure {
  return child(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, file]);
}

function hasPandas(): boolean {
  return pythonHas('pandas');
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function summarize(runs: Measure[]): Record<string, unknown> {
  return {
    runs_ms: runs.map((r) => Math.round(r.ms)),
    median_ms: Math.round(median(runs.map((r) => r.ms))),
    cpu_ms: runs.map((r) => Math.round(r.cpuMs)),
    median_cpu_ms: Math.round(median(runs.map((r) => r.cpuMs))),
    peak_rss_mb: Math.round(Math.max(...runs.map((r) => r.rssMb))),
    rows: runs[0]?.rows,
    columns: runs[0]?.columns,
  };
}

export async function run(args: string[]): Promise<void> {
  const rows = option(args, '--rows', 1_000_000);
  const runs = option(args, '--runs', 3);
  const dataDir = join(here, 'data');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `data-${rows}x20-v1.csv`);
  if (!existsSync(file)) {
    console.error(`generating ${file} …`);
    await generate(file, rows);
  }
  const bytes = statSync(file).size;
  console.error(`file: ${file} (${(bytes / 1e6).toFixed(1)} MB)`);

  const smaRuns: Measure[] = [];
  const pandasRuns: Measure[] = [];
  const pandas = hasPandas();
  if (!pandas) console.error('pandas: SKIPPED — python3-pandas is not installed (apt-get install python3-pandas to compare).');
  // Interleave the two readers so machine load affects both alike.
  for (let i = 0; i < runs; i++) {
    const m = ours('sma', file);
    smaRuns.push(m);
    console.error(`run ${i + 1}: sma ${m.ms.toFixed(0)} ms (cpu ${m.cpuMs.toFixed(0)} ms), peak RSS ${m.rssMb.toFixed(0)} MB`);
    if (pandas) {
      const p = child(referencePython(), ['-c', PANDAS_SCRIPT, file]);
      pandasRuns.push(p);
      console.error(`run ${i + 1}: pandas ${p.ms.toFixed(0)} ms (cpu ${p.cpuMs.toFixed(0)} ms), peak RSS ${p.rssMb.toFixed(0)} MB`);
    }
  }
  const engines: Record<string, unknown> = {};
  if (args.includes('--engines')) {
    for (const mode of ['polars', 'duckdb'] as const) {
      const ms: Measure[] = [];
      for (let i = 0; i < runs; i++) ms.push(ours(mode, file));
      engines[mode] = summarize(ms);
      console.error(`${mode} raw: median ${(engines[mode] as { median_ms: number }).median_ms} ms`);
    }
  }
  const smaMedian = median(smaRuns.map((r) => r.ms));
  const pandasMedian = pandas ? median(pandasRuns.map((r) => r.ms)) : undefined;
  const ratio = pandasMedian === undefined ? null : smaMedian / pandasMedian;
  const result = {
    suite: 'data',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), platform: `${platform()} ${release()}`, node: process.version },
    file: { rows, columns: 20, bytes, generator: 'bench/data.bench.ts generate() v1 (seeded LCG)' },
    sma: { reader: 'readTableFile (nodejs-polars parse + typed columns + schema inference)', ...summarize(smaRuns) },
    pandas: pandas ? { reader: 'pandas.read_csv(path) defaults', ...summarize(pandasRuns) } : { skipped: 'python3-pandas not installed' },
    ratio: ratio === null ? null : Number(ratio.toFixed(3)),
    target_ratio: 0.25,
    meets_target: ratio === null ? null : ratio <= 0.25,
    ...(Object.keys(engines).length > 0 ? { engines } : {}),
    load_average: loadavg().map((x) => Number(x.toFixed(2))),
    note: 'Each measurement runs in a fresh child process; times cover reading only (not process start-up); medians of the runs. The machine is shared: compare wall times only with a low load average.',
  };
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'data.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.error(ratio === null ? `sma median ${smaMedian.toFixed(0)} ms (no pandas to compare)` : `sma ${smaMedian.toFixed(0)} ms vs pandas ${pandasMedian!.toFixed(0)} ms: ratio ${ratio.toFixed(3)} (target ≤ 0.25)`);
  console.log(JSON.stringify(result));
}

/** Child mode: one timed read, printed as JSON on the last stdout line. */
async function childMain(mode: string, file: string): Promise<void> {
  let rows = 0;
  let columns = 0;
  if (mode === 'sma') {
    const { readTableFile } = await import('../src/engine/data/read-table.ts');
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await readTableFile(file, { limits: { maxBytes: 2 ** 40 } });
    rows = r.frame.nRows;
    columns = r.frame.columns.length;
    print(performance.now() - t0, c0);
    return;
  }
  if (mode === 'polars') {
    const pl = (await import('nodejs-polars')).default;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const df = pl.readCSV(file, { nullValues: ['', 'NA'], inferSchemaLength: 10000 });
    for (const s of df.getColumns()) {
      const dt = s.dtype.variant;
      if (dt === 'String') {
        const codes = df.select(pl.col(s.name).cast(pl.Categorical).toPhysical().cast(pl.Int32).fillNull(-1).cast(pl.Int32)).getColumn(s.name).toTypedArray();
        columns += codes.length > 0 ? 1 : 0;
      } else {
        const v = df.select(pl.col(s.name).cast(pl.Float64).fillNull(Number.NaN)).getColumn(s.name).toTypedArray();
        columns += v.length > 0 ? 1 : 0;
      }
    }
    rows = df.height;
    print(performance.now() - t0, c0);
    return;
  }
  const { DuckDBInstance, DuckDBTypeId } = await import('@duckdb/node-api');
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const result = await con.stream(`SELECT * FROM read_csv('${file.replace(/'/g, "''")}', nullstr=['', 'NA'])`);
  const n = result.columnCount;
  const types = result.columnTypes();
  const capacity = 1 << 21;
  const out = types.map((t) => (t.typeId === DuckDBTypeId.VARCHAR ? new Int32Array(capacity) : new Float64Array(capacity)));
  const dicts = types.map(() => new Map<string, number>());
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (let j = 0; j < n; j++) {
      const vector = chunk.getColumnVector(j);
      const target = out[j];
      for (let i = 0; i < chunk.rowCount; i++) {
        const v = vector.getItem(i);
        if (target instanceof Int32Array) {
          if (v === null) target[rows + i] = -1;
          else {
            const key = String(v);
            let code = dicts[j].get(key);
            if (code === undefined) dicts[j].set(key, (code = dicts[j].size));
            target[rows + i] = code;
          }
        } else target[rows + i] = v === null ? Number.NaN : Number(v);
      }
    }
    rows += chunk.rowCount;
  }
  columns = n;
  print(performance.now() - t0, c0);

  function print(ms: number, cpuStart: NodeJS.CpuUsage): void {
    const cpu = process.cpuUsage(cpuStart);
    console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024, rows, columns }));
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === '--child') {
  await childMain(process.argv[3], process.argv[4]);
}
