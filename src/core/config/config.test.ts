import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectConfig, loadConfig, maskSecrets, secretValues } from './index.ts';

function dirWith(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sma-config-'));
  writeFileSync(join(dir, 'sma.config.yaml'), yaml);
  return dir;
}

describe('configuration', () => {
  it('needs nothing: defaults give an embedded local setup', () => {
    const { config, file } = loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'sma-empty-')), env: {} });
    expect(file).toBeUndefined();
    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 8080 });
    expect(config.storage.backend).toBe('local');
    expect(config.database_url).toBeUndefined();
    expect(config.limits).toEqual({ max_file_mb: 100, max_rows: 10_000_000, max_columns: 2000 });
  });

  it('applies defaults ← file ← environment', () => {
    const cwd = dirWith('server:\n  port: 9000\n  host: 0.0.0.0\nlimits:\n  max_rows: 5000\n');
    const { config } = loadConfig({ cwd, env: { SMA_PORT: '9100', SMA_HOME: 'data', SMA_BUDGET_MONTHLY_USD: '25' } });
    expect(config.server.port).toBe(9100);
    expect(config.server.host).toBe('0.0.0.0');
    expect(config.limits.max_rows).toBe(5000);
    expect(config.home).toBe(join(cwd, 'data'));
    expect(config.budgets.monthly_usd).toBe(25);
  });

  it('prefers AWS_ENDPOINT_URL_S3 over AWS_ENDPOINT_URL and parses lists', () => {
    const { config } = loadConfig({
      cwd: tmpdir(),
      env: { AWS_ENDPOINT_URL: 'http://generic:1', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4569', TELEGRAM_ALLOWED_USERS: '12, 34', SMA_PROVIDER_PRIORITY: 'local,runpod' },
    });
    expect(config.storage.s3.endpoint).toBe('http://127.0.0.1:4569');
    expect(config.telegram.allowed_users).toEqual([12, 34]);
    expect(config.providers.priority).toEqual(['local', 'runpod']);
  });

  it('reports every problem at once with key, source line, problem and fix', () => {
    const cwd = dirWith(['server:', '  port: 99999', '  hots: 0.0.0.0', 'storage:', '  backend: s3', 'log:', '  level: verbose', ''].join('\n'));
    const { problems } = inspectConfig({ cwd, env: { SMA_WORKERS: 'many' } });
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    expect(Object.keys(byPath).sort()).toEqual(['log.level', 'server.hots', 'server.port', 'storage.s3.bucket', 'workers.count']);
    expect(byPath['server.port'].source).toBe('sma.config.yaml:2');
    expect(byPath['server.hots']).toMatchObject({ source: 'sma.config.yaml:3', problem: 'unknown key' });
    expect(byPath['server.hots'].fix).toContain('did you mean "host"');
    expect(byPath['log.level'].fix).toContain('"debug"');
    expect(byPath['workers.count'].source).toBe('env SMA_WORKERS');
    expect(byPath['storage.s3.bucket'].fix).toContain('SMA_S3_BUCKET');
    expect(() => loadConfig({ cwd, env: {} })).toThrow(/4 problem/);
  });

  it('reports YAML syntax errors with their line', () => {
    const cwd = dirWith('server:\n  port: 8080\n   host: x\n');
    const { problems } = inspectConfig({ cwd, env: {} });
    expect(problems[0].path).toBe('(file)');
    expect(problems[0].source).toMatch(/^sma\.config\.yaml:\d+/);
    expect(problems[0].problem).toMatch(/invalid YAML/);
  });

  it('never shows secrets: masked in show, hidden in problems, listed for log scrubbing', () => {
    const env = {
      DATABASE_URL: 'postgres://sma:hunter22@db.example:5432/sma',
      RUNPOD_API_KEY: 'rpa_SECRETKEY',
      TELEGRAM_BOT_TOKEN: '123456:ABCDEF_secret',
      AWS_SECRET_ACCESS_KEY: 'aws-secret-value',
    };
    const { config } = loadConfig({ cwd: tmpdir(), env });
    const shown = JSON.stringify(maskSecrets(config));
    for (const secret of ['hunter22', 'rpa_SECRETKEY', 'ABCDEF_secret', 'aws-secret-value']) expect(shown).not.toContain(secret);
    expect(shown).toContain('db.example');
    expect(secretValues(config).sort()).toEqual(['123456:ABCDEF_secret', 'aws-secret-value', 'hunter22', 'rpa_SECRETKEY']);
    const bad = inspectConfig({ cwd: tmpdir(), env: { TELEGRAM_BOT_TOKEN: 'not-a-token-secret' } });
    expect(JSON.stringify(bad.problems)).not.toContain('not-a-token-secret');
  });
});
