import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';

/**
 * Raw response bodies are kept so that any later stage can be re-run from them (design.md:
 * re-ingest re-runs `process` from the stored HTML). Brotli at quality 5 compresses HTML about
 * as well as gzip -9 at several times gzip's speed; quality 11 would cost ~50× the CPU for a few
 * percent.
 */
const BROTLI_QUALITY = 5;

export function compressRaw(bytes: Buffer): Buffer {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/** Reads what compressRaw wrote; gzip (magic 1f 8b) is accepted too, for rows written by other tools. */
export function decompressRaw(bytes: Buffer): Buffer {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes);
  return brotliDecompressSync(bytes);
}
