import { ChronicleError, ConfigError, UsageError } from './errors.js';
import { redactCredentials } from './redact.js';

/**
 * What the CLI prints when a command cannot run: one line naming the cause and the fix, and the
 * exit code: 2 when the configuration (or the command line) is wrong, 1 when the machine's state
 * is (Redis or PostgreSQL not there, the port taken, the store in use). A stack trace only with
 * LOG_LEVEL=debug (or trace): the user needs the cause, a developer the stack.
 */
export interface CliFailure {
  exitCode: 1 | 2;
  message: string;
}

/**
 * SQLSTATEs a user meets at start-up (PostgreSQL "Appendix A. Error Codes"), each with its fix.
 * 3D000 invalid_catalog_name, 28P01 invalid_password, 28000 invalid_authorization_specification,
 * 42501 insufficient_privilege, 57P03 cannot_connect_now.
 */
const POSTGRES_STATES: Record<string, (error: Error) => string> = {
  '3D000': (error) => `PostgreSQL: ${error.message}. Create it (createdb NAME, or CREATE DATABASE) or point store.url / DATABASE_URL at one that exists`,
  '28P01': () => 'PostgreSQL refused the password of store.url / DATABASE_URL. Fix the password in the URL',
  '28000': (error) => `PostgreSQL refused the login: ${error.message}. Fix the user in store.url / DATABASE_URL or pg_hba.conf`,
  '42501': (error) => `PostgreSQL: ${error.message}. Grant the store's user the right to create tables (chronicle applies its migrations at start)`,
  '57P03': () => 'PostgreSQL is starting up or shutting down. Try again in a moment',
};

/** Socket errors of a connect or a listen (Node's codes). */
function describeSocket(error: NodeJS.ErrnoException & { address?: string; port?: number }): string | null {
  const where = error.address ? `${error.address}${error.port ? `:${error.port}` : ''}` : null;
  switch (error.code) {
    case 'EADDRINUSE':
      return `${where ?? 'the API address'} is in use (another chronicle?). Stop what holds it, or set api.port (or PORT) to a free port`;
    case 'EACCES':
      if (error.syscall === 'listen') return `no permission to listen on ${where ?? 'that port'}. Use a port above 1023 (api.port or PORT)`;
      return null;
    case 'EADDRNOTAVAIL':
      return `this machine has no address ${where ?? ''} to listen on. Fix api.host`;
    case 'ECONNREFUSED':
      return `nothing answers at ${where ?? 'the store address'}. Start PostgreSQL there, or fix store.url / DATABASE_URL`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host ${(error as { hostname?: string }).hostname ?? ''} does not resolve. Fix the host in store.url / DATABASE_URL`;
    default:
      return null;
  }
}

/** The error itself, then its causes: a library's error may be wrapped in one of ours. */
function* causes(error: unknown): Generator<Error> {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) yield current;
}

export function describeFailure(error: unknown): CliFailure {
  if (error instanceof ConfigError || error instanceof UsageError) return { exitCode: 2, message: redactCredentials(error.message) };
  for (const each of causes(error)) {
    const code = (each as NodeJS.ErrnoException).code;
    const state = code ? POSTGRES_STATES[code] : undefined;
    if (state) return { exitCode: 1, message: redactCredentials(state(each)) };
    const socket = describeSocket(each as NodeJS.ErrnoException);
    if (socket) return { exitCode: 1, message: redactCredentials(socket) };
  }
  // Our own errors carry a message written for the user (RedisUnavailableError, StoreLockedError…).
  if (error instanceof ChronicleError) return { exitCode: 1, message: redactCredentials(error.message) };
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: 1, message: redactCredentials(`${message} (LOG_LEVEL=debug prints the details)`) };
}

/** The stack, for LOG_LEVEL=debug or trace only. */
export function failureDetails(error: unknown, level = process.env.LOG_LEVEL): string | null {
  if (level !== 'debug' && level !== 'trace') return null;
  return redactCredentials(error instanceof Error ? (error.stack ?? error.message) : String(error));
}
