import { readFileSync } from 'node:fs';

/**
 * CPU time and memory of a process from Linux's /proc, all of its threads included (the worker
 * threads of the analysis pool, PGlite's WebAssembly, libuv's pool): what the operator pays for.
 */

/** Clock ticks per second of /proc/PID/stat's utime and stime: USER_HZ, 100 on Linux. */
const TICKS_PER_SECOND = 100;

/** User + system CPU time in ms, or null once the process is gone. */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Resident set now and its peak (VmRSS, VmHWM) in MB, or null once the process is gone. */
export function memoryMb(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Percentile by nearest rank of already collected values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
