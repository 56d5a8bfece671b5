import type { Logger } from 'pino';

/**
 * Whether one dependency (Redis, the store) is reachable, as the process's connections last saw
 * it, logged once per change of state. A lost Redis makes ioredis retry every few hundred
 * milliseconds and every connection (the shared one, each worker's blocking one, each queue's
 * view of it) report each failed attempt: logged as they come, that was hundreds of stack traces
 * a minute. Every connection's error handler reports here instead; only the first error after
 * an `up` and the first success after a `down` reach the log.
 */
export class ConnectionState {
  private upState = true;
  private downSince = 0;
  private lastErrorText: string | null = null;

  private readonly onBack: (() => void)[] = [];

  constructor(
    readonly dependency: 'redis' | 'store',
    private readonly logger: Logger,
  ) {}

  /** Runs `listener` each time the dependency comes back after being down. */
  whenBack(listener: () => void): void {
    this.onBack.push(listener);
  }

  get isUp(): boolean {
    return this.upState;
  }

  /** The last connection error while down, for /healthz; null while up. */
  get lastError(): string | null {
    return this.upState ? null : this.lastErrorText;
  }

  /** A connection to the dependency failed or was lost. */
  down(error: unknown): void {
    this.lastErrorText = describeError(error);
    if (!this.upState) return;
    this.upState = false;
    this.downSince = Date.now();
    this.logger.error({ dependency: this.dependency, error: this.lastErrorText }, `${this.dependency} unavailable: ${this.lastErrorText}`);
  }

  /** A connection to the dependency answered again. */
  up(): void {
    if (this.upState) return;
    this.upState = true;
    this.logger.warn({ dependency: this.dependency, downMs: Date.now() - this.downSince }, `${this.dependency} available again`);
    for (const listener of this.onBack) listener();
  }
}

/** One line, no stack: a connection error's stack says nothing about why the server is gone. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
