/**
 * The one error catalogue. Each error has a stable `code`; `retryable` decides whether a job
 * that throws it is retried (BullMQ backoff) or failed at once (UnrecoverableError).
 */
export abstract class ChronicleError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The configuration file is missing, unreadable or invalid; the CLI exits 2. */
export class ConfigError extends ChronicleError {
  readonly code = 'CONFIG_INVALID';
  readonly retryable = false;
}

/** Bad command-line usage; the CLI prints usage and exits 2. */
export class UsageError extends ChronicleError {
  readonly code = 'USAGE';
  readonly retryable = false;
}

/** No Redis could be reached or started; the CLI exits 1 with how to get one. */
export class RedisUnavailableError extends ChronicleError {
  readonly code = 'REDIS_UNAVAILABLE';
  readonly retryable = false;
}

/**
 * The embedded store's directory is held by another process (its lock file names it); PGlite
 * allows one process per directory. The CLI exits 1, as for a missing Redis: the configuration
 * is fine, the machine's state is not (yet).
 */
export class StoreLockedError extends ChronicleError {
  readonly code = 'STORE_LOCKED';
  readonly retryable = false;
}

/**
 * A dependency (the store, Redis) does not answer right now. Jobs that meet it wait and run
 * again later without spending an attempt; the API answers 503 naming the dependency.
 */
export class DependencyUnavailableError extends ChronicleError {
  readonly code: 'STORE_UNAVAILABLE' | 'REDIS_UNAVAILABLE';
  readonly retryable = true;
  constructor(readonly dependency: 'store' | 'redis', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = dependency === 'store' ? 'STORE_UNAVAILABLE' : 'REDIS_UNAVAILABLE';
  }
}

/** A fetch that will not succeed by retrying: 4xx other than 408/429, robots.txt, bad content. */
export class PermanentFetchError extends ChronicleError {
  readonly code: string;
  readonly retryable = false;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A fetch that may succeed later: 5xx, 408, 429, network errors, timeouts. */
export class TransientFetchError extends ChronicleError {
  readonly code: string;
  readonly retryable = true;
  /** Milliseconds the server asked us to wait (Retry-After), if it said. */
  readonly retryAfterMs?: number;
  constructor(code: string, message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, options);
    this.code = code;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** A document that cannot be turned into an article (empty, binary, no main text). */
export class ExtractionError extends ChronicleError {
  readonly code: string;
  readonly retryable = false;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * The process stage's analysis of one article went past its budget: PROCESS_TIMEOUT (its thread
 * ran longer than the time budget and was terminated) or PROCESS_OUT_OF_MEMORY (the thread hit
 * its heap limit). Permanent: the same page would do the same again, so the article fails once,
 * with this reason recorded, and the job is not retried.
 */
export class ProcessBudgetError extends ChronicleError {
  readonly code: 'PROCESS_TIMEOUT' | 'PROCESS_OUT_OF_MEMORY';
  readonly retryable = false;
  constructor(code: 'PROCESS_TIMEOUT' | 'PROCESS_OUT_OF_MEMORY', message: string) {
    super(message);
    this.code = code;
  }
}

/** A request to the API or a CLI argument that names a bad field. */
export class ValidationError extends ChronicleError {
  readonly code = 'VALIDATION';
  readonly retryable = false;
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

/** Something asked for does not exist. */
export class NotFoundError extends ChronicleError {
  readonly code = 'NOT_FOUND';
  readonly retryable = false;
}

/** A webhook endpoint answered with an error or not at all; delivery is retried. */
export class DeliveryError extends ChronicleError {
  readonly code = 'DELIVERY_FAILED';
  readonly retryable = true;
  /** The endpoint's HTTP status, when it answered at all. */
  readonly statusCode: number | null;
  constructor(message: string, options?: { cause?: unknown; statusCode?: number }) {
    super(message, options);
    this.statusCode = options?.statusCode ?? null;
  }
}

export function isRetryable(error: unknown): boolean {
  return error instanceof ChronicleError ? error.retryable : true;
}

export function errorCode(error: unknown): string {
  return error instanceof ChronicleError ? error.code : 'INTERNAL';
}

/** The fetcher's "not now" answers (HOST_BLOCKED, HOST_BUSY): no request reached the host. */
export function isHostWait(error: unknown): error is TransientFetchError {
  return error instanceof TransientFetchError && (error.code === 'HOST_BLOCKED' || error.code === 'HOST_BUSY');
}
