import { DelayedError, type Job, type Processor } from 'bullmq';
import { DependencyUnavailableError } from '../src/errors.js';

/**
 * How long a job that met a store outage waits before it runs again. A PostgreSQL restart takes
 * seconds; a failover tens of seconds: a few seconds between tries finds the store soon after it
 * is back without running jobs in a tight loop meanwhile.
 */
export const STORE_OUTAGE_RETRY_MS = 5_000;

/**
 * Wraps a processor so that a job that cannot reach the store is parked (delayed) and runs
 * again later without spending one of its attempts: an outage longer than a job's backoff
 * schedule (process: 2 s + 4 s) must not fail work for good. Nothing the job did is lost: the
 * store's writes are transactions, and the job runs again from its ids.
 */
export function waitOutStoreOutage<T>(processor: Processor<unknown, T>): Processor<unknown, T> {
  return async (job: Job, token?: string) => {
    try {
      return await processor(job, token);
    } catch (error) {
      if (!(error instanceof DependencyUnavailableError && error.dependency === 'store') || !token) throw error;
      await job.moveToDelayed(Date.now() + STORE_OUTAGE_RETRY_MS, token);
      throw new DelayedError();
    }
  };
}
