import { DependencyUnavailableError } from '../errors.js';

/**
 * Whether a PostgreSQL error means "the server is not reachable right now" rather than "this
 * statement is wrong": a restart, failover, `pg_terminate_backend`, an idle timeout or a full
 * server. Such errors are worth waiting out; any other error is the statement's own.
 */

/** Socket errors of the connection itself (Node's codes). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of the same meaning (PostgreSQL "Appendix A. Error Codes"): class 08 connection
 * exception; 57P01 admin_shutdown (`pg_terminate_backend`, a fast shutdown), 57P02
 * crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down); 53300
 * too_many_connections.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres raises these as plain Errors without a code. */
const PG_CLIENT_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Connection ended|Client was closed/i;

export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof DependencyUnavailableError) return error.dependency === 'store';
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08'))) return true;
  return PG_CLIENT_MESSAGES.test(error.message);
}

/** The error a caller sees: a connection failure becomes one catalogue error; others pass as they are. */
export function storeError(error: unknown): unknown {
  if (error instanceof DependencyUnavailableError || !isConnectionFailure(error)) return error;
  return new DependencyUnavailableError('store', `store unavailable: ${(error as Error).message}`, { cause: error });
}
