import type { Job, Queue } from 'bullmq';

export interface JobStatus {
  job: Job;
  state: string;
}

/**
 * A queued job and its state, read state first: a job that finishes between the two reads is
 * then reported as still running (harmless) rather than 'completed' without the result it had
 * not yet stored. Null when the queue has no such job.
 */
export async function readJobStatus(queue: Queue, jobId: string): Promise<JobStatus | null> {
  const state = await queue.getJobState(jobId);
  const job = await queue.getJob(jobId);
  return job ? { job, state } : null;
}
