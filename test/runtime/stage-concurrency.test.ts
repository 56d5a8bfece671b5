import { describe, expect, it } from 'vitest';
import { stageConcurrency } from '../../src/runtime/stage-concurrency.js';

const none = { concurrency: {} };

describe('jobs at once per stage', () => {
  it('defaults from the core count: a thread per core, two process jobs per thread, network stages wider', () => {
    expect(stageConcurrency(none, { cores: 2 })).toEqual({ analysisThreads: 2, discover: 4, fetch: 8, process: 4, notify: 8 });
    expect(stageConcurrency(none, { cores: 8 })).toEqual({ analysisThreads: 8, discover: 16, fetch: 32, process: 16, notify: 32 });
  });

  it('takes what the config pins, and the process jobs follow the threads', () => {
    expect(stageConcurrency({ analysisThreads: 3, concurrency: { fetch: 5 } }, { cores: 8 })).toMatchObject({ analysisThreads: 3, fetch: 5, process: 6 });
    expect(stageConcurrency({ concurrency: { process: 1 } }, { cores: 8 }).process).toBe(1);
  });

  it('analyses one article at a time without a thread pool', () => {
    expect(stageConcurrency(none, { cores: 8, inProcess: true }).process).toBe(1);
  });
});
