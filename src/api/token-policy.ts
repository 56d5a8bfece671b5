import { isIP } from 'node:net';
import { ConfigError } from '../errors.js';

/**
 * Whether `api.token` is good enough for the address the API listens on. The token guards every
 * write (sources, webhooks, re-ingest) and Bull Board's retry and clean actions, so an API that
 * other machines can reach must not run on the token the examples print, nor on one short
 * enough to guess. On loopback the examples' token keeps working (the README's `npm start` on
 * defaults), with a warning.
 */

/** The tokens chronicle's own files show (config/chronicle.yaml, the README, the schema default): public knowledge. */
export const EXAMPLE_TOKENS: readonly string[] = ['change-me'];

/** 16 characters: the length of a short random hex token (64 bits); `openssl rand -hex 32` gives 64. */
export const MIN_TOKEN_LENGTH = 16;

/** 127.0.0.0/8, ::1 (also as ::ffff:127.x.x.x) and the name localhost: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (name === 'localhost') return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) return name === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(name) || /^::ffff:127\./.test(name);
  return false;
}

function weakness(token: string): string | null {
  if (EXAMPLE_TOKENS.includes(token)) return `it is the example token "${token}"`;
  // The length only, never the token itself: a short token is still a secret.
  if (token.length < MIN_TOKEN_LENGTH) return `it is ${token.length} characters long, fewer than ${MIN_TOKEN_LENGTH}`;
  return null;
}

const HOW_TO = `set api.token (or CHRONICLE_API_TOKEN) to a random secret of at least ${MIN_TOKEN_LENGTH} characters, e.g. \`openssl rand -hex 32\``;

/**
 * Throws a ConfigError naming `api.token` when the API listens beyond loopback with a weak
 * token; returns a warning to log when it listens on loopback with one; null when all is well.
 */
export function checkApiToken(api: { host: string; token: string }): string | null {
  const problem = weakness(api.token);
  if (!problem) return null;
  if (!isLoopbackHost(api.host)) {
    throw new ConfigError(`api.token: the API listens on ${api.host}, where other machines can reach it, and ${problem}; ${HOW_TO}, or listen on 127.0.0.1 (api.host)`);
  }
  return `api.token: ${problem}; fine while the API listens on ${api.host} only, but ${HOW_TO} before listening anywhere else`;
}
