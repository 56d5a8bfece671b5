import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `--help` / `-h` for a benchmark script: prints its usage, which is its header comment as
 * written there, and exits. Called first, so that the flag is never taken for a data folder.
 */
export function exitWithUsageOnHelp(scriptUrl: string, argv: readonly string[] = process.argv.slice(2)): void {
  if (!argv.includes('--help') && !argv.includes('-h')) return;
  const header = /\/\*\*([\s\S]*?)\*\//.exec(readFileSync(fileURLToPath(scriptUrl), 'utf8'))?.[1] ?? '';
  process.stdout.write(`${header.split('\n').map((line) => line.replace(/^\s*\* ?/, '')).join('\n').trim()}\n`);
  process.exit(0);
}
