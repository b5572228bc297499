import {
  ConfigError,
  DTypeError,
  ShapeError,
  isTensor,
  getDefaultRng,
  linear,
  validateOptions,
  zeros,
  formatShape,
} from '@deeptune/core';
import type { DType, Initializer, Tensor } from '@deeptune/core';
import { Module } from '../module/module.js';
import type { ActivationFunction } from '../activations/activation-function.js';
import type { ActivationId } from '../activations/activation-id.js';
import {
  frozenActivationOptions,
  type ActivationOptions,
} from '../activations/activation-options.js';
import { resolveActivation } from '../activations/resolve-activation.js';
import { inBackendMemory } from '../internal/in-backend-memory.js';
import { withoutRegistry } from '../internal/without-registry.js';
import { defaultInitializerFor } from '../initializers/default-initializer.js';
import { resolveInitializer } from '../initializers/resolve-initializer.js';
import { denseOptionsSchema, type DenseOptions } from './dense-options.js';

/** The start of option messages: the same as `registry.create('layer', 'dense', …)`'s. */
const OPTIONS_WHERE = "layer 'dense'";
/** The start of the layer's own messages (activation lookup, initializer output, inputs). */
const WHERE = 'Dense';

/**
 * A fully connected layer: `A = g(X·W + b)` for a batch `X` of shape `[m, inputs]`, with
 * weights `W: [inputs, units]`, bias `b: [units]` and activation g.
 *
 * Batch-first, so the course's column-wise `Z = W·X + b` (W is `units × inputs`, X is
 * `inputs × m`) is the transpose of what is computed here; the numbers are the same.
 *
 * - Parameters: `weight` (role `'weight'`, penalised by L1/L2) and, unless `useBias` is
 *   false, `bias` (role `'bias'`, starts at zero). Their storage comes from the backend's
 *   `allocateStateStorage`: on the multi-threaded wasm backend it is a view into the
 *   WebAssembly memory, where its kernels read it without copies. Read it as the typed array
 *   it is (`weight.data`, or `weight.data.slice()` for a copy), not through `data.buffer`,
 *   which is then the whole memory (its `byteOffset` and `byteLength` say where the values
 *   are). The initializer's tensor is copied in, not kept.
 * - Activation: a built-in name, which needs no registry, or the name of an activation
 *   plugin, created by `registry` (default `getDefaultRegistry()`; the `dense` layer plugin
 *   passes the registry creating the layer) with `activationOptions` validated by that
 *   plugin's schema. See {@link resolveActivation}.
 * - Default initialization: He normal N(0, 2/nIn) for `'relu'` and `'leaky-relu'`; the
 *   course's Xavier N(0, 1/nIn) for `'tanh'`, `'sigmoid'`, `'softmax'`, `'linear'` and
 *   plugin activations (see {@link defaultInitializerFor}). Pass `initializer` to choose
 *   another.
 * - `useBias: false` is for a layer followed by batch norm, whose shift β does the bias's
 *   job; `summary()` then shows `Dense(784 → 128, relu, no bias)`.
 * - For a classifier trained with `softmaxCrossEntropy` (or `binaryCrossEntropy`), keep the
 *   last layer `'linear'`: those losses take logits and apply the softmax (sigmoid) themselves.
 *
 * @category Layers
 *
 * @example
 * ```ts
 * const rng = new Rng(0);
 * const model = new Sequential([
 *   new Dense({ inputs: 784, units: 128, activation: 'relu', rng }), // He normal
 *   new Dense({ inputs: 128, units: 10, rng }), // logits, Xavier normal
 * ]);
 * const images = randn([32, 784], { rng });
 * const labels = tensor(Array.from({ length: 32 }, (_, i) => i % 10));
 * const loss = softmaxCrossEntropy(model.forward(images), labels);
 * loss.backward();
 * console.log(model.summary([784])); // dense1  Dense(784 → 128, relu)  [-1, 128]  100480 …
 *
 * // an activation plugin (defined with definePlugin({ kind: 'activation', … }))
 * const registry = createRegistry({ plugins: [plugin, acmePlugin] });
 * const swish = new Dense({
 *   inputs: 784,
 *   units: 128,
 *   activation: 'acme:swish',
 *   activationOptions: { beta: 1.5 },
 *   registry,
 * });
 * ```
 */
export class Dense extends Module {
  /** @inheritDoc */
  readonly typeName = 'Dense';
  /** The number of input features nIn. */
  readonly inputs: number;
  /** The number of units nOut. */
  readonly units: number;
  /** The activation applied after the affine map, e.g. `'relu'` or `'acme:swish'`. */
  readonly activation: ActivationId;
  /** The options the activation was created with, as given (`{}` for its defaults). */
  readonly activationOptions: ActivationOptions;
  /** Whether the layer has a bias. */
  readonly useBias: boolean;
  /** The dtype of the parameters and of accepted inputs. */
  readonly dtype: DType;
  /** The weights W, `[inputs, units]`. */
  readonly weight: Tensor;
  /** The bias b, `[units]`, or `null` when `useBias` is false. */
  readonly bias: Tensor | null;
  readonly #apply: ActivationFunction;
  /** The built-in relu runs fused into the affine map (bit for bit the same). */
  readonly #fuseRelu: boolean;

  /**
   * @param options - sizes, activation and its options, bias, initializer, dtype, generator
   *   and the registry of activation plugins.
   * @throws {@link @deeptune/core!ConfigError} when an option is missing, unknown or of the
   *   wrong type, with the message of the `dense` plugin's schema (`layer 'dense': option
   *   'initializer' must be …`), or when the activation is unknown (the closest name is
   *   suggested and the known activations are listed).
   * @throws {@link @deeptune/core!InvalidHyperparameterError} when a size or an activation
   *   option is out of range (the activation's message is the one its plugin gives).
   * @throws {@link @deeptune/core!ShapeError} / {@link @deeptune/core!DTypeError} when a
   *   custom initializer returns a tensor of the wrong shape or dtype.
   */
  constructor(options: DenseOptions) {
    super();
    // The plugin's schema, with the plugin's `where`: `new Dense(options)` and
    // `registry.create('layer', 'dense', options)` report a bad option in the same words.
    const { registry, options: rest } = withoutRegistry(OPTIONS_WHERE, options);
    const { inputs, units, activation, activationOptions, useBias, initializer, dtype, rng } =
      validateOptions(OPTIONS_WHERE, denseOptionsSchema, rest);
    this.inputs = inputs;
    this.units = units;
    this.activation = activation;
    this.activationOptions = frozenActivationOptions(activationOptions);
    this.useBias = useBias;
    this.dtype = dtype;
    // Before the weights are allocated: an unknown activation costs nothing.
    this.#fuseRelu = activation === 'relu';
    this.#apply = resolveActivation(activation, {
      activationOptions: this.activationOptions,
      where: WHERE,
      ...(registry === undefined ? {} : { registry }),
    });
    const initialize: Initializer =
      typeof initializer === 'function'
        ? initializer
        : resolveInitializer(initializer ?? defaultInitializerFor(activation), WHERE);
    const weight = initialize([inputs, units], {
      dtype,
      rng: rng ?? getDefaultRng(),
      fanIn: inputs,
      fanOut: units,
    });
    this.#checkInitialized(weight);
    // In the backend's memory where it has one: its kernels then read them without copies.
    this.weight = this.registerParameter('weight', inBackendMemory(WHERE, weight), 'weight');
    this.bias = useBias
      ? this.registerParameter('bias', inBackendMemory(WHERE, zeros([units], { dtype })), 'bias')
      : null;
  }

  /** @inheritDoc */
  protected call(input: Tensor): Tensor {
    this.#checkInput(input);
    // One fused kernel for x·W + b (bit for bit the matmul followed by the add), and for
    // relu(x·W + b) with the built-in relu (bit for bit linear followed by relu).
    if (this.#fuseRelu) return linear(input, this.weight, this.bias, { relu: true });
    return this.#apply(linear(input, this.weight, this.bias));
  }

  /** The sizes, activation and bias, e.g. `'784 → 128, relu, no bias'`. */
  override describe(): string {
    return `${this.inputs} → ${this.units}, ${this.activation}${this.useBias ? '' : ', no bias'}`;
  }

  #checkInitialized(weight: unknown): asserts weight is Tensor {
    const expected = `[${this.inputs}, ${this.units}]`;
    if (!isTensor(weight)) {
      throw new ShapeError(
        `${WHERE} (${this.describe()}): the initializer returned ${String(weight)}, expected a ${this.dtype} tensor ${expected}.`,
      );
    }
    const tensor = weight;
    if (!tensor.isLeaf) {
      throw new ConfigError(
        `${WHERE} (${this.describe()}): the initializer returned a tensor computed from tensors that require gradients; a parameter must be a leaf. ` +
          'Hint: return value.detach(), or compute it inside noGrad().',
      );
    }
    if (
      tensor.shape.length !== 2 ||
      tensor.shape[0] !== this.inputs ||
      tensor.shape[1] !== this.units
    ) {
      throw new ShapeError(
        `${WHERE} (${this.describe()}): the initializer returned shape ${formatShape(tensor.shape)}, expected ${expected}.`,
      );
    }
    if (tensor.dtype !== this.dtype) {
      throw new DTypeError(
        `${WHERE} (${this.describe()}): the initializer returned ${tensor.dtype} values, expected ${this.dtype}. ` +
          'Hint: create the tensor with the dtype from the initializer context.',
      );
    }
  }

  #checkInput(input: Tensor): void {
    const shape = input.shape;
    if (shape.length !== 2 || shape[1] !== this.inputs) {
      const hint =
        shape.length > 2
          ? ` Hint: flatten each example first, e.g. x.reshape([${shape[0]}, ${this.inputs}]).`
          : shape.length === 2
            ? ` Hint: the input has ${shape[1]} features; set inputs: ${shape[1]} or fix the layer before.`
            : shape.length === 1
              ? ` Hint: a single example is [1, ${shape[0]}].`
              : '';
      throw new ShapeError(
        `${WHERE} (${this.describe()}): expected input [m, ${this.inputs}], got ${formatShape(shape)}.${hint}`,
      );
    }
    if (input.dtype !== this.dtype) {
      throw new DTypeError(
        `${WHERE} (${this.describe()}): the input is ${input.dtype} but the parameters are ${this.dtype}. ` +
          `Hint: create the layer with dtype: '${input.dtype}' or cast the input with x.cast('${this.dtype}').`,
      );
    }
  }
}
