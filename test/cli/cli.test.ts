import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSma, tempHome } from '../helpers/cli.ts';

const DESIGN_COMMANDS = ['serve', 'train', 'predict', 'models', 'stats', 'jobs', 'costs', 'worker', 'users', 'config'];

describe('sma command line', () => {
  it('documents every command of the design in --help', () => {
    const result = runSma(['--help']);
    expect(result.status).toBe(0);
    for (const command of DESIGN_COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('runs a worker once and exits cleanly when there is nothing to do', () => {
    const home = tempHome();
    const result = runSma(['worker', '--once'], { env: { SMA_HOME: home, SMA_LOG_LEVEL: 'info' } });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/no job to run/);
  });

  it('prints exactly one JSON object with --json, logs on stderr', () => {
    const home = tempHome();
    const costs = runSma(['costs', '--month', '2026-01', '--json'], { env: { SMA_HOME: home } });
    expect(costs.status).toBe(0);
    expect(JSON.parse(costs.stdout)).toEqual({ month: '2026-01', total_usd: 0, budget_monthly_usd: null, providers: [] });
    const models = runSma(['models', '--json'], { env: { SMA_HOME: home } });
    expect(JSON.parse(models.stdout)).toEqual({ models: [] });
  });

  it('renders errors as the contract object with --json and as text otherwise', () => {
    const home = tempHome();
    const json = runSma(['jobs', 'show', 'job_missing', '--json'], { env: { SMA_HOME: home } });
    expect(json.status).toBe(1);
    const error = JSON.parse(json.stdout);
    expect(error).toMatchObject({ error_code: 5002, error_class: 'StateError', details: { job_id: 'job_missing' } });
    expect(Object.keys(error).sort()).toEqual(['details', 'error_class', 'error_code', 'message', 'recovery_suggestion', 'severity', 'timestamp']);
    const text = runSma(['jobs', 'show', 'job_missing'], { env: { SMA_HOME: home } });
    expect(text.stdout).toBe('');
    expect(text.stderr).toMatch(/^Error 5002 \(StateError\): No job "job_missing"\./);
    expect(text.stderr).toMatch(/What to do: /);
  });

  it('creates a user and prints its API key once', () => {
    const home = tempHome();
    const result = runSma(['users', 'create', 'ana', '--role', 'user', '--json'], { env: { SMA_HOME: home } });
    expect(result.status).toBe(0);
    const created = JSON.parse(result.stdout);
    expect(created).toMatchObject({ name: 'ana', role: 'user' });
    expect(created.api_key).toMatch(/^sma_[\w-]{40,}$/);
    const list = runSma(['users', 'list', '--json'], { env: { SMA_HOME: home } });
    expect(list.stdout).not.toContain(created.api_key);
    const dup = runSma(['users', 'create', 'ana'], { env: { SMA_HOME: home } });
    expect(dup.status).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);
  });

  it('validates a broken config file listing all problems at once', () => {
    const home = tempHome();
    writeFileSync(join(home, 'sma.config.yaml'), 'server:\n  port: -1\n  hots: x\nlimits:\n  max_rows: lots\n');
    const result = runSma(['config', 'validate'], { env: { SMA_HOME: home }, cwd: home });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/Found 3 problem/);
    for (const key of ['server.port', 'server.hots', 'limits.max_rows']) expect(result.stdout).toContain(key);
    const json = JSON.parse(runSma(['config', 'validate', '--json'], { env: { SMA_HOME: home }, cwd: home }).stdout);
    expect(json.valid).toBe(false);
    expect(json.problems).toHaveLength(3);
    // Any other command refuses to run on a broken config, with the same report.
    const other = runSma(['models'], { env: { SMA_HOME: home }, cwd: home });
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/Error 1001 \(ConfigError\)/);
  });

  it('shows the configuration with secrets masked', () => {
    const home = tempHome();
    const result = runSma(['config', 'show', '--json'], { env: { SMA_HOME: home, RUNPOD_API_KEY: 'rpa_VERYSECRET', DATABASE_URL: 'postgres://u:pw12345@127.0.0.1:1/x' } });
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('VERYSECRET');
    expect(result.stdout).not.toContain('pw12345');
    expect(JSON.parse(result.stdout).providers.runpod.api_key).toBe('********');
  });
});
