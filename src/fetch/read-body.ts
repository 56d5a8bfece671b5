import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { PermanentFetchError } from '../errors.js';

/**
 * Reads a response body through its content codings (gzip, deflate, br; RFC 9110 §8.4) and
 * stops as soon as the *decoded* size passes `maxBytes`, destroying the stream: a 30 MB body or
 * a small gzip bomb costs at most `maxBytes` of memory and the time to read that much.
 */
export async function readCappedBody(body: Readable, contentEncoding: string | null, maxBytes: number): Promise<Buffer> {
  const decoders = decodersFor(contentEncoding);
  const chunks: Buffer[] = [];
  let size = 0;
  // pipeline() rejects with the AbortError of the stages it tears down, not with the sink's own
  // error, so the cap is remembered here: a decompression bomb is TOO_LARGE (permanent), never
  // a transient network failure that would be retried and hold the host for minutes.
  let overCap: PermanentFetchError | null = null;
  const sink = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw (overCap = tooLarge(maxBytes));
      chunks.push(chunk);
    }
  };
  const stages = [body, ...decoders, sink] as unknown as Parameters<typeof pipeline>;
  try {
    await pipeline(...stages);
  } catch (error) {
    if (overCap) throw overCap;
    throw isCorruptCoding(error) ? new PermanentFetchError('BAD_CONTENT_ENCODING', `body is not valid ${contentEncoding} data`, { cause: error }) : error;
  }
  return Buffer.concat(chunks, size);
}

/**
 * Data that is not what Content-Encoding says (a server gzip-labelling plain text) will never
 * decode, as browsers' ERR_CONTENT_DECODING_FAILED shows; a stream cut short (Z_BUF_ERROR,
 * "unexpected end of file") is the network's fault and stays transient.
 */
function isCorruptCoding(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  return code === 'Z_DATA_ERROR' || code.startsWith('ERR__ERROR_FORMAT') || code === 'ERR_BROTLI_DECOMPRESSION_FAILED';
}

export function tooLarge(maxBytes: number): PermanentFetchError {
  return new PermanentFetchError('TOO_LARGE', `body is larger than maxBytes (${maxBytes} bytes)`);
}

/** Codings are listed in the order applied, so they are undone last-first. */
function decodersFor(contentEncoding: string | null): Transform[] {
  const codings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding && coding !== 'identity');
  return codings.reverse().map((coding) => {
    if (coding === 'gzip' || coding === 'x-gzip') return createGunzip();
    if (coding === 'deflate') return createInflate();
    if (coding === 'br') return createBrotliDecompress();
    throw new PermanentFetchError('UNSUPPORTED_CONTENT_ENCODING', `unsupported Content-Encoding: ${coding}`);
  });
}

/** A `.gz` file served as the content itself (sitemap.xml.gz): gunzipped under the same cap. */
export async function gunzipCapped(bytes: Buffer, maxBytes: number): Promise<Buffer> {
  return readCappedBody(Readable.from([bytes]), 'gzip', maxBytes);
}
