import type { GemmKernelExports } from './gemm-kernel-exports.js';
import { CONTROL, runGemmChunks, serveGemmWorker } from './gemm-share.js';

/** The parameters of one parallel product (pointers are byte offsets into the shared memory). */
export interface GemmJob {
  readonly float64: boolean;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  /** Byte offset of thread 0's scratch; thread `i`'s is `packBase + i · packStride`. */
  readonly packBase: number;
  readonly packStride: number;
  readonly packBOffset: number;
  /**
   * Chunk `i` is rows (with `packed`) or columns `bounds[i]` to `bounds[i + 1]` of C, for
   * `i < chunks` (at most `CONTROL.maxChunks`).
   */
  readonly bounds: Int32Array;
  readonly chunks: number;
  /** Where op(B) is packed whole when the chunks are rows; undefined when they are columns. */
  readonly packed?: number | undefined;
}

/** One Adam step split over the threads (pointers are byte offsets into the shared memory). */
export interface AdamJob {
  readonly float64: boolean;
  readonly param: number;
  readonly grad: number;
  readonly m: number;
  readonly v: number;
  /** β₁, 1 − β₁, β₂, 1 − β₂, ε, the step size and √(1 − β₂ᵗ) (the arguments of `adam_f32`). */
  readonly hyperparameters: readonly number[];
  /** Chunk `i` is elements `bounds[i]` to `bounds[i + 1]`, for `i < chunks`. */
  readonly bounds: Int32Array;
  readonly chunks: number;
}

/** What a worker needs: terminate it. Node's `Worker` and the browser's both have this. */
interface WorkerHandle {
  terminate(): unknown;
}

/** Node's `worker_threads`, reached without an import so browser bundles never see it. */
interface NodeWorkerThreads {
  Worker: new (
    source: string,
    options: { eval: true; workerData: unknown },
  ) => WorkerHandle & { unref(): void };
}

/** `process.getBuiltinModule` (Node ≥ 20.16), or undefined outside Node. */
function nodeWorkerThreads(): NodeWorkerThreads | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process;
  const workerThreads = process?.getBuiltinModule?.('node:worker_threads') as
    NodeWorkerThreads | undefined;
  return typeof workerThreads?.Worker === 'function' ? workerThreads : undefined;
}

/**
 * The source a worker runs: the two self-contained functions of `gemm-share.ts`, as
 * anonymous expressions (so a minifier renaming them changes nothing), applied to the data
 * `bootstrap` reads.
 */
function workerSource(bootstrap: string): string {
  return `'use strict';
${bootstrap}
(${serveGemmWorker.toString()})(data.module, data.memory, data.control, data.id, (${runGemmChunks.toString()}));
`;
}

/**
 * The source of a Node worker: its data arrives as `workerData`, reached at run time (no
 * `require` or `import` a browser bundler would try to resolve).
 */
const NODE_WORKER_SOURCE = workerSource(
  "const data = process.getBuiltinModule('node:worker_threads').workerData;",
);

/** The source of a browser worker (started from a Blob URL): its data is the first message. */
const BROWSER_WORKER_SOURCE = `self.onmessage = (event) => {
  self.onmessage = null;
  ${workerSource('const data = event.data;')}
};`;

/** A browser's `Worker`, `Blob` and `URL.createObjectURL`, or undefined where one is missing. */
interface BrowserWorkers {
  Worker: new (url: string) => WorkerHandle & { postMessage(message: unknown): void };
  Blob: new (parts: string[], options: { type: string }) => object;
  createObjectURL(blob: object): string;
  revokeObjectURL(url: string): void;
}

function browserWorkers(): BrowserWorkers | undefined {
  const scope = globalThis as {
    Worker?: BrowserWorkers['Worker'];
    Blob?: BrowserWorkers['Blob'];
    URL?: { createObjectURL?: (blob: object) => string; revokeObjectURL?: (url: string) => void };
  };
  const url = scope.URL;
  if (
    typeof scope.Worker !== 'function' ||
    typeof scope.Blob !== 'function' ||
    typeof url?.createObjectURL !== 'function' ||
    typeof url.revokeObjectURL !== 'function'
  ) {
    return undefined;
  }
  return {
    Worker: scope.Worker,
    Blob: scope.Blob,
    createObjectURL: (blob) => url.createObjectURL!(blob),
    revokeObjectURL: (href) => url.revokeObjectURL!(href),
  };
}

/** How long the main thread waits before checking that no worker failed to start. */
const STATUS_CHECK_MS = 1000;

/**
 * Worker threads that compute shares of one matrix product at a time in a shared
 * `WebAssembly.Memory`, synchronised with `Atomics.wait`/`notify` on a shared control block:
 * no message per product. The calling thread is thread 0 and computes a share too.
 *
 * Workers are `unref`'d: they never keep a Node process alive.
 * @internal
 */
export class GemmThreadPool {
  /** Threads per product, the calling thread included. */
  readonly threads: number;
  private readonly control: Int32Array;
  /** The control block's float64 words (an Adam job's hyperparameters). */
  private readonly floats: Float64Array;
  private readonly workers: WorkerHandle[];
  private closed = false;
  /** Whether every worker has instantiated the module (until then, products run here alone). */
  private started = false;

  private constructor(threads: number, control: Int32Array, workers: WorkerHandle[]) {
    this.threads = threads;
    this.control = control;
    this.floats = new Float64Array(control.buffer, CONTROL.floats * 4, 7);
    this.workers = workers;
  }

  /**
   * Starts `threads − 1` Node worker threads on `module` and `memory` (shared); undefined
   * outside Node.
   */
  static startNode(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    threads: number,
  ): GemmThreadPool | undefined {
    const workerThreads = nodeWorkerThreads();
    if (workerThreads === undefined) return undefined;
    const control = new Int32Array(new SharedArrayBuffer(CONTROL.length * 4));
    const workers: WorkerHandle[] = [];
    for (let id = 1; id < threads; id++) {
      const worker = new workerThreads.Worker(NODE_WORKER_SOURCE, {
        eval: true,
        workerData: { module, memory, control, id },
      });
      worker.unref();
      workers.push(worker);
    }
    return new GemmThreadPool(threads, control, workers);
  }

  /**
   * Starts `threads − 1` Web Workers (from a Blob URL) on `module` and `memory` (shared);
   * undefined where the browser cannot. Call it from a worker: a page's main thread may not
   * block in `Atomics.wait`.
   */
  static startBrowser(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    threads: number,
  ): GemmThreadPool | undefined {
    const browser = browserWorkers();
    if (browser === undefined) return undefined;
    const control = new Int32Array(new SharedArrayBuffer(CONTROL.length * 4));
    const url = browser.createObjectURL(
      new browser.Blob([BROWSER_WORKER_SOURCE], { type: 'text/javascript' }),
    );
    const workers: WorkerHandle[] = [];
    try {
      for (let id = 1; id < threads; id++) {
        const worker = new browser.Worker(url);
        worker.postMessage({ module, memory, control, id });
        workers.push(worker);
      }
    } finally {
      browser.revokeObjectURL(url);
    }
    return new GemmThreadPool(threads, control, workers);
  }

  /**
   * Whether every worker is ready. Until then the calling thread computes products alone
   * (the split never changes a result bit), so a slow start never blocks it.
   */
  ready(): boolean {
    if (this.started) return true;
    for (let id = 1; id < this.threads; id++) {
      if (Atomics.load(this.control, CONTROL.workerStatus + id) !== 1) {
        this.throwIfAWorkerFailed();
        return false;
      }
    }
    this.started = true;
    return true;
  }

  /**
   * Computes `job` on every thread that is free: publishes it (waking the workers), packs
   * op(B) once when the chunks are rows, opens the chunks, claims chunks here too, and waits
   * until every chunk is done.
   *
   * @throws Error when a worker failed to start or a chunk threw.
   */
  run(kernels: GemmKernelExports, job: GemmJob): void {
    const control = this.control;
    const generation = this.open();
    const tag = (generation & 0xffff) << 16;
    control[CONTROL.kind] = 0;
    control[CONTROL.dtype] = job.float64 ? 1 : 0;
    control[CONTROL.a] = job.a;
    control[CONTROL.b] = job.b;
    control[CONTROL.c] = job.c;
    control[CONTROL.m] = job.m;
    control[CONTROL.k] = job.k;
    control[CONTROL.n] = job.n;
    control[CONTROL.transposeA] = job.transposeA ? 1 : 0;
    control[CONTROL.transposeB] = job.transposeB ? 1 : 0;
    control[CONTROL.byRows] = job.packed === undefined ? 0 : 1;
    control[CONTROL.packBase] = job.packBase;
    control[CONTROL.packStride] = job.packStride;
    control[CONTROL.packBOffset] = job.packBOffset;
    control[CONTROL.packed] = job.packed ?? 0;
    this.publish(generation, job.bounds, job.chunks);
    // Workers wake while op(B) is packed; a failure closes the job so none of them spins on.
    if (job.packed !== undefined) {
      try {
        (job.float64 ? kernels.gemm_f64_pack_b_all : kernels.gemm_f32_pack_b_all)(
          job.b,
          job.k,
          job.n,
          job.transposeB ? 1 : 0,
          job.packed,
        );
      } catch (error) {
        Atomics.store(control, CONTROL.claim, tag | job.chunks); // every chunk "claimed"
        throw error;
      }
    }
    this.compute(kernels, generation, job.chunks, 'a matrix product');
  }

  /**
   * Steps Adam over `job`'s elements on every thread that is free, chunk by chunk (each
   * element's update is independent of the others, so the split changes no bit).
   *
   * @throws Error when a worker failed to start or a chunk threw.
   */
  runAdam(kernels: GemmKernelExports, job: AdamJob): void {
    const control = this.control;
    const generation = this.open();
    control[CONTROL.kind] = 1;
    control[CONTROL.dtype] = job.float64 ? 1 : 0;
    control[CONTROL.a] = job.param;
    control[CONTROL.b] = job.grad;
    control[CONTROL.c] = job.m;
    control[CONTROL.m] = job.v;
    for (let i = 0; i < 7; i++) this.floats[i] = job.hyperparameters[i]!;
    this.publish(generation, job.bounds, job.chunks);
    this.compute(kernels, generation, job.chunks, 'an Adam step');
  }

  /**
   * Starts a job: the next generation, with the claim word closed under its tag so that a
   * worker waking late for the previous job claims nothing while the parameters change
   * (see CONTROL). Returns the generation.
   */
  private open(): number {
    if (this.closed) throw new Error('wasm backend: the thread pool was closed');
    const control = this.control;
    const generation = (control[CONTROL.generation]! + 1) | 0;
    Atomics.store(control, CONTROL.claim, ((generation & 0xffff) << 16) | 0xffff);
    return generation;
  }

  /** Writes the chunks, then the generation, waking the workers that sleep. */
  private publish(generation: number, bounds: Int32Array, chunks: number): void {
    const control = this.control;
    control[CONTROL.chunks] = chunks;
    for (let i = 0; i <= chunks; i++) control[CONTROL.bounds + i] = bounds[i]!;
    Atomics.store(control, CONTROL.done, 0);
    Atomics.store(control, CONTROL.generation, generation);
    if (Atomics.load(control, CONTROL.sleeping) > 0) Atomics.notify(control, CONTROL.generation);
  }

  /** Opens the chunks, claims chunks here too, and waits until every chunk is done. */
  private compute(
    kernels: GemmKernelExports,
    generation: number,
    chunks: number,
    what: string,
  ): void {
    const control = this.control;
    Atomics.store(control, CONTROL.claim, (generation & 0xffff) << 16);
    runGemmChunks(kernels, control, 0, generation, this.floats);
    for (let spin = 0; spin < 20000 && Atomics.load(control, CONTROL.done) !== chunks; spin++);
    for (;;) {
      const done = Atomics.load(control, CONTROL.done);
      if (done === chunks) break;
      Atomics.wait(control, CONTROL.done, done, STATUS_CHECK_MS);
      this.throwIfAWorkerFailed();
    }
    if (Atomics.exchange(control, CONTROL.error, 0) !== 0) {
      throw new Error(`wasm backend: a worker thread failed while computing ${what}`);
    }
  }

  private throwIfAWorkerFailed(): void {
    for (let id = 1; id < this.threads; id++) {
      if (Atomics.load(this.control, CONTROL.workerStatus + id) === -1) {
        this.close();
        throw new Error(
          `wasm backend: worker thread ${id} could not instantiate the WebAssembly module; the thread pool is closed.`,
        );
      }
    }
  }

  /** Tells every worker to exit and terminates it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.control, CONTROL.stop, 1);
    Atomics.add(this.control, CONTROL.generation, 1);
    Atomics.notify(this.control, CONTROL.generation);
    for (const worker of this.workers) worker.terminate();
  }
}
