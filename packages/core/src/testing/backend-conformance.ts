import type { Backend } from '../backend/backend.js';
import { cpuKernels } from '../backend/cpu/cpu-backend.js';
import { KERNEL_NAMES, type KernelName } from '../backend/kernels.js';
import type { DType } from '../tensor/dtype.js';
import {
  conformanceCases,
  type ConformanceCase,
  type ConformanceRun,
} from './conformance-cases.js';
import { KNOWN_VALUES } from './conformance-known-values.js';

/** Settings of {@link backendConformance}. */
export interface BackendConformanceOptions {
  /**
   * The largest relative difference from the `cpu` backend allowed in float32.
   * @defaultValue 1e-5
   */
  readonly rtolFloat32?: number;
  /**
   * The largest relative difference from the `cpu` backend allowed in float64.
   * @defaultValue 1e-12
   */
  readonly rtolFloat64?: number;
  /**
   * The kernels to check; by default every kernel the backend provides (the others run on
   * the `cpu` backend anyway).
   */
  readonly kernels?: readonly KernelName[];
}

/** One case a backend got wrong. */
export interface BackendConformanceFailure {
  /** The kernel. */
  readonly kernel: KernelName;
  /** The dtype of the case (`'float64'` for hand-computed known values). */
  readonly dtype: DType;
  /** The case, e.g. `'Aᵀ·B, m=33 k=65 n=17'`. */
  readonly description: string;
  /** What differed: the first offending element, what it was and what was expected. */
  readonly message: string;
}

/** What {@link backendConformance} checked and what failed. */
export interface BackendConformanceReport {
  /** The backend's name. */
  readonly backend: string;
  /** The kernels compared with the `cpu` backend. */
  readonly kernels: readonly KernelName[];
  /** How many cases ran (comparisons with `cpu` plus hand-computed known values). */
  readonly cases: number;
  /** Every case that failed; empty when the backend conforms. */
  readonly failures: readonly BackendConformanceFailure[];
}

type AnyKernel = (args: object) => void;
type NumericArray = ArrayLike<number>;

function format(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

/**
 * The first element where `got` differs from `want` by more than `rtol` relative to the
 * element's scale (NaN must match NaN, infinities must be equal, and `exact` allows no
 * difference at all).
 */
function firstDifference(
  got: NumericArray,
  want: NumericArray,
  rtol: number,
  exact: boolean,
  scale: Float64Array | undefined,
): string | undefined {
  if (got.length !== want.length) return `has ${got.length} elements, expected ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (Number.isNaN(w) || Number.isNaN(g)) {
      if (Number.isNaN(w) && Number.isNaN(g)) continue;
      return `element ${i} is ${format(g)}, expected ${format(w)}`;
    }
    if (g === w) continue;
    if (exact || !Number.isFinite(w) || !Number.isFinite(g)) {
      return `element ${i} is ${format(g)}, expected exactly ${format(w)}`;
    }
    const magnitude = Math.max(Math.abs(w), scale === undefined ? 0 : scale[i]!);
    const difference = Math.abs(g - w);
    if (difference > rtol * magnitude) {
      return `element ${i} is ${format(g)}, expected ${format(w)} (difference ${difference.toExponential(2)} > ${rtol} × ${magnitude.toExponential(2)})`;
    }
  }
  return undefined;
}

/** The typed arrays among a kernel's arguments, by name, other than `out`. */
function inputArrays(run: ConformanceRun): [string, NumericArray][] {
  const written = new Set(run.inPlace?.map((result) => result.name));
  return Object.entries(run.args).filter(
    (entry): entry is [string, NumericArray] =>
      entry[0] !== 'out' &&
      entry[1] !== run.out &&
      !written.has(entry[0]) &&
      ArrayBuffer.isView(entry[1]),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Runs one case on the backend's kernel and on the cpu kernel; the failure, if any. */
function checkCase(testCase: ConformanceCase, kernel: AnyKernel, rtol: number): string | undefined {
  const reference = testCase.build();
  (cpuKernels[testCase.kernel] as AnyKernel)(reference.args);
  const run = testCase.build();
  try {
    kernel(run.args);
  } catch (error) {
    return `threw ${messageOf(error)}`;
  }
  const difference = firstDifference(run.out, reference.out, rtol, testCase.exact, reference.scale);
  if (difference !== undefined) return `out: ${difference}`;
  const written = reference.inPlace ?? [];
  for (let i = 0; i < written.length; i++) {
    const want = written[i]!;
    const got = run.inPlace![i]!;
    const differs = firstDifference(got.array, want.array, rtol, testCase.exact, want.scale);
    if (differs !== undefined) return `${want.name}: ${differs}`;
  }
  const pristine = testCase.build();
  const before = new Map(inputArrays(pristine));
  for (const [name, after] of inputArrays(run)) {
    const changed = firstDifference(after, before.get(name)!, 0, true, undefined);
    if (changed !== undefined) return `changed its input '${name}': ${changed}`;
  }
  return undefined;
}

/**
 * Checks a backend against the reference `cpu` backend: every kernel the backend provides,
 * in float32 and float64, at odd sizes, sizes that are not multiples of any block, 1×1 and
 * empty, with NaN and infinities, broadcasting and in-place writes; plus hand-computed
 * results for the main kernels (run on the backend's kernel, or the `cpu` one it falls back
 * to). Results must agree with `cpu` within `rtol` relative to each element's magnitude (for a
 * matrix product, to `|A|·|B|`; for a sum, to `Σ|x|`); copies, selections and comparisons
 * must agree exactly; inputs must be left unchanged; every output element must be written.
 *
 * Framework-agnostic: it returns a report instead of asserting. In vitest:
 *
 * @example
 * ```ts
 * import { backendConformance } from '@deeptune/core/testing';
 *
 * it('conforms', () => {
 *   const report = backendConformance(myBackend);
 *   expect(report.failures).toEqual([]);
 * });
 * ```
 */
export function backendConformance(
  backend: Backend,
  options: BackendConformanceOptions = {},
): BackendConformanceReport {
  const provided = KERNEL_NAMES.filter((name) => backend.kernels[name] !== undefined);
  const checked = options.kernels ?? provided;
  const wanted = new Set<KernelName>(checked);
  const rtolOf = (dtype: DType): number =>
    dtype === 'float32' ? (options.rtolFloat32 ?? 1e-5) : (options.rtolFloat64 ?? 1e-12);
  const kernelOf = (name: KernelName): AnyKernel =>
    (backend.kernels[name] ?? cpuKernels[name]) as AnyKernel;
  const failures: BackendConformanceFailure[] = [];
  let cases = 0;
  for (const testCase of conformanceCases()) {
    if (!wanted.has(testCase.kernel)) continue;
    cases++;
    const message = checkCase(testCase, kernelOf(testCase.kernel), rtolOf(testCase.dtype));
    if (message !== undefined) {
      failures.push({
        kernel: testCase.kernel,
        dtype: testCase.dtype,
        description: testCase.description,
        message,
      });
    }
  }
  for (const known of KNOWN_VALUES) {
    cases++;
    const { args, out } = known.build();
    let message: string | undefined;
    try {
      kernelOf(known.kernel)(args);
      message = firstDifference(out, known.expected, 1e-15, false, undefined);
    } catch (error) {
      message = `threw ${messageOf(error)}`;
    }
    if (message !== undefined) {
      failures.push({
        kernel: known.kernel,
        dtype: 'float64',
        description: `known value: ${known.description}`,
        message: `out: ${message}`,
      });
    }
  }
  return { backend: backend.name, kernels: checked, cases, failures };
}

/**
 * Throws an `Error` listing the failures (the first 20) unless the backend passes
 * {@link backendConformance}; returns the report when it does.
 *
 * @example
 * ```ts
 * import { assertBackendConformance } from '@deeptune/core/testing';
 *
 * const report = assertBackendConformance(myBackend);
 * console.log(`${report.backend}: ${report.cases} cases passed`);
 * ```
 */
export function assertBackendConformance(
  backend: Backend,
  options: BackendConformanceOptions = {},
): BackendConformanceReport {
  const report = backendConformance(backend, options);
  if (report.failures.length > 0) {
    const lines = report.failures
      .slice(0, 20)
      .map((f) => `  ${f.kernel} (${f.dtype}, ${f.description}): ${f.message}`);
    const more = report.failures.length > 20 ? `\n  … and ${report.failures.length - 20} more` : '';
    throw new Error(
      `backend '${report.backend}' fails ${report.failures.length} of ${report.cases} conformance cases:\n${lines.join('\n')}${more}`,
    );
  }
  return report;
}
