import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Below this many bytes a body is sent as it is: a small JSON answer (a job id, a health check)
 * gains a few bytes at most and costs a compression per request. A page of events, the timeline
 * page, a feed or the OpenAPI document is far above it.
 */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Compresses responses with brotli or gzip, whichever the client prefers in Accept-Encoding
 * (brotli on a tie: smaller for the same effort). The plugin's default types are kept: text/*,
 * JSON (application/json, feed+json), XML (atom+xml); text/event-stream is excluded, so a stream
 * that must flush as it goes is never held back in a compressor (the timeline's live update polls,
 * so nothing streams today).
 *
 * The plugin adds its hook to each route as the route is registered, after the app's own onSend
 * hooks (credential masking), so it must be installed before the routes and compresses what is
 * finally sent. Request bodies are not decompressed: no client of ours sends them compressed, and
 * a small gzip body can inflate far past the body limit.
 */
export async function installCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: COMPRESSION_THRESHOLD_BYTES,
  });
}
