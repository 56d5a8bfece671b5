/**
 * Bounds a wait on Redis or the store: BullMQ queues keep retrying a lost Redis connection,
 * so a command can hang for as long as Redis is down, while probes and scrapes have short
 * timeouts of their own and are better answered with what is known.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
