/**
 * `npm run bench -- ml [--repeats=3] [--quick]`: our gradient boosting and random forest against
 * sklearn HistGradientBoosting / RandomForest and XGBoost `hist`, on the same pre-split files.
 *
 * Datasets are generated deterministically into bench/data/ (raw little-endian float64, row-major
 * X and y, plus meta.json) so both sides read identical bytes; loading is outside the timings.
 * Every fit runs in a child process (ours: node + tsx; references: python3) so each reports its own
 * peak RSS; each measurement is repeated and the median is kept (the machine is shared). Both
 * sides use 2 threads. Results go to bench/results/ml.json. Python references are skipped with a
 * message when python3 lacks sklearn / xgboost.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { referencePython } from './python.ts';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Matrix } from '../src/engine/ml/estimator.ts';
import { StatefulRng } from '../src/engine/ml/gbdt/rng.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'bench', 'data', 'ml');
const resultFile = join(root, 'bench', 'results', 'ml.json');
const THREADS = 2;

interface Meta {
  readonly name: string;
  readonly task: 'classification' | 'regression';
  readonly cols: number;
  readonly trainRows: number;
  readonly testRows: number;
  readonly categorical: number[];
}

interface FitReport {
  readonly fit_ms: number;
  /** CPU time (user + system, all threads) of the fit: steadier than wall time on a shared machine. */
  readonly fit_cpu_ms: number;
  readonly predict_ms: number;
  readonly predict_rows_per_s: number;
  /** Rows per second of CPU time (all threads) while predicting. */
  readonly predict_rows_per_cpu_s: number;
  /** AUC (classification) or R² (regression) on the test file. */
  readonly score: number;
  readonly max_rss_mb: number;
  readonly n_iter?: number;
}

// ── deterministic data ──────────────────────────────────────────────────────────────────────

function generate(name: string, task: Meta['task'], rows: number, cols: number, categorical: number[], seed: number): Meta {
  const rng = new StatefulRng(seed);
  const X = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const catEffect = Array.from({ length: cols }, () => Array.from({ length: 16 }, () => gauss()));
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) X[o + j] = categorical.includes(j) ? Math.floor(rng.next() * (6 + (j % 10))) : gauss();
    // nonlinear signal on the first features, interactions, categorical effects, then noise
    let s = Math.sin(2 * X[o]) + X[o + 1] * X[o + 2] + 0.5 * X[o + 3] ** 2 - 0.5 + Math.abs(X[o + 4]) - 0.8 + 0.3 * X[o + 5];
    for (let j = 6; j < Math.min(cols, 12); j++) s += (categorical.includes(j) ? 0.6 * catEffect[j][X[o + j]] : 0.15 * X[o + j]);
    // a few missing values in one numeric column (native missing-value handling)
    if (cols > 10 && rng.next() < 0.02) X[o + 10] = NaN;
    if (task === 'regression') y[i] = 3 * s + 0.5 * gauss();
    else y[i] = s + 0.7 * gauss() > 0 ? 1 : 0;
  }
  const trainRows = Math.round(rows * 0.8);
  const dir = join(dataDir, name);
  mkdirSync(dir, { recursive: true });
  const write = (file: string, a: Float64Array): void => writeFileSync(join(dir, file), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  write('train.X.f64', X.subarray(0, trainRows * cols));
  write('train.y.f64', y.subarray(0, trainRows));
  write('test.X.f64', X.subarray(trainRows * cols));
  write('test.y.f64', y.subarray(trainRows));
  const meta: Meta = { name, task, cols, trainRows, testRows: rows - trainRows, categorical };
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
  return meta;
}

function ensureData(name: string, task: Meta['task'], rows: number, cols: number, categorical: number[], seed: number): Meta {
  const metaFile = join(dataDir, name, 'meta.json');
  if (existsSync(metaFile)) return JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
  return generate(name, task, rows, cols, categorical, seed);
}

function readF64(file: string): Float64Array {
  const b = readFileSync(file);
  const out = new Float64Array(b.byteLength / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}

function load(meta: Meta, part: 'train' | 'test'): { X: Matrix; y: Float64Array } {
  const dir = join(dataDir, meta.name);
  const data = readF64(join(dir, `${part}.X.f64`));
  return { X: { data, rows: data.length / meta.cols, cols: meta.cols }, y: readF64(join(dir, `${part}.y.f64`)) };
}

// ── metrics ─────────────────────────────────────────────────────────────────────────────────

function auc(score: Float64Array, y: Float64Array): number {
  const idx = Array.from(score.keys()).sort((a, b) => score[a] - score[b]);
  let pos = 0;
  let rankSum = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && score[idx[j + 1]] === score[idx[i]]) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) {
      if (y[idx[k]] !== 1) continue;
      pos++;
      rankSum += rank;
    }
    i = j + 1;
  }
  const neg = idx.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

function r2(pred: Float64Array, y: Float64Array): number {
  let mean = 0;
  for (const v of y) mean += v / y.length;
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < y.length; i++) {
    sse += (pred[i] - y[i]) ** 2;
    sst += (y[i] - mean) ** 2;
  }
  return 1 - sse / sst;
}

// ── child process: one fit of ours ──────────────────────────────────────────────────────────

interface ChildSpec {
  readonly kind: 'fit' | 'rss';
  readonly model: 'gbdt' | 'rf';
  readonly dataset?: string;
  readonly threads: number;
  readonly rows?: number;
  readonly cols?: number;
}

async function child(spec: ChildSpec): Promise<void> {
  const { GradientBoostingClassifier, GradientBoostingRegressor } = await import('../src/engine/ml/models/gradient-boosting.ts');
  const { RandomForestClassifier, RandomForestRegressor } = await import('../src/engine/ml/models/random-forest.ts');
  if (spec.kind === 'rss') {
    // 1M × 50 GBDT training: data generated in this process (not timed), peak RSS of the whole run
    const rows = spec.rows ?? 1_000_000;
    const cols = spec.cols ?? 50;
    const rng = new StatefulRng(11);
    const X = new Float64Array(rows * cols);
    const y = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) X[i * cols + j] = rng.next() * 2 - 1;
      y[i] = Math.sin(3 * X[i * cols]) + X[i * cols + 1] * X[i * cols + 2] + 0.1 * rng.next() > 0 ? 1 : 0;
    }
    const before = process.resourceUsage().maxRSS / 1024;
    const t = performance.now();
    const m = await new GradientBoostingClassifier({ n_threads: spec.threads }).fit({ data: X, rows, cols }, y, { seed: 1 });
    const fitMs = performance.now() - t;
    process.stdout.write(
      JSON.stringify({ fit_ms: fitMs, rss_before_fit_mb: before, max_rss_mb: process.resourceUsage().maxRSS / 1024, n_iter: m.fitted?.nIter, data_mb: (X.byteLength + y.byteLength) / 2 ** 20 }),
    );
    return;
  }
  const meta = JSON.parse(readFileSync(join(dataDir, spec.dataset as string, 'meta.json'), 'utf8')) as Meta;
  const train = load(meta, 'train');
  const test = load(meta, 'test');
  const clf = meta.task === 'classification';
  const cpuNow = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const c0 = cpuNow();
  const t0 = performance.now();
  let n_iter: number | undefined;
  let predict: (X: Matrix) => Float64Array;
  if (spec.model === 'gbdt') {
    const params = { n_threads: spec.threads, categorical_features: meta.categorical };
    if (clf) {
      const m = await new GradientBoostingClassifier(params).fit(train.X, train.y, { seed: 1, nClasses: 2 });
      n_iter = m.fitted?.nIter;
      predict = (X) => m.decisionFunction(X);
    } else {
      const m = await new GradientBoostingRegressor(params).fit(train.X, train.y, { seed: 1 });
      n_iter = m.fitted?.nIter;
      predict = (X) => m.predict(X);
    }
  } else if (clf) {
    const m = await new RandomForestClassifier({ n_threads: spec.threads }).fit(train.X, train.y, { seed: 1, nClasses: 2 });
    predict = (X) => m.predictProba(X).filter((_, i) => i % 2 === 1);
  } else {
    const m = await new RandomForestRegressor({ n_threads: spec.threads }).fit(train.X, train.y, { seed: 1 });
    predict = (X) => m.predict(X);
  }
  const fitMs = performance.now() - t0;
  const fitCpuMs = cpuNow() - c0;
  // steady-state batch throughput: warm the JIT on a small slice first (XGBoost is AOT-compiled)
  predict({ data: test.X.data.subarray(0, 1000 * meta.cols), rows: 1000, cols: meta.cols });
  const pc0 = cpuNow();
  const t1 = performance.now();
  const out = predict(test.X);
  const predictMs = performance.now() - t1;
  const predictCpuMs = cpuNow() - pc0;
  const report: FitReport = {
    fit_ms: fitMs,
    fit_cpu_ms: fitCpuMs,
    predict_ms: predictMs,
    predict_rows_per_s: test.X.rows / (predictMs / 1000),
    predict_rows_per_cpu_s: test.X.rows / (predictCpuMs / 1000),
    score: clf ? auc(out, test.y) : r2(out, test.y),
    max_rss_mb: process.resourceUsage().maxRSS / 1024,
    n_iter,
  };
  process.stdout.write(JSON.stringify(report));
}

function runOurs(spec: ChildSpec): FitReport | { error: string } {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', JSON.stringify(spec)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return { error: (r.stderr || `exit ${r.status}`).slice(-2000) };
  return JSON.parse(r.stdout) as FitReport;
}

// ── python references ───────────────────────────────────────────────────────────────────────

const PY = String.raw`
import json, sys, time, resource
import numpy as np
spec = json.loads(sys.argv[1])
d = spec["dir"]; meta = json.load(open(d + "/meta.json")); cols = meta["cols"]; clf = meta["task"] == "classification"
Xtr = np.fromfile(d + "/train.X.f64", dtype="<f8").reshape(-1, cols); ytr = np.fromfile(d + "/train.y.f64", dtype="<f8")
Xte = np.fromfile(d + "/test.X.f64", dtype="<f8").reshape(-1, cols); yte = np.fromfile(d + "/test.y.f64", dtype="<f8")
from sklearn.metrics import roc_auc_score, r2_score
kind = spec["model"]; cat = np.array([j in meta["categorical"] for j in range(cols)])
if kind == "hgb":
    from sklearn.ensemble import HistGradientBoostingClassifier as C, HistGradientBoostingRegressor as R
    m = (C if clf else R)(random_state=1, categorical_features=cat if cat.any() else None)
elif kind == "rf":
    from sklearn.ensemble import RandomForestClassifier as C, RandomForestRegressor as R
    m = (C if clf else R)(n_estimators=100, n_jobs=spec["threads"], random_state=1)
else:
    import xgboost as xgb
    args = dict(n_estimators=100, learning_rate=0.1, tree_method="hist", grow_policy="lossguide", max_leaves=31, max_depth=0, min_child_weight=1e-3, n_jobs=spec["threads"], random_state=1, max_bin=255)
    m = xgb.XGBClassifier(**args) if clf else xgb.XGBRegressor(**args)
cpu = lambda: (lambda r: (r.ru_utime + r.ru_stime) * 1000)(resource.getrusage(resource.RUSAGE_SELF))
c = cpu(); t = time.perf_counter(); m.fit(Xtr, ytr); fit_ms = (time.perf_counter() - t) * 1000; fit_cpu_ms = cpu() - c
c = cpu(); t = time.perf_counter(); out = m.predict_proba(Xte)[:, 1] if clf else m.predict(Xte); pred_ms = (time.perf_counter() - t) * 1000; pred_cpu_ms = cpu() - c
score = roc_auc_score(yte, out) if clf else r2_score(yte, out)
print(json.dumps(dict(fit_ms=fit_ms, fit_cpu_ms=fit_cpu_ms, predict_ms=pred_ms, predict_rows_per_s=len(Xte) / (pred_ms / 1000), predict_rows_per_cpu_s=len(Xte) / (max(pred_cpu_ms, 1e-3) / 1000), score=score, max_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, n_iter=getattr(m, "n_iter_", None))))
`;

function pythonHas(module: string): boolean {
  try {
    execFileSync(referencePython(), ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function runPython(model: 'hgb' | 'rf' | 'xgb', dataset: string): FitReport | { error: string } {
  const env = { ...process.env, OMP_NUM_THREADS: String(THREADS), OPENBLAS_NUM_THREADS: String(THREADS) };
  const r = spawnSync(referencePython(), ['-c', PY, JSON.stringify({ dir: join(dataDir, dataset), model, threads: THREADS })], { encoding: 'utf8', env, maxBuffer: 1 << 24 });
  if (r.status !== 0) return { error: (r.stderr || `exit ${r.status}`).slice(-2000) };
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as FitReport;
}

// ── orchestration ───────────────────────────────────────────────────────────────────────────

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

type Summary = (FitReport & { runs: number; fit_ms_all: number[] }) | { error: string } | { skipped: string };

function repeat(times: number, once: () => FitReport | { error: string }): Summary {
  const runs: FitReport[] = [];
  for (let r = 0; r < times; r++) {
    const out = once();
    if ('error' in out) return out;
    runs.push(out);
  }
  const pick = (k: 'fit_ms' | 'fit_cpu_ms' | 'predict_ms' | 'predict_rows_per_s' | 'predict_rows_per_cpu_s' | 'score' | 'max_rss_mb'): number =>
    median(runs.map((x) => x[k]));
  return {
    fit_ms: pick('fit_ms'),
    fit_cpu_ms: pick('fit_cpu_ms'),
    predict_ms: pick('predict_ms'),
    predict_rows_per_s: pick('predict_rows_per_s'),
    predict_rows_per_cpu_s: pick('predict_rows_per_cpu_s'),
    score: pick('score'),
    max_rss_mb: pick('max_rss_mb'),
    n_iter: runs[0].n_iter,
    runs: runs.length,
    fit_ms_all: runs.map((x) => Math.round(x.fit_ms)),
  };
}

const ok = (s: Summary | undefined): s is FitReport & { runs: number; fit_ms_all: number[] } => s !== undefined && 'fit_ms' in s;

export async function run(args: string[]): Promise<void> {
  const loadAtStart = loadavg();
  const quick = args.includes('--quick');
  // `--repeats=N` (a bare number would be taken for a suite name by bin/bench.js)
  const ra = args.find((a) => a.startsWith('--repeats='));
  const repeats = ra !== undefined ? Number(ra.slice('--repeats='.length)) : quick ? 1 : 3;
  const scale = quick ? 0.1 : 1;
  const datasets = [
    ensureData(quick ? 'clf-quick' : 'clf-200k', 'classification', Math.round(250_000 * scale), 30, [], 1),
    ensureData(quick ? 'reg-quick' : 'reg-500k', 'regression', Math.round(625_000 * scale), 20, [], 2),
    ensureData(quick ? 'adult-quick' : 'adult-like', 'classification', Math.round(48_842 * scale), 14, [6, 7, 8, 9, 11, 12], 3),
  ];
  const hasSklearn = pythonHas('sklearn');
  const hasXgb = pythonHas('xgboost');
  if (!hasSklearn) console.error('python3 has no sklearn: sklearn references skipped (install python3-sklearn)');
  if (!hasXgb) console.error('python3 has no xgboost: XGBoost references skipped (install python3-xgboost)');
  const results: Record<string, Record<string, Summary>> = {};
  for (const meta of datasets) {
    const r: Record<string, Summary> = {};
    console.error(`\n[${meta.name}] ${meta.trainRows} train rows × ${meta.cols}, ${meta.task}`);
    r.ours_gbdt = repeat(repeats, () => runOurs({ kind: 'fit', model: 'gbdt', dataset: meta.name, threads: THREADS }));
    console.error('  ours gbdt', JSON.stringify(r.ours_gbdt));
    r.sklearn_hgb = hasSklearn ? repeat(repeats, () => runPython('hgb', meta.name)) : { skipped: 'python3 sklearn not installed' };
    console.error('  sklearn hgb', JSON.stringify(r.sklearn_hgb));
    r.xgboost_hist = hasXgb ? repeat(repeats, () => runPython('xgb', meta.name)) : { skipped: 'python3 xgboost not installed' };
    console.error('  xgboost hist', JSON.stringify(r.xgboost_hist));
    if (meta.name.startsWith('clf') || meta.name.startsWith('adult')) {
      r.ours_rf = repeat(Math.min(repeats, 2), () => runOurs({ kind: 'fit', model: 'rf', dataset: meta.name, threads: THREADS }));
      console.error('  ours rf', JSON.stringify(r.ours_rf));
      r.sklearn_rf = hasSklearn ? repeat(Math.min(repeats, 2), () => runPython('rf', meta.name)) : { skipped: 'python3 sklearn not installed' };
      console.error('  sklearn rf', JSON.stringify(r.sklearn_rf));
    }
    results[meta.name] = r;
  }
  const comparisons: Record<string, Record<string, number | string>> = {};
  for (const [name, r] of Object.entries(results)) {
    const c: Record<string, number | string> = {};
    if (ok(r.ours_gbdt) && ok(r.sklearn_hgb)) {
      c.gbdt_time_ratio_vs_sklearn_hgb = r.ours_gbdt.fit_ms / r.sklearn_hgb.fit_ms;
      c.gbdt_cpu_ratio_vs_sklearn_hgb = r.ours_gbdt.fit_cpu_ms / r.sklearn_hgb.fit_cpu_ms;
      c.gbdt_score_delta_vs_sklearn_hgb = r.ours_gbdt.score - r.sklearn_hgb.score;
    }
    if (ok(r.ours_gbdt) && ok(r.xgboost_hist)) {
      c.gbdt_time_ratio_vs_xgboost = r.ours_gbdt.fit_ms / r.xgboost_hist.fit_ms;
      c.gbdt_score_delta_vs_xgboost = r.ours_gbdt.score - r.xgboost_hist.score;
      c.predict_throughput_ratio_vs_xgboost = r.ours_gbdt.predict_rows_per_s / r.xgboost_hist.predict_rows_per_s;
      c.predict_cpu_throughput_ratio_vs_xgboost = r.ours_gbdt.predict_rows_per_cpu_s / r.xgboost_hist.predict_rows_per_cpu_s;
    }
    if (ok(r.ours_rf) && ok(r.sklearn_rf)) {
      c.rf_time_ratio_vs_sklearn = r.ours_rf.fit_ms / r.sklearn_rf.fit_ms;
      c.rf_cpu_ratio_vs_sklearn = r.ours_rf.fit_cpu_ms / r.sklearn_rf.fit_cpu_ms;
      c.rf_score_delta_vs_sklearn = r.ours_rf.score - r.sklearn_rf.score;
    }
    if (Object.keys(c).length === 0) c.note = 'no reference available on this machine: only our own figures are recorded';
    comparisons[name] = c;
  }
  console.error('\n[rss] 1M × 50 GBDT training in a child process');
  const rss = quick ? { skipped: '--quick' } : (() => {
    const self = fileURLToPath(import.meta.url);
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', JSON.stringify({ kind: 'rss', model: 'gbdt', threads: THREADS })], { cwd: root, encoding: 'utf8' });
    return r.status === 0 ? (JSON.parse(r.stdout) as Record<string, number>) : { error: r.stderr.slice(-2000) };
  })();
  console.error('  ', JSON.stringify(rss));
  const out = {
    generated_at: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: availableParallelism(),
      threads: THREADS,
      load_average_at_start: loadAtStart,
      note: 'shared machine: medians of repeated child-process runs; fit_cpu_ms (all threads) is steadier than wall time when other work competes for the cores',
    },
    repeats,
    targets: {
      gbdt_time_ratio_vs_sklearn_hgb: '≤ 0.8',
      gbdt_score_delta: 'within 0.005 AUC / R²',
      rf_time_ratio_vs_sklearn: '≤ 0.5 at equal accuracy',
      gbdt_1m_x_50_rss_mb: '< 1536',
      predict_throughput_vs_xgboost: '≥ 1',
    },
    references: { sklearn: hasSklearn, xgboost: hasXgb },
    results,
    comparisons,
    gbdt_1m_x_50: rss,
  };
  mkdirSync(dirname(resultFile), { recursive: true });
  writeFileSync(resultFile, JSON.stringify(out, null, 2) + '\n');
  console.error(`\nwrote ${resultFile}`);
}

// child-process entry: node --import tsx bench/ml.bench.ts --child '<spec>'
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === '--child') {
  await child(JSON.parse(process.argv[3]) as ChildSpec);
}
