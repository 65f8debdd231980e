/** A command whose capability is not built yet says so plainly and exits non-zero. */
import { ConfigError } from '../../core/errors.ts';

export function notBuilt(command: string, issue: string): never {
  throw new ConfigError('NOT_IMPLEMENTED', `\`sma ${command}\` is not built yet (planned in ${issue}).`, {
    details: { command, planned_in: issue },
    recovery: 'See README.md for what works today.',
  });
}
