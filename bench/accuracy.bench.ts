/**
 * `npm run bench -- accuracy [dataset…]`: our models vs scikit-learn on the acceptance datasets
 * (test/fixtures/datasets), same split and parameters; writes bench/results/accuracy.json.
 * scikit-learn is recomputed live when `python3 -c "import sklearn"` works (PYTHONPATH is passed
 * through), else the stored reference (test/fixtures/datasets/reference.json) is used.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../src/core/version.ts';
import { referencePython } from './python.ts';
import {
  runAccuracyCases,
  withinTolerance,
  type AccuracyCases,
  type ReferenceScores,
} from '../src/engine/ml/testing/accuracy-cases.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test', 'fixtures', 'datasets');

interface SklearnRun {
  readonly source: 'live' | 'stored';
  readonly version: string;
  readonly scores: ReferenceScores;
  readonly note?: string;
}

function sklearnReference(datasets: readonly string[]): SklearnRun {
  const result = spawnSync(referencePython(), ['-W', 'ignore', join(fixtures, 'sklearn_reference.py'), ...datasets], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status === 0 && result.stdout.trim().startsWith('{')) {
    const version = /scikit-learn (\S+)/.exec(result.stderr)?.[1] ?? 'unknown';
    return { source: 'live', version, scores: JSON.parse(result.stdout) as ReferenceScores };
  }
  const reason = (result.error?.message ?? result.stderr.trim().split('\n').at(-1) ?? 'unknown error').slice(0, 200);
  return {
    source: 'stored',
    version: '1.9.1',
    scores: JSON.parse(readFileSync(join(fixtures, 'reference.json'), 'utf8')) as ReferenceScores,
    note: `scikit-learn not runnable here (${reason}); using test/fixtures/datasets/reference.json`,
  };
}

export async function run(args: string[]): Promise<void> {
  const cases = JSON.parse(readFileSync(join(fixtures, 'accuracy-cases.json'), 'utf8')) as AccuracyCases;
  const only = args.filter((a) => !a.startsWith('-') && a !== 'accuracy');
  const started = performance.now();
  const ours = await runAccuracyCases(cases, (file) => readFileSync(join(fixtures, file), 'utf8'), only);
  const oursMs = performance.now() - started;
  const sklearn = sklearnReference(only);
  if (sklearn.note) console.error(sklearn.note);

  const rows = [];
  for (const [dataset, scores] of Object.entries(ours)) {
    const spec = cases.datasets[dataset];
    for (const c of cases.cases[spec.task]) {
      const reference = sklearn.scores[dataset]?.[c.id];
      const score = scores[c.id];
      rows.push({
        dataset,
        case: c.id,
        model: c.model,
        params: c.params ?? {},
        metric: spec.task === 'classification' ? 'accuracy' : 'r2',
        ours: score,
        sklearn: reference?.score ?? null,
        sklearn_min: reference?.min ?? null,
        sklearn_max: reference?.max ?? null,
        sklearn_random_states: c.random_states ?? 1,
        diff: reference ? score - reference.score : null,
        within_tolerance: reference ? withinTolerance(score, reference, cases.tolerance) : false,
      });
    }
  }
  const report = {
    generated_at: new Date().toISOString(),
    software_version: VERSION,
    node: process.version,
    sklearn: { source: sklearn.source, version: sklearn.version },
    tolerance: cases.tolerance,
    split: 'split column of each fixture (sklearn train_test_split, test_size 0.2, random_state 42, stratified for classification)',
    ours_duration_ms: Math.round(oursMs),
    all_within_tolerance: rows.every((r) => r.within_tolerance),
    rows,
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'accuracy.json'), `${JSON.stringify(report, null, 2)}\n`);
  const fmt = (v: number | null) => (v === null ? '   —   ' : v.toFixed(4).padStart(7));
  console.error(`${'dataset'.padEnd(14)}${'case'.padEnd(48)}metric    ours  sklearn  range            ok`);
  for (const r of rows) {
    const range = r.sklearn_min === r.sklearn_max ? ''.padEnd(17) : `[${fmt(r.sklearn_min)},${fmt(r.sklearn_max)}]`;
    console.error(`${r.dataset.padEnd(14)}${r.case.padEnd(48)}${r.metric.padEnd(8)}${fmt(r.ours)}  ${fmt(r.sklearn)}  ${range}  ${r.within_tolerance ? 'yes' : 'NO'}`);
  }
  console.error(`all within ${cases.tolerance}: ${report.all_within_tolerance} (sklearn ${sklearn.source} ${sklearn.version}) → bench/results/accuracy.json`);
}
