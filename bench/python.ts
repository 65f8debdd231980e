/**
 * The python3 that holds the reference implementations (sklearn, pandas, xgboost). Debian's
 * packages install them for the system interpreter, which a pyenv/venv `python3` earlier on
 * PATH would hide; SMA_BENCH_PYTHON overrides both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function referencePython(): string {
  if (process.env.SMA_BENCH_PYTHON) return process.env.SMA_BENCH_PYTHON;
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

export function pythonHas(module: string): boolean {
  return spawnSync(referencePython(), ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}
