import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';

/**
 * Raw response bodies are kept so that any later stage can be re-run from them (design.md:
 * re-ingest re-runs `process` from the stored HTML). They are written for every page and read
 * rarely, so the fetch stage uses brotli's fastest level. Measured over the 93 pages of the
 * extraction benchmark (161 KB average): quality 1 takes 0.6 ms a page and keeps 21% of the
 * bytes, quality 5 (used before) 2.7 ms for 17%, gzip level 1 0.9 ms for 22%. Any quality
 * decompresses with the same decoder, so rows written at quality 5 read as before.
 */
const BROTLI_QUALITY = 1;

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
