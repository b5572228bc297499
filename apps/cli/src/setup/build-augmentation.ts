import { composeAugmentations, type Augmentation } from 'deeptune';
import type { Flag } from '../args/flag.js';
import { UsageError } from '../cli-error.js';
import { chooseListPlugins, createChosen, type ChoiceSource } from '../args/plugin-choice.js';

/**
 * Builds the augmentation `--augment` names (plugins or the flag's presets such as `shift`),
 * with their options from `--augment.<name>.<option>` and the config file. Plugins whose
 * schema has `height` and `width` options transform images: they get the dataset's image size,
 * and are refused for data that is not made of images.
 *
 * @param source - the registry, flag values and plugin options of the command.
 * @param flag - the `--augment` flag (its presets).
 * @param imageShape - `[height, width]` of an image dataset, else `undefined`.
 * @returns the augmentation, or `undefined` for none.
 * @throws {@link UsageError} for an unknown augmentation or an image augmentation of non-image
 *   data; the schema's error for an invalid option.
 */
export function buildAugmentation(
  source: ChoiceSource,
  flag: Flag,
  imageShape: readonly [number, number] | undefined,
): Augmentation | undefined {
  const chosen = chooseListPlugins(source, flag);
  if (chosen.length === 0) return undefined;
  const parts = chosen.map((plugin) => {
    const schema = source.registry.get('augmentation', plugin.name).options;
    const image = 'height' in schema && 'width' in schema;
    if (image && imageShape === undefined) {
      throw new UsageError(
        `--augment: '${plugin.name}' transforms images; this dataset is not an image dataset (try --dataset mnist)`,
      );
    }
    for (const option of image ? ['height', 'width'] : []) {
      const where = plugin.sources.get(option);
      if (where !== undefined) {
        throw new UsageError(
          `${where}: the image size of '${plugin.name}' is the dataset's (${imageShape!.join('×')}); leave it out`,
        );
      }
    }
    const size = image ? { height: imageShape![0], width: imageShape![1] } : {};
    return createChosen(source.registry, plugin, size) as Augmentation;
  });
  return parts.length === 1 ? parts[0] : composeAugmentations(parts);
}
