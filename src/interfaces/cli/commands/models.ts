import type { Command } from 'commander';
import { PredictionError } from '../../../core/errors.ts';
import type { ModelRow } from '../../../ports/store/index.ts';
import { ensureLocalUser } from '../../../services/auth/local-user.ts';
import { withApp } from '../context.ts';
import { action, printJson, printKeyValues, printTable } from '../output.ts';

/** The public shape of a model (store columns parsed). */
export function modelView(model: ModelRow): Record<string, unknown> {
  return {
    model_id: model.id,
    name: model.name,
    version: model.version,
    type: model.type,
    task: model.task,
    target: model.target,
    features: JSON.parse(model.features_json),
    metrics: JSON.parse(model.metrics_json),
    info: JSON.parse(model.info_json),
    created_at: model.created_at,
  };
}

function headlineMetric(model: ModelRow): string {
  const metrics = JSON.parse(model.metrics_json) as Record<string, unknown>;
  const key = model.task === 'regression' ? 'r2' : 'accuracy';
  return typeof metrics[key] === 'number' ? `${key} ${(metrics[key] as number).toFixed(4)}` : '';
}

export function registerModelsCommand(program: Command): void {
  const models = program
    .command('models')
    // `models show <id> --json`: the subcommand's own --json, not the parent's.
    .enablePositionalOptions()
    .description('list, show and delete trained models')
    .option('--json', 'print one JSON object')
    .action(
      action(async (options: { json?: boolean }, command: Command) => {
        await withApp(command.optsWithGlobals(), async (app) => {
          const user = await ensureLocalUser(app.store);
          const rows = await app.store.models.list({ userId: user.id });
          if (options.json) printJson({ models: rows.map(modelView) });
          else
            printTable(
              ['id', 'name', 'v', 'type', 'task', 'target', 'metric', 'created'],
              rows.map((m) => [m.id, m.name, m.version, m.type, m.task, m.target, headlineMetric(m), m.created_at.slice(0, 16).replace('T', ' ')]),
              { empty: 'No models yet. Train one with `sma train <file> --target <column>`.' },
            );
        });
      }),
    );

  models
    .command('show <id>')
    .description('show a model: metrics, features, versions (and the leaderboard of an auto search)')
    .option('--json', 'print one JSON object')
    .action(
      action(async (id: string, options: { json?: boolean }, command: Command) => {
        await withApp(command.optsWithGlobals(), async (app) => {
          const user = await ensureLocalUser(app.store);
          const model = (await app.store.models.get(id, { userId: user.id })) ?? (await app.store.models.getLatestByName(id, { userId: user.id }));
          if (!model) throw new PredictionError('MODEL_NOT_FOUND', `No model "${id}".`, { details: { model: id } });
          const view = modelView(model);
          const versions = await app.store.models.versions(model.user_id, model.name);
          if (options.json) {
            printJson({ ...view, versions: versions.map((v) => ({ model_id: v.id, version: v.version, created_at: v.created_at })) });
            return;
          }
          printKeyValues([
            ['id', model.id],
            ['name', `${model.name} (version ${model.version} of ${versions.length})`],
            ['type', model.type],
            ['task', model.task],
            ['target', model.target],
            ['created', model.created_at],
          ]);
          const metrics = JSON.parse(model.metrics_json) as Record<string, unknown>;
          printTable(['metric', 'value'], Object.entries(metrics).filter(([, v]) => typeof v === 'number').map(([k, v]) => [k, (v as number).toFixed(4)]));
          const features = JSON.parse(model.features_json) as Array<{ name: string; kind?: string }>;
          printTable(['feature', 'kind'], features.map((f) => [f.name, f.kind ?? '']));
          const info = JSON.parse(model.info_json) as { leaderboard?: Array<Record<string, unknown>> };
          if (info.leaderboard?.length) {
            printTable(['rank', 'model', 'cv score', 'time (ms)', 'params'], info.leaderboard.map((row, i) => [i + 1, String(row.model), Number(row.cv_score).toFixed(4), String(row.time_ms), JSON.stringify(row.params)]));
          }
        });
      }),
    );

  models
    .command('delete <id>')
    .description('delete a model version and its files')
    .option('--json', 'print one JSON object')
    .action(
      action(async (id: string, options: { json?: boolean }, command: Command) => {
        await withApp(command.optsWithGlobals(), async (app) => {
          const user = await ensureLocalUser(app.store);
          const model = await app.store.models.get(id, { userId: user.id });
          if (!model) throw new PredictionError('MODEL_NOT_FOUND', `No model "${id}".`, { details: { model: id } });
          // Row first: a model whose files are gone must never stay listed; orphan files are harmless.
          await app.store.models.delete(model.id, { userId: user.id });
          const files = await app.storage.deletePrefix(model.artifact_key);
          await app.store.audit.record({ userId: user.id, interface: 'cli', action: 'model.delete', objectType: 'model', objectId: model.id, details: { name: model.name, version: model.version } });
          if (options.json) printJson({ deleted: model.id, files });
          else process.stdout.write(`Deleted model ${model.name} v${model.version} (${model.id}) and ${files} file(s).\n`);
        });
      }),
    );
}
