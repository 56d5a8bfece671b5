/**
 * Everything a benchmark started (processes, servers, temp dirs, schemas), undone in reverse on
 * its end, its failure, its time limit, or Ctrl-C: a benchmark leaves nothing running behind it.
 */
type Step = { what: string; undo: () => Promise<unknown> | unknown };

const steps: Step[] = [];
/** Undos of things registered after the cleanup began (started while it ran): run at once. */
const late = new Set<Promise<void>>();
let running: Promise<void> | null = null;
let stopping = false;

/** Registers an undo step; returns a function that runs it now (and forgets it). */
export function onCleanup(what: string, undo: Step['undo']): () => Promise<void> {
  const step = { what, undo };
  if (stopping) {
    const done = runStep(step);
    late.add(done);
    void done.finally(() => late.delete(done));
    return () => done;
  }
  steps.push(step);
  return async () => {
    const index = steps.indexOf(step);
    if (index < 0) return;
    steps.splice(index, 1);
    await runStep(step);
  };
}

/** True once an interruption or the time limit began the cleanup: start nothing new. */
export function isStopping(): boolean {
  return stopping;
}

async function runStep(step: Step): Promise<void> {
  try {
    await step.undo();
  } catch (error) {
    process.stderr.write(`cleanup: ${step.what}: ${(error as Error).message}\n`);
  }
}

/** Undoes every registered step, newest first; concurrent callers share one run. */
export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    while (steps.length > 0) await runStep(steps.pop()!);
    await Promise.all(late);
    running = null;
  })();
  return running;
}

/**
 * Stops everything and exits: what the run under way starts after this point is undone as soon
 * as it is registered, and a second pass a moment later catches what was still starting.
 */
export async function stopAndExit(code: number, before?: () => void): Promise<never> {
  stopping = true;
  await cleanupAll();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await cleanupAll();
  before?.();
  process.exit(code);
}

/** Cleans up and exits on SIGINT/SIGTERM (130/143), and on an exception nobody caught. */
export function installExitHandlers(): void {
  const exit = (code: number, message: string) => {
    process.stderr.write(`\n${message}\n`);
    void stopAndExit(code);
  };
  process.once('SIGINT', () => exit(130, 'interrupted: cleaning up'));
  process.once('SIGTERM', () => exit(143, 'terminated: cleaning up'));
  process.on('uncaughtException', (error) => exit(1, `error: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (error) => exit(1, `error: ${(error as Error)?.stack ?? String(error)}`));
}
