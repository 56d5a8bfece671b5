// Worker-thread entry for tests: Node 20 refuses a .ts file as a thread's entry even with a
// loader in execArgv, so this plain module registers tsx and imports the TypeScript entry named
// in workerData.tsEntry (the built service uses dist/analysis-thread.js instead).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsEntry);
