import { composeAugmentations, type Augmentation, type Registry } from 'deeptune';
import { UsageError } from '../cli-error.js';
import { resolvePluginName } from './resolve-plugin-name.js';

/** Short names of `--augment` and the plugin and options they stand for. */
const SHORT_NAMES: Readonly<
  Record<string, { readonly plugin: string; readonly options: Record<string, number> }>
> = {
  flip: { plugin: 'horizontal-flip', options: {} },
  shift: { plugin: 'random-shift', options: { maxShift: 2 } },
  rotate: { plugin: 'random-rotation', options: { maxDegrees: 10 } },
  noise: { plugin: 'gaussian-noise', options: { std: 0.1 } },
};

/** Plugins that need the image size. */
const IMAGE_PLUGINS = new Set(['horizontal-flip', 'random-shift', 'random-rotation']);

/**
 * The augmentation `--augment` asks for: `flip` (horizontal flip), `shift` (up to 2 pixels),
 * `rotate` (up to 10°), `noise` (Gaussian, σ 0.1) or augmentation plugin names, applied in order.
 *
 * @param names - the list given.
 * @param registry - the registry.
 * @param imageShape - `[height, width]` of image data, `undefined` for other data.
 * @returns the composed augmentation, or `undefined` for an empty list.
 */
export function buildAugmentation(
  names: readonly string[],
  registry: Registry,
  imageShape: readonly [number, number] | undefined,
): Augmentation | undefined {
  if (names.length === 0) return undefined;
  const parts = names.map((name) => {
    const short = SHORT_NAMES[name];
    const plugin =
      short?.plugin ??
      resolvePluginName(
        registry,
        'augmentation',
        name,
        `--augment (known short names: ${Object.keys(SHORT_NAMES).join(', ')})`,
      );
    const image = IMAGE_PLUGINS.has(plugin);
    if (image && imageShape === undefined) {
      throw new UsageError(
        `--augment ${name}: '${plugin}' transforms images; this dataset is not an image dataset (try --dataset mnist)`,
      );
    }
    const size = image ? { height: imageShape![0], width: imageShape![1] } : {};
    return registry.create('augmentation', plugin, { ...(short?.options ?? {}), ...size });
  });
  return parts.length === 1 ? parts[0] : composeAugmentations(parts);
}
