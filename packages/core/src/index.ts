/**
 * The tensor core of deeptune: `float32`/`float64` tensors, reverse-mode automatic
 * differentiation, a seeded platform-independent random number generator, the pluggable
 * compute backend, typed errors, and the plugin registry every deeptune package uses.
 *
 * ```ts
 * import { tensor, randn, Rng } from '@deeptune/core';
 *
 * const rng = new Rng(0);
 * const x = randn([4, 3], { rng });
 * const w = randn([3, 2], { rng, requiresGrad: true });
 * const loss = x.matmul(w).relu().mean();
 * loss.backward();
 * console.log(w.grad!.shape); // [3, 2]
 * ```
 *
 * @packageDocumentation
 * @mergeModuleWith <project>
 */

// Tensors
export { Tensor } from './tensor/tensor.js';
export { isTensor } from './tensor/is-tensor.js';
export type { NestedArray } from './tensor/tensor.js';
export { DTYPES } from './tensor/dtype.js';
export type { DType, Storage, StorageFor } from './tensor/dtype.js';
export type { Shape } from './tensor/shape.js';
export { MAX_TENSOR_ELEMENTS } from './tensor/shape.js';

// Creation
export { tensor } from './creation/tensor.js';
export type { TensorOptions } from './creation/tensor.js';
export type { CreationOptions } from './creation/creation-options.js';
export { zeros, zerosLike } from './creation/zeros.js';
export { ones, onesLike } from './creation/ones.js';
export { full, fullLike } from './creation/full.js';
export { arange } from './creation/arange.js';
export { eye } from './creation/eye.js';
export { randn, rand, uniform } from './creation/random.js';
export type { RandomOptions, RandnOptions } from './creation/random.js';

// Ops
export type { TensorLike } from './ops/internal/operands.js';
export { add } from './ops/add.js';
export { sub } from './ops/sub.js';
export { mul } from './ops/mul.js';
export { div } from './ops/div.js';
export { pow } from './ops/pow.js';
export { maximum } from './ops/maximum.js';
export { minimum } from './ops/minimum.js';
export { neg } from './ops/neg.js';
export { exp } from './ops/exp.js';
export { log } from './ops/log.js';
export { log1p } from './ops/log1p.js';
export { sqrt } from './ops/sqrt.js';
export { abs } from './ops/abs.js';
export { square } from './ops/square.js';
export { clip } from './ops/clip.js';
export { relu } from './ops/relu.js';
export { leakyRelu } from './ops/leaky-relu.js';
export { sigmoid } from './ops/sigmoid.js';
export { tanh } from './ops/tanh.js';
export { matmul } from './ops/matmul.js';
export type { MatmulOptions } from './ops/matmul.js';
export { linear, type LinearOptions } from './ops/linear.js';
export { transpose } from './ops/transpose.js';
export { reshape } from './ops/reshape.js';
export { slice } from './ops/slice.js';
export { gather } from './ops/gather.js';
export { concat } from './ops/concat.js';
export { broadcastTo } from './ops/broadcast-to.js';
export { cast } from './ops/cast.js';
export { detach } from './ops/detach.js';
export { sum } from './ops/sum.js';
export { mean } from './ops/mean.js';
export { max } from './ops/max.js';
export { min } from './ops/min.js';
export { argmax } from './ops/argmax.js';
export { argmin } from './ops/argmin.js';
export { variance } from './ops/variance.js';
export { logSumExp } from './ops/log-sum-exp.js';
export { softmax } from './ops/softmax.js';
export { logSoftmax } from './ops/log-softmax.js';
export { equal, notEqual, less, lessEqual, greater, greaterEqual } from './ops/compare.js';
export { where } from './ops/where.js';
export { customOp } from './ops/custom-op.js';
export type { CustomOpDefinition } from './ops/custom-op.js';

// Autograd
export { noGrad, isGradEnabled } from './autograd/grad-mode.js';
export { valueAndGrad } from './autograd/value-and-grad.js';
export type { ValueAndGrad } from './autograd/value-and-grad.js';

// Backends
export type { Backend } from './backend/backend.js';
export type {
  KernelSignatures,
  KernelName,
  KernelFunction,
  KernelTable,
  CompleteKernelTable,
  UnaryKernelName,
  BinaryKernelName,
  ReduceKernelName,
  UnaryKernelArgs,
  LeakyReluKernelArgs,
  PowScalarKernelArgs,
  ClipKernelArgs,
  AffineKernelArgs,
  BinaryKernelArgs,
  ReduceKernelArgs,
  MatmulKernelArgs,
  WhereKernelArgs,
  SoftmaxKernelArgs,
  SoftmaxBackwardKernelArgs,
  TransposeKernelArgs,
  SliceKernelArgs,
  SliceAssignKernelArgs,
  RowsKernelArgs,
  AdamKernelArgs,
  ReluBackwardKernelArgs,
  LinearKernelArgs,
  LinearBackwardKernelArgs,
} from './backend/kernels.js';
export { KERNEL_NAMES, UNARY_KERNELS, BINARY_KERNELS, REDUCE_KERNELS } from './backend/kernels.js';
export { getBackend, setBackend, runKernel, kernelProvider } from './backend/default-backend.js';
export { allocateStateStorage } from './backend/allocate-storage.js';
export { cpuBackend } from './backend/cpu/cpu-backend.js';
export type { CpuBackend } from './backend/cpu/cpu-backend.js';

// Random numbers
export { Rng } from './random/rng.js';
export type { RngState } from './random/rng.js';
export { getDefaultRng, setDefaultRng, seed } from './random/default-rng.js';

// Portable math: results bit-identical on every JavaScript engine
export { portableExp } from './math/portable-exp.js';
export { portableLog } from './math/portable-log.js';
export { portableLog1p } from './math/portable-log1p.js';
export { portablePow } from './math/portable-pow.js';
export { portableSinCos } from './math/portable-sin-cos.js';
export { portableTanh } from './math/portable-tanh.js';

// Errors
export { DeeptuneError } from './errors/deeptune-error.js';
export type { DeeptuneErrorOptions } from './errors/deeptune-error.js';
export { ShapeError } from './errors/shape-error.js';
export { DTypeError } from './errors/dtype-error.js';
export { ConfigError } from './errors/config-error.js';
export { InvalidHyperparameterError } from './errors/invalid-hyperparameter-error.js';
export { UnknownPluginError } from './errors/unknown-plugin-error.js';
export { PluginConflictError } from './errors/plugin-conflict-error.js';
export { IncompatiblePluginError } from './errors/incompatible-plugin-error.js';
export { IncompatibleCopyError } from './errors/incompatible-copy-error.js';
export { KernelNotFoundError } from './errors/kernel-not-found-error.js';
export { NumericError } from './errors/numeric-error.js';
export { GradcheckError } from './errors/gradcheck-error.js';
export { DataFormatError } from './errors/data-format-error.js';
export { StateDictError } from './errors/state-dict-error.js';
export { DivergenceError } from './errors/divergence-error.js';

// Copies of @deeptune/core in one process (an app and a plugin with its own install)
export { CORE_VERSION, loadedCoreCopies } from './copies/core-copy.js';
export type { CoreCopy } from './copies/core-copy.js';
export { defineBrand } from './copies/define-brand.js';
export type { Brand } from './copies/define-brand.js';

// Warnings
export { getLogger, setLogger, warnOnce } from './errors/logger.js';
export type { Logger } from './errors/logger.js';
export { describeValue } from './format/describe-value.js';
export type { DescribeValueOptions } from './format/describe-value.js';
export { formatShape } from './format/format-shape.js';

// Model contracts
export type { ParameterRole, NamedParameter } from './model/named-parameter.js';
export {
  TRAINING_MODE,
  INFERENCE_MODE,
  DETERMINISTIC_TRAINING_MODE,
} from './model/forward-mode.js';
export type { ForwardMode } from './model/forward-mode.js';
export type { Model } from './model/model.js';
export type { StateDict, LoadStateDictOptions, LoadStateDictResult } from './model/state-dict.js';
export type { Loss } from './model/loss.js';
export type { Regularizer } from './model/regularizer.js';
export type { Initializer, InitializerContext } from './model/initializer.js';
export type { Augmentation } from './model/augmentation.js';
export type {
  Callback,
  CallbackContext,
  CallbackLogsContext,
  TrainEndContext,
  TrainingLogs,
} from './model/callback.js';
export {
  MONITOR_PATTERN,
  defaultMonitorMode,
  isMonitorName,
  readMonitor,
} from './model/read-monitor.js';
export { computeCost } from './model/compute-cost.js';
export type { CostInputs, CostParts } from './model/compute-cost.js';

// Plugin registry
export { PLUGIN_KINDS, isPluginKind } from './registry/plugin-kinds.js';
export type { PluginKind, PluginProducts, PluginProduct } from './registry/plugin-kinds.js';
export { PLUGIN_API_VERSION } from './registry/plugin-api-version.js';
export type {
  KnownPlugins,
  PluginEntryFor,
  PluginOptionsFor,
  PluginProductFor,
} from './registry/known-plugins.js';
export { option } from './registry/option.js';
export type {
  NumberConstraints,
  OptionCommon,
  NumberOption,
  BooleanOption,
  StringOption,
  EnumOption,
  NumberListOption,
  CustomOption,
  OptionSpec,
  OptionType,
  OptionsSchema,
  OptionValue,
  OptionsOf,
  OptionsInputOf,
} from './registry/option-schema.js';
export { validateOptions } from './registry/validate-options.js';
export { describeSchema } from './registry/describe-schema.js';
export { describeExpectation } from './registry/check-option-value.js';
export { parseOptionText } from './registry/parse-option-text.js';
export type { OptionDescription } from './registry/describe-schema.js';
export { closestMatch } from './registry/closest-match.js';
export { definePlugin } from './registry/define-plugin.js';
export type { PluginContext } from './registry/plugin-context.js';
export type {
  PluginDefinition,
  PluginEntry,
  PluginCreateArguments,
} from './registry/define-plugin.js';
export { definePluginPackage } from './registry/define-plugin-package.js';
export type { PluginPackage, PluginPackageDefinition } from './registry/define-plugin-package.js';
export { Registry } from './registry/registry.js';
export type { Disposer, RegisterOptions } from './registry/registry.js';
export { createRegistry } from './registry/create-registry.js';
export type { CreateRegistryOptions } from './registry/create-registry.js';
export { getDefaultRegistry, setDefaultRegistry } from './registry/default-registry.js';

// This package's plugins
export { plugin, register, cpuBackendPlugin } from './plugin.js';
