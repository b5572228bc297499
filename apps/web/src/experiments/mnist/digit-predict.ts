import { predict, tensor, type DType, type Sequential, type Standardizer } from 'deeptune';
import { MNIST_PIXELS } from './mnist-subset.js';

/** What turns 784 pixels into class probabilities. */
export interface DigitClassifier {
  /** The network (outputs logits). */
  readonly model: Sequential;
  /** The dtype of its parameters. */
  readonly dtype: DType;
  /** The training standardizer, if the inputs were standardized. */
  readonly standardizer: Standardizer | null;
  /** Pixels were divided by 255 in training (`false`: 0 … 255). */
  readonly scaled: boolean;
}

/**
 * The class probabilities (softmax of the logits) the classifier gives to images: `images`
 * holds 784 values in [0, 1] per image (pixel / 255), normalized as in training (× 255 when
 * the model saw raw pixels, then the standardizer). One row of 10 numbers per image.
 */
export function digitProbabilities(
  classifier: DigitClassifier,
  images: Float32Array,
): Float32Array | Float64Array {
  const count = images.length / MNIST_PIXELS;
  const values =
    classifier.dtype === 'float64'
      ? new Float64Array(images.length)
      : new Float32Array(images.length);
  const factor = classifier.scaled ? 1 : 255;
  for (let i = 0; i < images.length; i++) values[i] = images[i]! * factor;
  let inputs = tensor(values, { shape: [count, MNIST_PIXELS] });
  if (classifier.standardizer !== null) inputs = classifier.standardizer.transform(inputs);
  return predict(classifier.model, inputs).softmax(1).data;
}
