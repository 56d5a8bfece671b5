import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreLockedError } from '../../src/errors.js';
import { LOCK_FILE_NAME, lockDataDirectory, type LockHolder } from '../../src/store/store-lock.js';

/** The lock's decisions on files in a temporary directory (the service tests cover the CLI). */
describe('lockDataDirectory', () => {
  let dir = '';
  let lockPath = '';
  const write = (holder: Partial<LockHolder>) =>
    writeFileSync(lockPath, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command: 'chronicle start', nonce: 'n-1', ...holder }));
  const refusal = (): string => {
    try {
      lockDataDirectory(dir).release();
    } catch (error) {
      expect(error).toBeInstanceOf(StoreLockedError);
      return (error as Error).message;
    }
    throw new Error('expected the lock to be refused');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-lock-'));
    lockPath = join(dir, LOCK_FILE_NAME);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the holder and removes the file on release', () => {
    const lock = lockDataDirectory(dir);
    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('refuses a second lock while the holder lives, even in the same process', () => {
    const lock = lockDataDirectory(dir);
    expect(refusal()).toContain(`in use by pid ${process.pid} on ${hostname()}`);
    lock.release();
  });

  it('takes over the lock of a dead pid, and says so', () => {
    const gone = spawnSync('true').pid;
    write({ pid: gone });
    const takenOver: LockHolder[] = [];
    const lock = lockDataDirectory(dir, { onTakeover: (stale) => takenOver.push(stale) });
    expect(takenOver.map((stale) => stale.pid)).toEqual([gone]);
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose pid now belongs to a process started at another time (a restarted container)', () => {
    write({ startedAt: new Date(Date.now() - 3_600_000).toISOString() });
    const takenOver: LockHolder[] = [];
    lockDataDirectory(dir, { onTakeover: (stale) => takenOver.push(stale) }).release();
    expect(takenOver).toHaveLength(1);
  });

  it('refuses a lock held on another host, which it cannot check', () => {
    write({ host: 'other-host.example', pid: 4242 });
    const message = refusal();
    expect(message).toContain('pid 4242 on other-host.example');
    expect(message).toContain('another host');
    expect(existsSync(lockPath)).toBe(true);
  });

  it('refuses an unreadable lock file rather than guess', () => {
    writeFileSync(lockPath, '');
    expect(refusal()).toContain('unreadable');
  });

  it('release leaves alone a lock that another process has taken since', () => {
    const lock = lockDataDirectory(dir);
    write({ nonce: 'someone-else' });
    lock.release();
    expect(existsSync(lockPath)).toBe(true);
  });
});
