import { ChronicleError, ValidationError } from '../errors.js';
import { assertPublicUrl } from '../fetch/index.js';

/**
 * The API's side of the server-side request forgery guard: sources and webhooks created
 * through /v1/… must not point into the operator's network (loopback, LAN, cloud metadata).
 * The rules live in src/fetch/public-url.ts, which also re-checks at connect time; here a
 * refusal becomes a 400 naming the field.
 */
export async function assertPublicUrlField(url: string, field: string): Promise<void> {
  const hostname = hostnameOf(url);
  // RFC 6761: every *.localhost name is loopback, whether or not this machine's resolver knows it.
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) throw new ValidationError(field, `${hostname} is a local host`);
  try {
    await assertPublicUrl(url);
  } catch (error) {
    if (error instanceof ChronicleError) throw new ValidationError(field, error.message);
    throw error;
  }
}

function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/\.$/, '').toLowerCase();
  } catch {
    return '';
  }
}
