/**
 * The one place that decides how a secret is hidden before it is printed, logged or answered:
 * credentials in URLs (`redis://:password@host`, `postgres://user:password@host/db`,
 * `https://token@host/hook`), the `?token=` the timeline page and Bull Board accept, and the
 * values of secret keys in the config file.
 */

export const MASK = '***';

/**
 * The userinfo of a URL (`scheme://userinfo@`). Greedy up to the last `@` of the authority, as
 * URL parsers read it (`redis://:p@ss@host` has the password `p@ss`); stops at the characters
 * that end a URL in a log line, a JSON string or an HTML attribute, so that it never runs into
 * the next field.
 */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#"'<>\\]*)@/gi;

/** `?token=` and `&token=` query values (the browser pages take the API token that way). */
const TOKEN_QUERY = /([?&]token=)[^&#\s"'<>\\]*/gi;

/**
 * Masks the password of every URL in `text` (`user:password@` → `user:***@`), or the whole
 * userinfo when it has no password (`https://ghp_token@host` → `https://***@host`): a lone user
 * part is often a token itself. Text without credentials is returned as it was.
 */
export function maskUserinfo(text: string): string {
  if (!text.includes('@')) return text;
  return text.replace(USERINFO, (_match, scheme: string, userinfo: string) => {
    if (userinfo === '') return `${scheme}@`;
    const colon = userinfo.indexOf(':');
    return colon === -1 ? `${scheme}${MASK}@` : `${scheme}${userinfo.slice(0, colon)}:${MASK}@`;
  });
}

/**
 * For logs and error output: URL credentials (maskUserinfo) and `?token=` values masked. Pages
 * the API serves keep their own `?token=` links (the timeline's paging carries it); only logs
 * must never hold it.
 */
export function redactCredentials(text: string): string {
  const masked = maskUserinfo(text);
  return /token=/i.test(masked) ? masked.replace(TOKEN_QUERY, `$1${MASK}`) : masked;
}

/** The same as redactCredentials, named for the common case of one URL (a config value, a request line). */
export function redactUrl(url: string): string {
  return redactCredentials(url);
}

/**
 * Config keys whose values are secrets whatever they hold. `url` is not among them: a URL is
 * shown with its credentials masked (redactUrl) rather than hidden.
 */
const SECRET_KEY = /^(token|secret|password|passwd|pass|apikey|api_key|api-key|authorization|credentials?)$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}
