import type { GemmKernelExports } from './gemm-kernel-exports.js';

/**
 * The layout of the control block threads share (an `Int32Array` over a
 * `SharedArrayBuffer`): the job's parameters and the synchronisation words. The functions
 * below use the literal indices, because they also run as source text inside workers; this
 * table is their documentation and the main thread's.
 *
 * A job's output is cut into `chunks` chunks of rows (or columns) of C, chunk `i` from
 * `bounds[i]` to `bounds[i + 1]` (the words from `bounds` on), large first and small last, so
 * that the thread which finishes last leaves the others little to wait for. Threads claim
 * chunks one at a time from the `claim` word, which holds the job's tag (its generation's low
 * 16 bits) in the high half and the next chunk in the low half (`0xffff`: not open yet). The
 * main thread publishes a job in this order: the claim word with the new tag, closed (so no
 * thread can claim a chunk of the previous job any more), then the parameters, `done = 0`,
 * the generation (waking the workers), op(B) packed, and the claim word opened. A thread that
 * wakes late finds the tag changed or every chunk claimed, and claims nothing; whichever
 * thread is free takes the next chunk, so a slow or sleeping worker never holds the others up.
 * @internal
 */
export const CONTROL = {
  /** Incremented by the main thread for every job (workers `Atomics.wait` on it). */
  generation: 0,
  /** Chunks of the current job computed so far (the main thread waits for `chunks`). */
  done: 1,
  /** Non-zero tells workers to exit. */
  stop: 2,
  /** Set to 1 by a thread whose chunk threw. */
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
  /** 1: chunks are rows of C and op(B) is packed once, at `packed`; 0: chunks are columns. */
  byRows: 13,
  /**
   * What the job is: 0 a matrix product (the words above), 1 an Adam step over elements
   * `bounds[i]` to `bounds[i + 1]` of the arrays at `a` (parameters), `b` (gradient), `c`
   * (first moments) and `m` (second moments), with the hyperparameters at `floats`.
   */
  kind: 14,
  /** Byte offset of thread 0's packing scratch. */
  packBase: 15,
  /** Bytes of scratch per thread. */
  packStride: 16,
  /** Offset of the packed-B area within a thread's scratch. */
  packBOffset: 17,
  /** Chunks in the job (at most `maxChunks`). */
  chunks: 19,
  /** The claim word: `tag << 16 | next chunk` (see above). */
  claim: 20,
  /** Byte offset of op(B) packed whole (rows mode). */
  packed: 21,
  /** Workers asleep in `Atomics.wait` (the main thread notifies only when some are). */
  sleeping: 22,
  /** Worker `i`'s start-up status is at `workerStatus + i`: 1 ready, −1 failed. */
  workerStatus: 32,
  /** The first row (or column) of chunk `i` is at `bounds + i`; its end at `bounds + i + 1`. */
  bounds: 96,
  /** The most chunks a job may have. */
  maxChunks: 128,
  /**
   * An Adam job's hyperparameters, as float64 from this word on (byte offset 912):
   * β₁, 1 − β₁, β₂, 1 − β₂, ε, the step size and √(1 − β₂ᵗ).
   */
  floats: 228,
  /** Words in the control block (room for 64 threads, 128 chunks and 7 float64). */
  length: 228 + 14,
} as const;

/**
 * Claims and computes chunks of the job of `generation` (see {@link CONTROL}) until none is
 * left, counting each one done; thread `id` packs into its own scratch. `floats` is the
 * control block's float64 view (at `CONTROL.floats`), made once per thread. Every element of C is
 * summed in the same order whoever computes its chunk (the kernel's ranges are bit-identical
 * to the whole product), so neither the thread count nor the timing ever changes a bit.
 *
 * Self-contained (it references only its arguments and `Math`/`Atomics`), because workers
 * run it from its source text.
 * @internal
 */
export function runGemmChunks(
  kernels: GemmKernelExports,
  control: Int32Array,
  id: number,
  generation: number,
  floats: Float64Array,
): void {
  const tag = generation & 0xffff;
  // Wait for the job to open (op(B) is being packed: microseconds), or return when a later
  // job has replaced it. Only an open claim word with this job's tag says that the parameters
  // below are this job's: the main thread closes the previous job (a new tag) before it
  // writes them, and writes none until every chunk of this one is done.
  let word = Atomics.load(control, 20);
  while (word >>> 16 === tag && (word & 0xffff) === 0xffff) word = Atomics.load(control, 20);
  if (word >>> 16 !== tag) return;
  const m = control[8]!;
  const k = control[9]!;
  const n = control[10]!;
  const byRows = control[13] === 1;
  const chunks = control[19]!;
  const f32 = control[4] === 0;
  const packA = control[15]! + id * control[16]!;
  const adam = control[14] === 1;
  for (; word >>> 16 === tag && (word & 0xffff) < chunks; word = Atomics.load(control, 20)) {
    // A successful claim proves the parameters read above were this job's: had the job
    // been replaced, the word would have changed.
    if (Atomics.compareExchange(control, 20, word, word + 1) !== word) continue;
    const start = control[96 + (word & 0xffff)]!;
    const end = control[97 + (word & 0xffff)]!;
    try {
      if (adam) {
        // Adam over elements start … end − 1: byte offsets of the four arrays move with it.
        const skip = start * (f32 ? 4 : 8);
        (f32 ? kernels.adam_f32 : kernels.adam_f64)(
          control[5]! + skip,
          control[6]! + skip,
          control[7]! + skip,
          m + skip,
          end - start,
          floats[0]!,
          floats[1]!,
          floats[2]!,
          floats[3]!,
          floats[4]!,
          floats[5]!,
          floats[6]!,
        );
      } else if (byRows) {
        (f32 ? kernels.gemm_f32_rows_packed : kernels.gemm_f64_rows_packed)(
          control[5]!,
          control[21]!,
          control[7]!,
          m,
          k,
          n,
          control[11]!,
          packA,
          start,
          end,
        );
      } else {
        (f32 ? kernels.gemm_f32_range : kernels.gemm_f64_range)(
          control[5]!,
          control[6]!,
          control[7]!,
          m,
          k,
          n,
          control[11]!,
          control[12]!,
          packA,
          packA + control[17]!,
          0,
          m,
          start,
          end,
        );
      }
    } catch {
      Atomics.store(control, 3, 1);
    }
    if (Atomics.add(control, 1, 1) + 1 === chunks) Atomics.notify(control, 1);
  }
}

/**
 * A worker's life: instantiate the module on the shared memory, report ready (or failed),
 * then wait for jobs on the generation word and claim chunks of each.
 *
 * Self-contained (it runs from its source text in a worker); `runChunks` is
 * {@link runGemmChunks}, passed in the same way.
 * @internal
 */
export function serveGemmWorker(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  control: Int32Array,
  id: number,
  runChunks: (
    kernels: GemmKernelExports,
    control: Int32Array,
    id: number,
    generation: number,
    floats: Float64Array,
  ) => void,
): void {
  const floats = new Float64Array(control.buffer, 912, 7); // CONTROL.floats · 4
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
    // Spin a little (tens of microseconds) before sleeping: products often follow each other
    // that closely, and a futex wake-up costs more. Longer spins measured slower in training:
    // a spinning worker takes the core the garbage collector's threads need. The count of
    // sleepers lets the main thread skip the notify system call when every worker spins.
    for (let spin = 0; spin < 20000 && Atomics.load(control, 0) === seen; spin++);
    Atomics.add(control, 22, 1);
    Atomics.wait(control, 0, seen);
    Atomics.sub(control, 22, 1);
    const generation = Atomics.load(control, 0);
    if (generation === seen) continue;
    seen = generation;
    if (Atomics.load(control, 2) !== 0) return;
    runChunks(kernels, control, id, generation, floats);
  }
}
