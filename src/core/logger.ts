/**
 * pino loggers: JSON lines on stderr (stdout belongs to command output, e.g. `--json`), readable
 * when stderr is a terminal. Known secret fields are redacted, and every configured secret value
 * is scrubbed from each line before it is written, wherever it appears.
 */
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LoggerOptions {
  readonly level?: string;
  /** Defaults to "stderr is a TTY". */
  readonly pretty?: boolean;
  /** Literal secret values to scrub from every line. */
  readonly secrets?: readonly string[];
  readonly name?: string;
}

const REDACT_PATHS = [
  'password',
  'token',
  'api_key',
  'apiKey',
  'secret',
  'authorization',
  '*.password',
  '*.token',
  '*.api_key',
  '*.apiKey',
  '*.secret_access_key',
  '*.bot_token',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
];

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const usePretty = options.pretty ?? Boolean(process.stderr.isTTY);
  const destination = usePretty
    ? pretty({ destination: 2, colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' })
    : pino.destination({ dest: 2, sync: true });
  return pino(
    {
      name: options.name ?? 'sma',
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      ...(secrets.length > 0 ? { hooks: { streamWrite: (line: string) => scrub(line, secrets) } } : {}),
      base: { pid: process.pid },
    },
    destination,
  );
}

function scrub(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** A logger that writes nothing (tests, library use). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
