import {
  cpuBackend,
  type AdamKernelArgs,
  type ReluBackwardKernelArgs,
  type KernelTable,
  type Storage,
  type UnaryKernelArgs,
} from '@deeptune/core';
import type { WasmGemm } from './wasm-gemm.js';

/** Byte alignment of each operand copied into the linear memory (one v128). */
const ALIGN = 16;

function align(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}

/** The kernels besides `matmul` that the wasm backend runs in WebAssembly. */
export type WasmVectorKernels = Required<
  Pick<KernelTable, 'adam' | 'relu' | 'step' | 'reluBackward'>
>;

/**
 * The wasm backend's single-threaded kernels: Adam's step (f32x4 in float32, f64x2 in
 * float64) and the element-wise `relu`, `step` and `reluBackward`, each copying its operands into the
 * module's memory, running one SIMD loop and copying the results out.
 *
 * Measured on one MNIST epoch (784-256-128-10, batch 128), these are where WebAssembly pays
 * despite the copies: the JavaScript `relu` mispredicts a branch per element (7 ns), and
 * Adam's square root and two divisions per parameter run two or four lanes at a time. Mixed
 * dtypes (never produced by the public ops) run on the cpu kernels.
 *
 * `adam` computes in the dtype's own precision, as PyTorch does: in float64 its results equal
 * the cpu kernel's bit for bit; in float32 each operation rounds to float32 (the cpu kernel
 * computes in float64 and rounds once), within 1e-5 relative of it.
 * @internal
 */
export function wasmVectorKernels(gemm: WasmGemm): WasmVectorKernels {
  const exports = gemm.kernels;
  const cpu = cpuBackend.kernels;

  const elementwise =
    (
      f32: (x: number, out: number, n: number) => void,
      f64: typeof f32,
      fallback: (args: UnaryKernelArgs) => void,
    ) =>
    (args: UnaryKernelArgs): void => {
      const { x, out } = args;
      const n = x.length;
      if (n === 0) return;
      const isF32 = x instanceof Float32Array && out instanceof Float32Array;
      if (!isF32 && !(x instanceof Float64Array && out instanceof Float64Array)) {
        fallback(args);
        return;
      }
      const size = isF32 ? 4 : 8;
      const scratch = gemm.scratch(n * size);
      const heap = isF32 ? scratch.f32 : scratch.f64;
      const at = scratch.base / size;
      heap.set(x, at);
      (isF32 ? f32 : f64)(scratch.base, scratch.base, n);
      out.set(heap.subarray(at, at + n));
    };

  const reluBackward = (args: ReluBackwardKernelArgs): void => {
    const { x, dy, out } = args;
    const n = x.length;
    if (n === 0) return;
    const isF32 = allOf(Float32Array, x, dy, out);
    if (!isF32 && !allOf(Float64Array, x, dy, out)) {
      cpu.reluBackward(args);
      return;
    }
    const size = isF32 ? 4 : 8;
    const stride = align(n * size);
    const scratch = gemm.scratch(2 * stride);
    const heap = isF32 ? scratch.f32 : scratch.f64;
    const xAt = scratch.base;
    const dyAt = xAt + stride;
    heap.set(x, xAt / size);
    heap.set(dy, dyAt / size);
    (isF32 ? exports.relu_backward_f32 : exports.relu_backward_f64)(xAt, dyAt, dyAt, n);
    out.set(heap.subarray(dyAt / size, dyAt / size + n));
  };

  /** The hyperparameters of the current step, rounded as the kernel takes them. */
  const hyperparameters = [0, 0, 0, 0, 0, 0, 0];
  const adam = (args: AdamKernelArgs): void => {
    const { param, grad, m, v } = args;
    const n = param.length;
    if (n === 0) return;
    const isF32 = allOf(Float32Array, param, grad, m, v);
    if (!isF32 && !allOf(Float64Array, param, grad, m, v)) {
      cpu.adam(args);
      return;
    }
    const size = isF32 ? 4 : 8;
    const stride = align(n * size);
    // Moments and parameters from allocateState live in the module's memory: no copies.
    const resident = gemm.isResident(m) && gemm.isResident(v);
    const residentParam = gemm.isResident(param);
    const scratch = gemm.scratch((residentParam ? 1 : 2) * stride + (resident ? 0 : 2 * stride));
    const heap = isF32 ? scratch.f32 : scratch.f64;
    const paramAt = residentParam ? param.byteOffset : scratch.base;
    const gradAt = residentParam ? scratch.base : scratch.base + stride;
    const mAt = resident ? m.byteOffset : gradAt + stride;
    const vAt = resident ? v.byteOffset : mAt + stride;
    if (!residentParam) heap.set(param, paramAt / size);
    heap.set(grad, gradAt / size);
    if (!resident) {
      heap.set(m, mAt / size);
      heap.set(v, vAt / size);
    }
    // The f32 kernel rounds each argument to f32; 1 − β is rounded here, from the exact β,
    // so that both precisions round it once, as the cpu kernel does.
    const round = isF32 ? Math.fround : identity;
    hyperparameters[0] = args.beta1;
    hyperparameters[1] = round(1 - args.beta1);
    hyperparameters[2] = args.beta2;
    hyperparameters[3] = round(1 - args.beta2);
    hyperparameters[4] = args.epsilon;
    hyperparameters[5] = args.stepSize;
    hyperparameters[6] = args.correction2Sqrt;
    gemm.adamInMemory(isF32, paramAt, gradAt, mAt, vAt, n, hyperparameters);
    if (!residentParam) param.set(heap.subarray(paramAt / size, paramAt / size + n));
    if (!resident) {
      m.set(heap.subarray(mAt / size, mAt / size + n));
      v.set(heap.subarray(vAt / size, vAt / size + n));
    }
  };

  return {
    adam,
    relu: elementwise(exports.relu_f32, exports.relu_f64, cpu.relu),
    step: elementwise(exports.step_f32, exports.step_f64, cpu.step),
    reluBackward,
  };
}

/** `value` itself: float64 hyperparameters need no rounding. */
function identity(value: number): number {
  return value;
}

/** Whether every array is an instance of `type`. */
function allOf(
  type: typeof Float32Array | typeof Float64Array,
  ...arrays: readonly Storage[]
): boolean {
  return arrays.every((array) => array instanceof type);
}
