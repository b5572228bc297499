import type { GemmKernelExports } from './gemm-kernel-exports.js';

/**
 * The layout of the control block threads share (an `Int32Array` over a
 * `SharedArrayBuffer`): the job's parameters and the synchronisation words. The functions
 * below use the literal indices, because they also run as source text inside workers; this
 * table is their documentation and the main thread's.
 * @internal
 */
export const CONTROL = {
  /** Incremented by the main thread for every job (workers `Atomics.wait` on it). */
  generation: 0,
  /** Workers still computing the current job (the main thread waits for 0). */
  pending: 1,
  /** Non-zero tells workers to exit. */
  stop: 2,
  /** Set to 1 by a worker whose share threw. */
  error: 3,
  /** 0 for float32, 1 for float64. */
  dtype: 4,
  a: 5,
  b: 6,
  c: 7,
  m: 8,
  k: 9,
  n: 10,
  transposeA: 11,
  transposeB: 12,
  /** 1: the output is split by rows; 0: by columns. */
  byRows: 13,
  /** Threads sharing the job, the main thread included. */
  threads: 14,
  /** Byte offset of thread 0's packing scratch. */
  packBase: 15,
  /** Bytes of scratch per thread. */
  packStride: 16,
  /** Offset of the packed-B area within a thread's scratch. */
  packBOffset: 17,
  /** Rows or columns per unit of the split (a micro-tile's height or width). */
  unit: 18,
  /** Worker `i`'s start-up status is at `workerStatus + i`: 1 ready, −1 failed. */
  workerStatus: 32,
  /** Words in the control block (room for 64 threads). */
  length: 96,
} as const;

/**
 * Computes thread `id`'s share of the job described in `control`: a contiguous range of
 * whole micro-tiles of rows (or columns) of C, with the thread's own packing scratch.
 *
 * Self-contained (it references only its arguments and `Math`), because workers run it from
 * its source text. Every element of C is still summed in the same order (the kernel's
 * ranges are bit-identical to the whole product), so the thread count never changes a bit.
 * @internal
 */
export function runGemmShare(kernels: GemmKernelExports, control: Int32Array, id: number): void {
  const threads = control[14]!;
  const m = control[8]!;
  const k = control[9]!;
  const n = control[10]!;
  const byRows = control[13] === 1;
  const unit = control[18]!;
  const extent = byRows ? m : n;
  const units = Math.ceil(extent / unit);
  const start = Math.min(extent, Math.floor((units * id) / threads) * unit);
  const end = Math.min(extent, Math.floor((units * (id + 1)) / threads) * unit);
  if (start >= end) return;
  const packA = control[15]! + id * control[16]!;
  const packB = packA + control[17]!;
  const gemm = control[4] === 0 ? kernels.gemm_f32_range : kernels.gemm_f64_range;
  gemm(
    control[5]!,
    control[6]!,
    control[7]!,
    m,
    k,
    n,
    control[11]!,
    control[12]!,
    packA,
    packB,
    byRows ? start : 0,
    byRows ? end : m,
    byRows ? 0 : start,
    byRows ? n : end,
  );
}

/**
 * A worker's life: instantiate the module on the shared memory, report ready (or failed),
 * then wait for jobs on the generation word, compute its share, and count itself done.
 *
 * Self-contained (it runs from its source text in a worker); `runShare` is
 * {@link runGemmShare}, passed in the same way.
 * @internal
 */
export function serveGemmWorker(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  control: Int32Array,
  id: number,
  runShare: (kernels: GemmKernelExports, control: Int32Array, id: number) => void,
): void {
  let kernels: GemmKernelExports;
  try {
    kernels = new WebAssembly.Instance(module, { env: { memory } })
      .exports as unknown as GemmKernelExports;
    Atomics.store(control, 32 + id, 1);
  } catch {
    Atomics.store(control, 32 + id, -1);
    Atomics.notify(control, 1);
    return;
  }
  let seen = 0;
  for (;;) {
    // Spin a little before sleeping: training issues products microseconds apart, and a
    // futex wake-up costs tens of microseconds.
    for (let spin = 0; spin < 20000 && Atomics.load(control, 0) === seen; spin++);
    Atomics.wait(control, 0, seen);
    const generation = Atomics.load(control, 0);
    if (generation === seen) continue;
    seen = generation;
    if (Atomics.load(control, 2) !== 0) return;
    try {
      runShare(kernels, control, id);
    } catch {
      Atomics.store(control, 3, 1);
    }
    if (Atomics.sub(control, 1, 1) === 1) Atomics.notify(control, 1);
  }
}
