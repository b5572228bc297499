import { Tensor, allocateStateStorage } from '@deeptune/core';

/**
 * A copy of `tensor` whose storage comes from the active backend's long-lived state
 * allocation (`allocateStateStorage`): on the multi-threaded wasm backend that is the
 * module's own memory, where its matrix products and optimizer kernels read a layer's
 * weights in place instead of copying them in every step. On the cpu backend it is an
 * ordinary array. The copy is a leaf with the same values, shape and dtype.
 *
 * @param where - the layer, for messages (e.g. `'Dense'`).
 * @internal
 */
export function inBackendMemory(where: string, tensor: Tensor): Tensor {
  const data = allocateStateStorage(where, tensor.dtype, tensor.shape);
  data.set(tensor.data);
  return new Tensor(data, tensor.shape);
}
