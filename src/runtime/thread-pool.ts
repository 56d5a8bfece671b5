import { parentPort, Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { ProcessBudgetError } from '../errors.js';

/**
 * A fixed pool of worker threads (node:worker_threads) that run one task at a time each, so that
 * CPU-heavy work (parsing and analysing a page) never holds the main event loop, where BullMQ
 * renews its job locks and the API answers. Each task has a time budget: a thread still busy
 * when it runs out is terminated (the only way to stop synchronous JavaScript) and replaced,
 * and the task fails with ProcessBudgetError('PROCESS_TIMEOUT'). A thread that runs out of its
 * heap limit dies alone, its task failing with PROCESS_OUT_OF_MEMORY, and is replaced too.
 *
 * Protocol (`serveThreadTasks` on the thread side): the thread says `{ready: true}` once it has
 * loaded (a task's budget does not pay for a thread's start-up); the pool posts `{id, input}`;
 * the thread answers `{id, ok: true, value}` or `{id, ok: false, error: {name, message}}`.
 */
export interface ThreadPoolOptions {
  size: number;
  budgetMs: number;
  /** Heap limit of each thread: a page that makes the analysis balloon costs one thread, not the process. */
  maxHeapMb?: number;
  /** Handed to each thread as `workerData` (tests use it to name a TypeScript entry for a loader). */
  workerData?: unknown;
  logger?: Logger;
}

type Reply = { ready: true } | { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string } };

interface Task {
  id: number;
  input: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The thread has loaded its entry and listens for tasks. */
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

export class ThreadPool<I, O> {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;
  private started = false;

  constructor(
    private readonly entry: URL,
    private readonly options: ThreadPoolOptions,
  ) {}

  get size(): number {
    return Math.max(1, this.options.size);
  }

  run(input: I): Promise<O> {
    if (this.closed) return Promise.reject(new Error('the thread pool is closed'));
    // Threads start with the first task, not with the service: loading the analysis code in
    // every thread would otherwise compete with the service's own start-up.
    if (!this.started) this.start();
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, input, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  private start(): void {
    this.started = true;
    for (let index = 0; index < this.size; index += 1) {
      const slot: Slot = { worker: undefined as unknown as Worker, ready: false, task: null, timer: null };
      this.startThread(slot);
      this.slots.push(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new Error('the thread pool closed before the task ran'));
    await Promise.all(
      this.slots.map(async (slot) => {
        this.settle(slot, (task) => task.reject(new Error('the thread pool closed while the task ran')));
        await slot.worker.terminate();
      }),
    );
  }

  private startThread(slot: Slot): void {
    const worker = new Worker(this.entry, {
      workerData: this.options.workerData,
      resourceLimits: this.options.maxHeapMb ? { maxOldGenerationSizeMb: this.options.maxHeapMb } : undefined,
    });
    worker.on('message', (reply: Reply) => this.onReply(slot, reply));
    worker.on('error', (error: Error & { code?: string }) => this.onDeath(slot, error));
    // A thread that ends without an error (process.exit in the analysis code) is a death too.
    worker.on('exit', (code) => {
      if (slot.worker === worker && !this.closed) this.onDeath(slot, new Error(`worker thread exited with code ${code}`));
    });
    // An idle pool must not keep a stopping process alive.
    worker.unref();
    slot.worker = worker;
    slot.ready = false;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.task || this.waiting.length === 0) continue;
      const task = this.waiting.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => this.onTimeout(slot), this.options.budgetMs);
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, input: task.input });
    }
  }

  private onReply(slot: Slot, reply: Reply): void {
    if ('ready' in reply) {
      slot.ready = true;
      this.dispatch();
      return;
    }
    if (!slot.task || slot.task.id !== reply.id) return;
    this.settle(slot, (task) => {
      if (reply.ok) task.resolve(reply.value);
      else task.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
    });
    this.dispatch();
  }

  private onTimeout(slot: Slot): void {
    const seconds = this.options.budgetMs / 1000;
    this.settle(slot, (task) => task.reject(new ProcessBudgetError('PROCESS_TIMEOUT', `analysis took longer than its ${seconds} s budget; its thread was stopped`)));
    this.replace(slot, 'over its time budget');
  }

  /** An uncaught error or a heap limit ends a thread: its task fails, a fresh thread takes its place. */
  private onDeath(slot: Slot, error: Error & { code?: string }): void {
    // 'error' is followed by 'exit': hear the death once.
    retire(slot.worker);
    const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
    this.settle(slot, (task) =>
      task.reject(outOfMemory ? new ProcessBudgetError('PROCESS_OUT_OF_MEMORY', `analysis ran out of its ${this.options.maxHeapMb} MB heap; its thread was stopped`) : error),
    );
    if (!slot.ready) {
      // The entry itself does not load (a broken build): fail what waits rather than hang, and
      // try again a second later rather than in a tight loop.
      for (const task of this.waiting.splice(0)) task.reject(error);
      this.options.logger?.error({ err: error }, 'worker thread failed to start');
      setTimeout(() => this.replace(slot, `failed to start: ${error.message}`), 1_000).unref();
      return;
    }
    this.replace(slot, outOfMemory ? 'out of memory' : `crashed: ${error.message}`);
  }

  private settle(slot: Slot, finish: (task: Task) => void): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const task = slot.task;
    slot.task = null;
    slot.worker.unref();
    if (task) finish(task);
  }

  private replace(slot: Slot, why: string): void {
    retire(slot.worker);
    if (this.closed) return;
    this.options.logger?.warn({ why }, 'worker thread replaced');
    this.startThread(slot);
    this.dispatch();
  }
}

/** Stops a thread and stops listening to it (its late messages and its exit are not news). */
function retire(worker: Worker): void {
  worker.removeAllListeners('message');
  worker.removeAllListeners('error');
  worker.removeAllListeners('exit');
  worker.on('error', () => {});
  void worker.terminate();
}

/**
 * The thread side: answers each task the pool posts with `handle`'s result. A thrown error is
 * sent back (name and message) rather than killing the thread.
 */
export function serveThreadTasks(handle: (input: never) => unknown | Promise<unknown>): void {
  if (!parentPort) throw new Error('serveThreadTasks must run in a worker thread');
  const port = parentPort;
  port.on('message', async ({ id, input }: { id: number; input: never }) => {
    try {
      port.postMessage({ id, ok: true, value: await handle(input) });
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ id, ok: false, error: { name, message } });
    }
  });
  port.postMessage({ ready: true });
}
