import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreLockedError } from '../errors.js';
import { redactCredentials } from '../redact.js';

/**
 * One process per PGlite directory. PGlite is PostgreSQL in WebAssembly with no postmaster: two
 * processes on one directory each run their own copy of the database over the same files and
 * drift apart (issue 10: 41 vs 40 events after one update). A lock file in the directory names
 * the holder; it is created with O_EXCL, so of two processes starting at once one wins, and it
 * is removed when the store closes. A lock whose holder is gone (its pid is dead on this host,
 * or now belongs to a process started later) is taken over.
 */
export const LOCK_FILE_NAME = 'chronicle.lock';

/** What the lock file holds: enough for an operator to find the holder. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the holding process started (ISO): tells a reused pid from the holder. */
  startedAt: string;
  command: string;
  /** Tells this lock from a later one at the same path, so that release removes only its own. */
  nonce: string;
}

export interface StoreLock {
  path: string;
  holder: LockHolder;
  release: () => void;
}

/**
 * A pid's recorded start and the one /proc reports differ by the clock's granularity (btime is
 * in whole seconds, starttime in 1/100 s); a reused pid started later than this after the holder.
 */
const START_TIME_SLACK_MS = 5_000;

/** USER_HZ: the unit of /proc/<pid>/stat's starttime, 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Attempts at taking the lock: a stale lock taken over, then another process's fresh one seen. */
const ATTEMPTS = 3;

export function lockDataDirectory(directory: string, options: { onTakeover?: (stale: LockHolder, path: string) => void } = {}): StoreLock {
  const path = join(directory, LOCK_FILE_NAME);
  const me = currentHolder();
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    // 1. Create the file only if it does not exist: the one atomic step of the protocol.
    if (createExclusive(path, me)) return { path, holder: me, release: () => releaseLock(path, me) };
    // 2. It exists: read who holds it; a holder still alive (or one we cannot check) refuses.
    const holder = readHolder(path);
    if (holder === 'missing') continue;
    if (holder === 'unreadable') throw new StoreLockedError(`store.url: the lock file ${path} is unreadable; if no chronicle process uses this store, delete it`);
    if (holderMayBeAlive(holder)) throw new StoreLockedError(describeHeldLock(directory, path, holder));
    // 3. A stale lock: move it aside, check that it is still the one judged stale, and retry.
    if (takeOver(path, holder)) options.onTakeover?.(holder, path);
  }
  throw new StoreLockedError(`store.url: could not take the lock ${path}; another process keeps taking it`);
}

function currentHolder(): LockHolder {
  return {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    command: redactCredentials(['chronicle', ...process.argv.slice(2)].join(' ')),
    nonce: randomUUID(),
  };
}

function createExclusive(path: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(path: string): LockHolder | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    if (Number.isInteger(holder.pid) && typeof holder.host === 'string' && typeof holder.startedAt === 'string') return holder;
  } catch {
    // Below: an empty or partial file is what a holder that is writing it right now leaves.
  }
  return 'unreadable';
}

/** False only when we can tell that the holder is gone: same host, and its pid dead or reused. */
export function holderMayBeAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  const recordedStart = Date.parse(holder.startedAt);
  const actualStart = processStartTime(holder.pid);
  if (actualStart === 'dead') return false;
  // A container restarted with the same pid (often 1), or a pid the system handed out again.
  if (actualStart !== null && Number.isFinite(recordedStart) && Math.abs(actualStart - recordedStart) > START_TIME_SLACK_MS) return false;
  return true;
}

/** Milliseconds since the epoch when `pid` started; 'dead' when no such process; null when unknown. */
function processStartTime(pid: number): number | 'dead' | null {
  if (pid === process.pid) return Date.now() - process.uptime() * 1000;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return 'dead';
  }
  try {
    // Field 22 of /proc/<pid>/stat counts ticks since boot; the command name (field 2) may hold spaces, so count after its ')'.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const stat = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
    // A zombie (killed, not yet reaped by its parent) still answers kill(pid, 0).
    if (stat[0] === 'Z') return 'dead';
    const startTicks = Number(stat[19]);
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(startTicks) || !Number.isFinite(bootSeconds)) return null;
    return bootSeconds * 1000 + (startTicks / CLOCK_TICKS_PER_SECOND) * 1000;
  } catch {
    return null;
  }
}

/**
 * Moves the stale lock aside under a name of our own, then checks that what was moved is the
 * lock judged stale: if another process took it over and locked in between, its fresh lock is
 * put back and the next attempt sees it held.
 */
function takeOver(path: string, stale: LockHolder): boolean {
  const aside = `${path}.stale-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = readHolder(aside);
  if (typeof moved === 'object' && moved.nonce === stale.nonce && moved.pid === stale.pid) {
    rmSync(aside, { force: true });
    return true;
  }
  renameSync(aside, path);
  return false;
}

/** Removes the lock file if it is still ours: a lock taken over from us (we hung) is not ours to remove. */
function releaseLock(path: string, me: LockHolder): void {
  const holder = readHolder(path);
  if (typeof holder === 'object' && holder.nonce === me.nonce) rmSync(path, { force: true });
}

export function describeHeldLock(directory: string, path: string, holder: LockHolder): string {
  const elsewhere = holder.host === hostname() ? '' : ' (another host: chronicle cannot tell from here whether it still runs)';
  return (
    `store.url: the PGlite store ${directory} is in use by pid ${holder.pid} on ${holder.host}${elsewhere}, ` +
    `started ${holder.startedAt}, running "${holder.command}" (lock file ${path}). PGlite allows one process per ` +
    'directory: stop that process first, or use PostgreSQL (DATABASE_URL=postgres://…) to run several. ' +
    'If no such process runs any more, delete the lock file.'
  );
}
