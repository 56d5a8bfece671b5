import { parseDocument, type YAMLError } from 'yaml';
import { ConfigError } from './errors.js';
import { isSecretKey, maskUserinfo } from './redact.js';

/**
 * Reads the config file's YAML. The `yaml` package's messages quote the source: a code frame of
 * the offending line (and of the line before it when the error points at a line start), and for
 * some errors the offending text itself (`Invalid escape sequence \q`, `Unresolved tag: !x`,
 * an unresolved alias's name). When one of those lines holds a secret (a `token:`, `secret:`,
 * `password:` key, or a URL with credentials) the message is rebuilt from the position, the key
 * and yaml's error code only; other errors keep yaml's message, frame included.
 */
export function parseConfigYaml(text: string, path: string): unknown {
  // logLevel 'error': yaml would otherwise print warnings (with their code frame) to stderr itself.
  const document = parseDocument(text, { logLevel: 'error' });
  // Warnings (an unknown tag) are errors here: the config contract has no room for a value read
  // other than it was written.
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem) throw new ConfigError(`${path}: not valid YAML: ${describeYamlProblem(problem, text.split(/\r?\n/))}`);
  try {
    return document.toJS();
  } catch (error) {
    // toJS throws for an alias whose anchor is missing, with the alias's name after a colon.
    throw new ConfigError(`${path}: not valid YAML: ${(error as Error).message.split(':')[0]}`);
  }
}

export function describeYamlProblem(problem: YAMLError, lines: readonly string[]): string {
  const [start, end] = problem.linePos ?? [];
  if (!start) return problem.code;
  const where = `line ${start.line}, column ${start.col}`;
  const line = lines[start.line - 1] ?? '';
  const key = keyBefore(line, start.col);
  const keyText = key ? ` (key "${key}")` : '';
  // The frame may show the line before the error's line, and an error may span several lines.
  const shown = lines.slice(Math.max(0, start.line - 2), Math.max(start.line, end?.line ?? start.line));
  if (shown.some(holdsSecret)) return `${where}${keyText}: ${problem.code}; the line is not shown because it holds a secret`;
  return problem.message;
}

/** `key:` at the start of a line, after `{`, `,`, `- ` or `? `, possibly quoted. */
const KEY = /(?:^|[\s{,?-])["']?([A-Za-z_][\w.-]*)["']?\s*:(?=\s|$|[{[])/g;

/** The last key that starts before `column` (1-based) on the line: the one whose value went wrong. */
export function keyBefore(line: string, column: number): string | null {
  let found: string | null = null;
  for (const match of line.slice(0, Math.max(0, column - 1)).matchAll(KEY)) found = match[1];
  return found;
}

/** Looser than KEY on purpose (`{token:x}` is not a key to YAML, but it is a secret to a reader). */
const ANY_KEY = /([A-Za-z_][\w.-]*)["']?\s*:/g;

export function holdsSecret(line: string): boolean {
  for (const match of line.matchAll(ANY_KEY)) if (isSecretKey(match[1])) return true;
  return maskUserinfo(line) !== line;
}
