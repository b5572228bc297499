import { freemem, totalmem } from 'node:os';
import { MAX_TENSOR_ELEMENTS } from 'deeptune';
import type { FlagValue } from '../args/flag.js';
import { UsageError } from '../cli-error.js';
import { formatCount } from '../render/format.js';

/**
 * Copies of every parameter alive during training: the weights, their gradients, two
 * optimizer moments (Adam) and the best epoch's weights kept for Ctrl-C.
 */
const PARAMETER_COPIES = 5;
/** Activation-sized tensors per layer in a training step: z, a and their gradients. */
const ACTIVATION_COPIES = 4;

/** A byte count in GiB with one decimal. */
function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

/**
 * Checks that the network `--layers` asks for can be allocated, before anything is: every
 * weight matrix and every batch of activations must fit in one tensor, and the estimated
 * training memory must fit in the memory available now. Without the data only the layers whose
 * sizes are all known (hidden to hidden) are checked; with it, the input and output layers too.
 *
 * @param values - the command's flag values (`layers`, `batch-size`, `dtype`).
 * @param data - the number of input features and of classes, once the data is loaded.
 * @throws {@link UsageError} naming `--layers` (or `--batch-size`) and the sizes.
 */
export function checkNetworkSize(
  values: ReadonlyMap<string, FlagValue>,
  data: { readonly features: number; readonly classes: number } | undefined,
): void {
  const hidden = values.get('layers') as readonly number[];
  const batchSize = (values.get('batch-size') as number | undefined) ?? 1;
  const bytesPerElement = values.get('dtype') === 'float64' ? 8 : 4;
  const sizes = data === undefined ? [...hidden] : [data.features, ...hidden, data.classes];
  const flag = `--layers ${hidden.join(',')}`;
  // Without the data, sizes[0] is the first hidden layer: pair l is the network's layer l + 1.
  const firstLayer = data === undefined ? 2 : 1;
  let parameters = 0;
  let activations = 0;
  for (let l = 1; l < sizes.length; l++) {
    const [inputs, units] = [sizes[l - 1]!, sizes[l]!];
    const layer = l - 1 + firstLayer;
    const weights = inputs * units;
    if (weights > MAX_TENSOR_ELEMENTS) {
      throw new UsageError(
        `${flag}: layer ${layer} would hold a ${formatCount(inputs)} × ${formatCount(units)} weight matrix (${weights.toExponential(2)} elements); a tensor holds at most ${formatCount(MAX_TENSOR_ELEMENTS)}. Hint: use fewer units`,
      );
    }
    if (batchSize * units > MAX_TENSOR_ELEMENTS) {
      throw new UsageError(
        `--batch-size ${batchSize} with ${flag}: a batch of layer ${layer}'s activations would hold ${(batchSize * units).toExponential(2)} elements; a tensor holds at most ${formatCount(MAX_TENSOR_ELEMENTS)}`,
      );
    }
    parameters += weights + units;
    activations += batchSize * units;
  }
  const bytes = bytesPerElement * (PARAMETER_COPIES * parameters + ACTIVATION_COPIES * activations);
  // Memory available now, not the total: a run that needs more would swap or be killed.
  const available = freemem();
  if (bytes > available) {
    throw new UsageError(
      `${flag}: training this network needs about ${gib(bytes)} (${parameters.toExponential(2)} parameters with their gradients and optimizer state, and a batch of ${formatCount(batchSize)} activations), but only ${gib(available)} of this machine's ${gib(totalmem())} of memory is available. Hint: use fewer units or a smaller --batch-size`,
    );
  }
}
