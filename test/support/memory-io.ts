import { PassThrough } from 'node:stream';
import type { CommandIO } from '../../src/commands/command-io.js';

/** A command's standard streams in memory: `input` on stdin, what it prints read back. */
export function memoryIO(input = ''): { io: CommandIO; out: () => string; err: () => string } {
  const stdin = new PassThrough();
  stdin.end(input);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  return { io: { stdin, stdout, stderr, isTTY: false }, out: () => out, err: () => err };
}
