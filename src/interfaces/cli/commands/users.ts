import type { Command } from 'commander';
import { ValidationError } from '../../../core/errors.ts';
import type { Role } from '../../../ports/store/repositories/users.ts';
import { withApp } from '../context.ts';
import { action, printJson, printTable } from '../output.ts';

const ROLES: readonly Role[] = ['admin', 'user', 'viewer'];

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('manage users and their API keys');

  users
    .command('create <name>')
    .description('create a user and print a new API key once (it is stored only as a hash)')
    .option('--role <role>', 'admin | user | viewer', 'user')
    .option('--json', 'print one JSON object')
    .action(
      action(async (name: string, options: { role: string; json?: boolean }, command: Command) => {
        if (!ROLES.includes(options.role as Role)) {
          throw new ValidationError('VALIDATION_FAILED', `Unknown role "${options.role}".`, { details: { role: options.role, valid: ROLES }, recovery: `Use one of: ${ROLES.join(', ')}.` });
        }
        if (!/^[\w.@-]{2,64}$/.test(name)) {
          throw new ValidationError('INVALID_NAME', `Invalid user name "${name}".`, { recovery: 'Use 2–64 letters, digits, dots, dashes, underscores or @.' });
        }
        await withApp(command.optsWithGlobals(), async (app) => {
          const user = await app.store.users.create({ name, role: options.role as Role });
          const { key } = await app.store.apiKeys.create(user.id, 'created by sma users create');
          await app.store.audit.record({ userId: user.id, interface: 'cli', action: 'user.create', objectType: 'user', objectId: user.id, details: { role: user.role } });
          if (options.json) printJson({ user_id: user.id, name: user.name, role: user.role, api_key: key });
          else {
            process.stdout.write(`Created user ${user.name} (${user.id}, role ${user.role}).\n`);
            process.stdout.write(`API key (shown once, store it now):\n  ${key}\n`);
          }
        });
      }),
    );

  users
    .command('list')
    .description('list users')
    .option('--json', 'print one JSON object')
    .action(
      action(async (options: { json?: boolean }, command: Command) => {
        await withApp(command.optsWithGlobals(), async (app) => {
          const rows = await app.store.users.list();
          if (options.json) printJson({ users: rows });
          else printTable(['id', 'name', 'role', 'telegram', 'created'], rows.map((u) => [u.id, u.name, u.role, u.telegram_id ?? '', u.created_at]));
        });
      }),
    );
}
