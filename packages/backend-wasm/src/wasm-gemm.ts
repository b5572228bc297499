import type { GemmKernelExports } from './gemm-kernel-exports.js';
import { CONTROL } from './gemm-share.js';
import { GemmThreadPool } from './gemm-thread-pool.js';
import { guidedChunks } from './guided-chunks.js';
import { selectModule } from './wasm-module.js';
import { WasmStateHeap } from './wasm-state-heap.js';
import type { WasmFeatureRequest, WasmGemmFeatures } from './wasm-simd-unsupported-error.js';

/** A dense float array {@link WasmGemm.matmul} accepts: all three arrays share one type. */
export type GemmArray = Float32Array | Float64Array;

/** Options of {@link WasmGemm.create} and {@link WasmGemm.createSync}. */
export interface WasmGemmOptions {
  /**
   * The feature set: `'simd128'` (results bit-identical on every engine and machine),
   * `'relaxed-simd'` (fused multiply-add, a few per cent faster; results may differ between
   * engines and CPUs in the last bits), or `'auto'` (relaxed SIMD where it validates).
   * @defaultValue 'simd128'
   */
  readonly features?: WasmFeatureRequest;
  /**
   * Threads per matrix product, the calling thread included (1 to 64). More than 1 needs
   * worker threads and a shared memory: Node, or a cross-origin isolated browser worker;
   * elsewhere the product runs on 1 thread and {@link WasmGemm.threadsNote} says why.
   * @defaultValue 1
   */
  readonly threads?: number;
}

const PAGE_BYTES = 65536;
const ALIGN = 64;
/** Products with fewer multiply-adds than this run on the calling thread alone. */
const PARALLEL_MIN_MACS = 64 * 64 * 64;
/**
 * The smallest chunk of a parallel product is 1/(CHUNKS_PER_THREAD · threads) of it (or one
 * micro-tile): chunks shrink from large to this (see `guidedChunks`), small enough that a
 * thread which starts late or runs slowly (sharing its core with the garbage collector's
 * threads) leaves the rest to the others, large enough that each claim pays.
 */
const CHUNKS_PER_THREAD = 8;
/** Adam steps over fewer elements than this run on the calling thread alone. */
const PARALLEL_MIN_ADAM = 16384;
/** A shared memory must declare its maximum: the modules' 2 GiB. */
const SHARED_MAXIMUM_PAGES = 32768;
/** Micro-tile heights and widths (rows and columns per unit of a split), as in the kernel. */
const TILE_ROWS = 4;
const TILE_COLUMNS_F32 = 12;
const TILE_COLUMNS_F64 = 6;

/** Throws unless `value` (the argument `name` of `matmul`) is a non-negative integer. */
function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`matmul: ${name} must be a non-negative integer, got ${value}`);
  }
}

/** Whether every array that is not null is an instance of `type`. */
function sameType(
  type: typeof Float32Array | typeof Float64Array,
  ...arrays: readonly (GemmArray | null)[]
): boolean {
  return arrays.every((array) => array === null || array instanceof type);
}

/** Throws unless `array` (the argument `name` of `where`) has at least `needed` elements. */
function checkLength(where: string, name: string, array: GemmArray, needed: number): void {
  if (array.length < needed) {
    throw new RangeError(`${where}: ${name} has ${array.length} elements, needs ${needed}`);
  }
}

/** Rounds `bytes` up to the allocation alignment. */
function align(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}

/** Where the worker threads come from: Node's `worker_threads`, or a browser worker's Web Workers. */
type ThreadHost = 'node' | 'browser';

/** Node, a browser worker, a browser page's main thread, or none of them. */
function threadHost(): ThreadHost | 'page' | undefined {
  const scope = globalThis as {
    process?: { getBuiltinModule?: unknown };
    WorkerGlobalScope?: unknown;
    document?: unknown;
  };
  if (typeof scope.process?.getBuiltinModule === 'function') return 'node';
  if (typeof scope.WorkerGlobalScope === 'function') return 'browser';
  return typeof scope.document === 'object' ? 'page' : undefined;
}

/** Why worker threads cannot run here, or undefined when they can. */
function threadsUnavailable(): string | undefined {
  if (typeof SharedArrayBuffer !== 'function') {
    return 'no SharedArrayBuffer here (a browser page needs cross-origin isolation: COOP and COEP headers)';
  }
  const host = threadHost();
  if (host === 'page') {
    return "a page's main thread may not wait on other threads; run deeptune in a worker for more";
  }
  if (host === undefined) return 'this engine has no worker threads';
  return undefined;
}

function startPool(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  threads: number,
): GemmThreadPool | undefined {
  return threadHost() === 'node'
    ? GemmThreadPool.startNode(module, memory, threads)
    : GemmThreadPool.startBrowser(module, memory, threads);
}

function checkThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new RangeError(
      `WasmGemm: threads must be an integer from 1 to 64, got ${String(threads)}`,
    );
  }
}

/** How many threads a product will use, whether that needs a shared memory, and why not. */
interface ThreadPlan {
  readonly threads: number;
  readonly shared: boolean;
  readonly note: string | undefined;
}

/** The feature sets a {@link WasmGemm} can be asked for. */
const FEATURE_REQUESTS: readonly string[] = ['simd128', 'relaxed-simd', 'auto'];

/** `options`, checked: an object whose `features`, when given, is a known feature set. */
function checkOptions(options: WasmGemmOptions): WasmGemmOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`WasmGemm: options must be an object, got ${String(options)}`);
  }
  const { features } = options;
  if (features !== undefined && !FEATURE_REQUESTS.includes(features)) {
    throw new RangeError(
      `WasmGemm: features must be 'simd128', 'relaxed-simd' or 'auto', got ${JSON.stringify(features)}`,
    );
  }
  return options;
}

function planThreads(options: WasmGemmOptions): ThreadPlan {
  const threads = options.threads ?? 1;
  checkThreads(threads);
  if (threads === 1) return { threads, shared: false, note: undefined };
  const unavailable = threadsUnavailable();
  if (unavailable !== undefined) {
    return { threads: 1, shared: false, note: `1 thread of ${threads} asked: ${unavailable}` };
  }
  return { threads, shared: true, note: undefined };
}

function memoryFor(plan: ThreadPlan): WebAssembly.Memory {
  return plan.shared
    ? new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAXIMUM_PAGES, shared: true })
    : new WebAssembly.Memory({ initial: 1 });
}

/**
 * Matrix multiplication with a packed, register-blocked WebAssembly SIMD kernel (float32 with
 * f32x4, float64 with f64x2).
 *
 * Each output element is accumulated in one fixed order, `c = 0; for p = 0..k-1: c += a·b`
 * (see the package README), so results never depend on blocking and are reproducible.
 * Inputs are copied into the module's linear memory, which grows when needed and is reused
 * across calls; an input that already lives there (an array from the backend's `allocateState`,
 * such as a layer's weights) is read where it is.
 *
 * @example
 * ```ts
 * const gemm = await WasmGemm.create();
 * const a = new Float32Array([1, 2, 3, 4, 5, 6]); // 2×3
 * const b = new Float32Array([1, 0, 0, 1, 1, 1]); // 3×2
 * const out = new Float32Array(4);
 * gemm.matmul(a, b, out, 2, 3, 2, false, false, 1, 0, 0);
 * // out = [4, 5, 10, 11]
 * ```
 */
export class WasmGemm {
  /** The feature set of the module in use. */
  readonly features: WasmGemmFeatures;
  /** The linear memory of the module (imported as `env.memory`; growable). */
  readonly memory: WebAssembly.Memory;
  /** The module's raw kernel exports, for callers that manage memory themselves. */
  readonly kernels: GemmKernelExports;
  /** Threads per product, the calling thread included. */
  readonly threads: number;
  /** Why fewer threads run than were asked for, or undefined. */
  readonly threadsNote: string | undefined;

  private pool: GemmThreadPool | undefined;

  private buffer: ArrayBuffer | null = null;
  /** The chunks of the current parallel product (see `guidedChunks`). */
  private readonly bounds = new Int32Array(CONTROL.maxChunks + 1);
  private f32: Float32Array = new Float32Array(0);
  private f64: Float64Array = new Float64Array(0);
  /** Long-lived blocks (optimizer state) at the bottom of a shared memory. */
  private readonly stateHeap = new WasmStateHeap();
  /** Every buffer the shared memory has had (one per growth): a state array's is among them. */
  private readonly sharedBuffers = new WeakSet<ArrayBufferLike>();
  /** Frees a state block once its array is garbage collected. */
  private readonly stateRegistry = new FinalizationRegistry<{ offset: number; bytes: number }>(
    ({ offset, bytes }) => this.stateHeap.release(offset, bytes),
  );

  private constructor(
    features: WasmGemmFeatures,
    memory: WebAssembly.Memory,
    instance: WebAssembly.Instance,
    pool: GemmThreadPool | undefined,
    threadsNote: string | undefined,
  ) {
    this.features = features;
    this.memory = memory;
    this.kernels = instance.exports as unknown as GemmKernelExports;
    this.pool = pool;
    this.threads = pool?.threads ?? 1;
    this.threadsNote = threadsNote;
  }

  /**
   * Compiles and instantiates the kernel asynchronously (required on browser main threads
   * for modules of this size), choosing relaxed SIMD when the engine validates it, else
   * SIMD128, and starts the worker threads asked for.
   *
   * @throws {@link WasmSimdUnsupportedError} when the engine lacks WebAssembly SIMD.
   * @throws RangeError when `threads` is not an integer from 1 to 64 or `features` is not
   * `'simd128'`, `'relaxed-simd'` or `'auto'`; TypeError when `options` is not an object.
   * @example
   * ```ts
   * const gemm = await WasmGemm.create({ threads: 2 });
   * console.log(gemm.features, gemm.threads); // 'simd128' 2 in Node 20
   * ```
   */
  static async create(options: WasmGemmOptions = {}): Promise<WasmGemm> {
    const plan = planThreads(checkOptions(options));
    const { features, bytes } = selectModule(options.features ?? 'simd128', plan.shared);
    const module = await WebAssembly.compile(bytes);
    const memory = memoryFor(plan);
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    const pool = plan.shared ? startPool(module, memory, plan.threads) : undefined;
    return new WasmGemm(features, memory, instance, pool, plan.note);
  }

  /**
   * Compiles and instantiates the kernel synchronously (Node, workers), and starts the
   * worker threads asked for.
   *
   * @throws {@link WasmSimdUnsupportedError} when the engine lacks WebAssembly SIMD.
   * @throws RangeError when `threads` is not an integer from 1 to 64 or `features` is not
   * `'simd128'`, `'relaxed-simd'` or `'auto'`; TypeError when `options` is not an object.
   * @example
   * ```ts
   * const gemm = WasmGemm.createSync({ features: 'simd128' });
   * ```
   */
  static createSync(options: WasmGemmOptions = {}): WasmGemm {
    const plan = planThreads(checkOptions(options));
    const { features, bytes } = selectModule(options.features ?? 'simd128', plan.shared);
    const module = new WebAssembly.Module(bytes);
    const memory = memoryFor(plan);
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const pool = plan.shared ? startPool(module, memory, plan.threads) : undefined;
    return new WasmGemm(features, memory, instance, pool, plan.note);
  }

  /** Whether every worker thread has started (true with one thread). */
  get threadsStarted(): boolean {
    return this.pool === undefined || this.pool.ready();
  }

  /**
   * Resolves once every worker thread has started (at once with one thread). Until then
   * products run on the calling thread alone, with the same results; wait for this only to
   * have full speed from the first product (benchmarks, tests).
   *
   * @throws Error when a worker could not start, or none started within `timeoutMs`.
   * @example
   * ```ts
   * const gemm = WasmGemm.createSync({ threads: 2 });
   * await gemm.whenThreadsReady();
   * ```
   */
  async whenThreadsReady(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pool !== undefined && !this.pool.ready()) {
      if (Date.now() > deadline) {
        throw new Error(`WasmGemm: the worker threads did not start within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /**
   * Stops the worker threads (they never keep a process alive, so this is optional). Later
   * products run on the calling thread alone.
   *
   * @example
   * ```ts
   * const gemm = WasmGemm.createSync({ threads: 2 });
   * gemm.close();
   * ```
   */
  close(): void {
    this.pool?.close();
    this.pool = undefined;
  }

  /**
   * Batched matrix product: `out[b] = op(A[b]) · op(B[b])` for `b < batch`, where op(A) is
   * m×k and op(B) is k×n. Matrix `b` of A starts at element `b * strideA` and is stored m×k,
   * or k×m when `transposeA`; likewise B (k×n, or n×k when `transposeB`) at `b * strideB`. A
   * stride of 0 broadcasts one matrix over the batch. `out` receives `batch` contiguous m×n
   * matrices and is overwritten. `a`, `b` and `out` must have the same type.
   *
   * @throws RangeError when an array is too short or a size is negative or not an integer.
   * @throws TypeError when the arrays are not all Float32Array or all Float64Array.
   * @example
   * ```ts
   * // dW = xᵀ · dY for a batch of 128 samples
   * gemm.matmul(x, dY, dW, 784, 128, 256, true, false, 1, 0, 0);
   * ```
   */
  matmul(
    a: GemmArray,
    b: GemmArray,
    out: GemmArray,
    m: number,
    k: number,
    n: number,
    transposeA: boolean,
    transposeB: boolean,
    batch: number,
    strideA: number,
    strideB: number,
  ): void {
    this.product(a, b, out, m, k, n, transposeA, transposeB, batch, strideA, strideB, undefined);
  }

  /**
   * `out (m×n) = x (m×k) · w (k×n) + bias`: the product, then the `n` bias values added to
   * every row in the module's memory before the result is copied out (bit for bit `matmul`
   * followed by an addition of the bias), and with `relu` then `max(·, 0)` (bit for bit the
   * cpu `relu` after it).
   *
   * @throws RangeError when an array is too short or a size is negative or not an integer.
   * @throws TypeError when the arrays are not all Float32Array or all Float64Array.
   * @example
   * ```ts
   * // z = x · W + b for a batch of 128 samples of 784 features and 256 units
   * gemm.linear(x, w, b, z, 128, 784, 256);
   * ```
   */
  linear(
    x: GemmArray,
    w: GemmArray,
    bias: GemmArray,
    out: GemmArray,
    m: number,
    k: number,
    n: number,
    relu = false,
  ): void {
    this.product(x, w, out, m, k, n, false, false, 1, 0, 0, bias, relu);
  }

  /**
   * The backward pass of `linear` (with `y`, of `linear` with `relu`): `g = dy`, or
   * `dy · (y > 0)`, is formed once in the module's memory, and from it `dx = g · wᵀ` (m×k),
   * `dw = xᵀ · g` (k×n) and `db = Σ_rows g` (n, accumulated in double precision) are computed
   * and copied out; a null output is skipped. Bit for bit the `reluBackward`, `matmul` and
   * `sum` kernels of the cpu backend's composition, except that the products are this
   * engine's (bit for bit its `matmul`).
   *
   * @throws RangeError when an array is too short or a size is negative or not an integer.
   * @throws TypeError when the arrays are not all Float32Array or all Float64Array.
   * @example
   * ```ts
   * // the gradients of a 784 → 256 relu layer for a batch of 128
   * gemm.linearBackward(x, w, dz, a, null, dw, db, 128, 784, 256);
   * ```
   */
  linearBackward(
    x: GemmArray,
    w: GemmArray,
    dy: GemmArray,
    y: GemmArray | null,
    dx: GemmArray | null,
    dw: GemmArray | null,
    db: GemmArray | null,
    m: number,
    k: number,
    n: number,
  ): void {
    checkCount('m', m);
    checkCount('k', k);
    checkCount('n', n);
    const isF32 = sameType(Float32Array, x, w, dy, y, dx, dw, db);
    if (!isF32 && !sameType(Float64Array, x, w, dy, y, dx, dw, db)) {
      throw new TypeError(
        'linearBackward: x, w, dy, y, dx, dw and db must all be Float32Array or all Float64Array',
      );
    }
    checkLength('linearBackward', 'x', x, m * k);
    checkLength('linearBackward', 'w', w, k * n);
    checkLength('linearBackward', 'dy', dy, m * n);
    if (y !== null) checkLength('linearBackward', 'y', y, m * n);
    if (dx !== null) checkLength('linearBackward', 'dx', dx, m * k);
    if (dw !== null) checkLength('linearBackward', 'dw', dw, k * n);
    if (db !== null) checkLength('linearBackward', 'db', db, n);
    const bytes = isF32 ? 4 : 8;
    const kernels = this.kernels;
    // Layout: [g | x copy | db | y copy, then the products' scratch], 64-byte aligned.
    const residentX = this.isResident(x);
    const residentW = this.isResident(w);
    const gPtr = this.scratchBase;
    const xCopy = align(gPtr + m * n * bytes);
    const dbPtr = xCopy + (residentX || dw === null ? 0 : align(m * k * bytes));
    const wCopy = dbPtr + align(n * bytes);
    const base = wCopy + (residentW || dx === null ? 0 : align(k * n * bytes));
    this.ensureCapacity(Math.max(base, wCopy + align(m * n * bytes)));
    this.copyIn(dy, m * n, gPtr);
    if (y !== null) {
      // y goes where the products' scratch will be: it is needed only for the mask.
      this.copyIn(y, m * n, wCopy);
      (isF32 ? kernels.relu_backward_f32 : kernels.relu_backward_f64)(wCopy, gPtr, gPtr, m * n);
    }
    if (db !== null) {
      if (m === 0) db.fill(0, 0, n);
      else {
        (isF32 ? kernels.sum_rows_f32 : kernels.sum_rows_f64)(gPtr, m, n, dbPtr);
        this.copyOut(dbPtr, db, n);
      }
    }
    if (dw !== null && k * n > 0) {
      const xPtr = residentX ? x.byteOffset : xCopy;
      if (!residentX) this.copyIn(x, m * k, xCopy);
      const cPtr = this.compute(isF32, xPtr, gPtr, k, m, n, true, false, 1, 0, 0, base);
      this.copyOut(cPtr, dw, k * n);
    }
    if (dx !== null && m * k > 0) {
      const wPtr = residentW ? w.byteOffset : wCopy;
      if (!residentW) this.copyIn(w, k * n, wCopy);
      const cPtr = this.compute(isF32, gPtr, wPtr, m, n, k, false, true, 1, 0, 0, base);
      this.copyOut(cPtr, dx, m * k);
    }
  }

  /** `matmul`, plus a bias row added to every row of the (single) product when given. */
  private product(
    a: GemmArray,
    b: GemmArray,
    out: GemmArray,
    m: number,
    k: number,
    n: number,
    transposeA: boolean,
    transposeB: boolean,
    batch: number,
    strideA: number,
    strideB: number,
    bias: GemmArray | undefined,
    relu = false,
  ): void {
    checkCount('m', m);
    checkCount('k', k);
    checkCount('n', n);
    checkCount('batch', batch);
    checkCount('strideA', strideA);
    checkCount('strideB', strideB);
    const isF32 =
      a instanceof Float32Array && b instanceof Float32Array && out instanceof Float32Array;
    const isF64 =
      a instanceof Float64Array && b instanceof Float64Array && out instanceof Float64Array;
    if (!isF32 && !isF64) {
      throw new TypeError('matmul: a, b and out must all be Float32Array or all Float64Array');
    }
    if (
      bias !== undefined &&
      !(isF32 ? bias instanceof Float32Array : bias instanceof Float64Array)
    ) {
      throw new TypeError('linear: bias must have the type of x, w and out');
    }
    if (bias !== undefined && bias.length < n) {
      throw new RangeError(`linear: bias has ${bias.length} elements, needs ${n}`);
    }
    const sizeA = m * k;
    const sizeB = k * n;
    const sizeC = m * n;
    const outLength = batch * sizeC;
    if (out.length < outLength) {
      throw new RangeError(`matmul: out has ${out.length} elements, needs ${outLength}`);
    }
    if (batch === 0 || sizeC === 0) return;
    const spanA = sizeA === 0 ? 0 : (batch - 1) * strideA + sizeA;
    const spanB = sizeB === 0 ? 0 : (batch - 1) * strideB + sizeB;
    if (a.length < spanA) {
      throw new RangeError(`matmul: a has ${a.length} elements, needs ${spanA}`);
    }
    if (b.length < spanB) {
      throw new RangeError(`matmul: b has ${b.length} elements, needs ${spanB}`);
    }
    const bytes = isF32 ? 4 : 8;
    // Layout: [A span | B span | bias | the product's scratch and C (see compute)], each
    // 64-byte aligned. Operands already in the memory (parameters from allocateState) are
    // read where they are; the others are copied in.
    const residentA = this.isResident(a);
    const residentB = this.isResident(b);
    const residentBias = bias !== undefined && this.isResident(bias);
    const aCopy = this.scratchBase;
    const bCopy = aCopy + (residentA ? 0 : align(spanA * bytes));
    const biasCopy = bCopy + (residentB ? 0 : align(spanB * bytes));
    const base = biasCopy + (bias === undefined || residentBias ? 0 : align(n * bytes));
    this.ensureCapacity(base);
    const aPtr = residentA ? a.byteOffset : aCopy;
    const bPtr = residentB ? b.byteOffset : bCopy;
    if (!residentA) this.copyIn(a, spanA, aPtr);
    if (!residentB) this.copyIn(b, spanB, bPtr);
    let biasPtr = 0;
    if (bias !== undefined) {
      biasPtr = residentBias ? bias.byteOffset : biasCopy;
      if (!residentBias) this.copyIn(bias, n, biasPtr);
    }
    const cPtr = this.compute(
      isF32,
      aPtr,
      bPtr,
      m,
      k,
      n,
      transposeA,
      transposeB,
      batch,
      strideA,
      strideB,
      base,
    );
    const kernels = this.kernels;
    if (bias !== undefined) {
      (isF32 ? kernels.add_bias_rows_f32 : kernels.add_bias_rows_f64)(cPtr, biasPtr, m, n);
    }
    if (relu) (isF32 ? kernels.relu_f32 : kernels.relu_f64)(cPtr, cPtr, m * n);
    this.copyOut(cPtr, out, outLength);
  }

  /**
   * Copies the first `count` elements of `array` into the memory at byte offset `at` (room
   * already ensured), through the current view of the array's type.
   */
  private copyIn(array: GemmArray, count: number, at: number): void {
    if (count === 0) return;
    const heap = array instanceof Float32Array ? this.f32 : this.f64;
    heap.set(
      array.length === count ? array : array.subarray(0, count),
      at / heap.BYTES_PER_ELEMENT,
    );
  }

  /** Copies `count` elements from the memory at byte offset `at` into the start of `out`. */
  private copyOut(at: number, out: GemmArray, count: number): void {
    const heap = out instanceof Float32Array ? this.f32 : this.f64;
    const start = at / heap.BYTES_PER_ELEMENT;
    out.set(heap.subarray(start, start + count));
  }

  /**
   * Computes `batch` products of operands already in the memory (byte offsets `aPtr` and
   * `bPtr`, strides in elements) into `batch` contiguous m×n matrices, with its scratch space
   * from byte offset `base` (grown as needed; sizes already checked, m·n > 0), on the worker
   * threads when the product is large enough; returns the byte offset of the result.
   */
  private compute(
    isF32: boolean,
    aPtr: number,
    bPtr: number,
    m: number,
    k: number,
    n: number,
    transposeA: boolean,
    transposeB: boolean,
    batch: number,
    strideA: number,
    strideB: number,
    base: number,
  ): number {
    const bytes = isF32 ? 4 : 8;
    const kernels = this.kernels;
    const packABytes = isF32
      ? kernels.gemm_f32_pack_a_bytes(m, k, n)
      : kernels.gemm_f64_pack_a_bytes(m, k, n);
    const packBBytes = isF32
      ? kernels.gemm_f32_pack_b_bytes(m, k, n)
      : kernels.gemm_f64_pack_b_bytes(m, k, n);
    // Layout from `base`: [scratch of thread 0 | … | scratch of thread T−1 | op(B) packed
    // whole (when the chunks of a parallel product are rows) | C batch], each thread's
    // scratch [packA | packB], everything 64-byte aligned.
    const pool =
      m * k * n >= PARALLEL_MIN_MACS && this.pool?.ready() === true ? this.pool : undefined;
    const threads = pool === undefined ? 1 : pool.threads;
    const packBOffset = align(packABytes);
    const packStride = packBOffset + align(packBBytes);
    // Cut C into chunks of whole micro-tiles, large ones first: into rows whenever there are
    // enough (every row chunk shares one packed op(B)), else into columns (each column chunk
    // packs all of op(A) again, which pays only when A is a few rows).
    const columnUnit = isF32 ? TILE_COLUMNS_F32 : TILE_COLUMNS_F64;
    const rowTiles = Math.ceil(m / TILE_ROWS);
    const byRows = rowTiles >= CHUNKS_PER_THREAD * threads || rowTiles >= Math.ceil(n / columnUnit);
    const unit = byRows ? TILE_ROWS : columnUnit;
    const extent = byRows ? m : n;
    const minimum = Math.max(unit, Math.ceil(extent / (CHUNKS_PER_THREAD * threads) / unit) * unit);
    const chunks = guidedChunks(extent, unit, threads, minimum, CONTROL.maxChunks, this.bounds);
    const packedBytes =
      pool !== undefined && byRows
        ? isF32
          ? kernels.gemm_f32_packed_b_bytes(k, n)
          : kernels.gemm_f64_packed_b_bytes(k, n)
        : 0;
    const packedPtr = base + threads * packStride;
    const cPtr = packedPtr + align(packedBytes);
    this.ensureCapacity(cPtr + batch * m * n * bytes);
    const tA = transposeA ? 1 : 0;
    const tB = transposeB ? 1 : 0;
    const gemm = isF32 ? kernels.gemm_f32 : kernels.gemm_f64;
    for (let i = 0; i < batch; i++) {
      const aAt = aPtr + i * strideA * bytes;
      const bAt = bPtr + i * strideB * bytes;
      const cAt = cPtr + i * m * n * bytes;
      if (pool === undefined) {
        gemm(aAt, bAt, cAt, m, k, n, tA, tB, base, base + packBOffset);
        continue;
      }
      pool.run(kernels, {
        float64: !isF32,
        a: aAt,
        b: bAt,
        c: cAt,
        m,
        k,
        n,
        transposeA,
        transposeB,
        packBase: base,
        packStride,
        packBOffset,
        bounds: this.bounds,
        chunks,
        packed: byRows ? packedPtr : undefined,
      });
    }
    return cPtr;
  }

  /**
   * One Adam step over `n` elements already in the memory (byte offsets; see the `adam_f32`
   * export for the hyperparameters), split over the
   * worker threads when there are enough elements. Every element's update is independent of
   * the others, so the split changes no bit.
   * @internal
   */
  adamInMemory(
    isF32: boolean,
    param: number,
    grad: number,
    m: number,
    v: number,
    n: number,
    hyperparameters: readonly number[],
  ): void {
    const pool = n >= PARALLEL_MIN_ADAM && this.pool?.ready() === true ? this.pool : undefined;
    if (pool === undefined) {
      const [beta1, c1, beta2, c2, epsilon, stepSize, correction] = hyperparameters;
      (isF32 ? this.kernels.adam_f32 : this.kernels.adam_f64)(
        param,
        grad,
        m,
        v,
        n,
        beta1!,
        c1!,
        beta2!,
        c2!,
        epsilon!,
        stepSize!,
        correction!,
      );
      return;
    }
    // Chunks of whole cache lines (so only the last one has a scalar tail, as on one thread).
    const unit = isF32 ? 16 : 8;
    const minimum = Math.max(unit, Math.ceil(n / (CHUNKS_PER_THREAD * pool.threads) / unit) * unit);
    const chunks = guidedChunks(n, unit, pool.threads, minimum, CONTROL.maxChunks, this.bounds);
    pool.runAdam(this.kernels, {
      float64: !isF32,
      param,
      grad,
      m,
      v,
      hyperparameters,
      bounds: this.bounds,
      chunks,
    });
  }

  /**
   * Views of the whole linear memory, grown so that `bytes` bytes of scratch space fit from
   * byte offset `base` (above the optimizer state), for the single-threaded kernels that copy
   * their operands in (no product runs meanwhile: every call is synchronous). The views
   * change when the memory grows.
   * @internal
   */
  scratch(bytes: number): {
    readonly f32: Float32Array;
    readonly f64: Float64Array;
    readonly base: number;
  } {
    const base = this.scratchBase;
    this.ensureCapacity(base + bytes);
    return { f32: this.f32, f64: this.f64, base };
  }

  /** Whether the memory is shared (worker threads; it then never moves when it grows). */
  get shared(): boolean {
    return (
      typeof SharedArrayBuffer === 'function' && this.memory.buffer instanceof SharedArrayBuffer
    );
  }

  /**
   * A zero-filled array of `size` elements of `dtype` in the module's memory, for optimizer
   * state that kernels update in place without copying. Only a shared memory can hold it (a
   * growing unshared memory would detach the array): check {@link shared} first. The block is
   * freed when the array is garbage collected.
   * @throws Error when the memory is not shared.
   * @internal
   */
  allocateState(dtype: 'float32' | 'float64', size: number): Float32Array | Float64Array {
    if (!this.shared) {
      throw new Error('WasmGemm.allocateState: needs a shared memory (2 or more threads)');
    }
    const bytes = size * (dtype === 'float32' ? 4 : 8);
    const offset = this.stateHeap.allocate(bytes);
    this.ensureCapacity(this.scratchBase);
    const array =
      dtype === 'float32'
        ? new Float32Array(this.memory.buffer, offset, size)
        : new Float64Array(this.memory.buffer, offset, size);
    array.fill(0);
    this.sharedBuffers.add(array.buffer);
    this.stateRegistry.register(array, { offset, bytes });
    return array;
  }

  /** Whether `array` lives in this module's memory (an array from {@link allocateState}). @internal */
  isResident(array: ArrayBufferView): boolean {
    return this.sharedBuffers.has(array.buffer);
  }

  /** Bytes of optimizer state in the memory now. @internal */
  get stateBytes(): number {
    return this.stateHeap.reserved;
  }

  /** Byte offset where scratch space starts: above the optimizer state. */
  private get scratchBase(): number {
    return align(this.stateHeap.end);
  }

  /** Grows the memory to at least `bytes` and refreshes the typed views when it moved. */
  private ensureCapacity(bytes: number): void {
    const current = this.memory.buffer.byteLength;
    if (current < bytes) {
      this.memory.grow(Math.ceil((bytes - current) / PAGE_BYTES));
    }
    if (this.buffer !== this.memory.buffer) {
      const buffer = this.memory.buffer;
      this.buffer = buffer;
      this.f32 = new Float32Array(buffer);
      this.f64 = new Float64Array(buffer);
    }
  }
}
