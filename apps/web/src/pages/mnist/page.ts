import subsetUrl from '../../../generated/mnist-subset.bin?url';
import { definePage } from '../../app/page.js';
import { nextSeed } from '../../app/seed-param.js';
import { ConfusionMatrix } from '../../charts/confusion-matrix.js';
import { LineChart } from '../../charts/line-chart.js';
import { ProbabilityBars } from '../../charts/probability-bars.js';
import { digitProbabilities, type DigitClassifier } from '../../experiments/mnist/digit-predict.js';
import type { MnistTrainConfig } from '../../experiments/mnist/mnist-config.js';
import { DIGITS, type MnistSnapshot } from '../../experiments/mnist/mnist-job.js';
import {
  MAX_SUBSET_BYTES,
  MNIST_PIXELS,
  imageInputs,
  parseMnistSubset,
  type MnistSubset,
} from '../../experiments/mnist/mnist-subset.js';
import { MAX_MODEL_FILE_BYTES, loadDigitModel } from '../../experiments/mnist/saved-model.js';
import { trainedClassifier } from '../../experiments/mnist/trained-classifier.js';
import { JobClient } from '../../worker/job-client.js';
import { h } from '../../ui/dom.js';
import { FilePicker } from '../../ui/file-picker.js';
import { formatPercent } from '../../ui/format.js';
import { MessageBox } from '../../ui/message-box.js';
import { bindParamControls } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { RunControls } from '../../ui/run-controls.js';
import { DrawingPad } from './drawing-pad.js';
import { droppedFiles } from './dropped-files.js';
import { MNIST_PARAMS, mnistConfig } from './mnist-params.js';
import './mnist.css';

const DIGIT_LABELS = Array.from({ length: DIGITS }, (_, digit) => String(digit));

/** The model the drawing pad uses, and where it came from. */
interface ActiveModel {
  readonly classifier: DigitClassifier;
  readonly source: 'trained' | 'loaded';
  readonly description: string;
}

/** Reads the bundled subset (same origin), bounded in size. */
async function fetchSubset(): Promise<MnistSubset> {
  const response = await fetch(subsetUrl);
  if (!response.ok)
    throw new Error(`the MNIST subset could not be loaded (HTTP ${response.status}).`);
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > MAX_SUBSET_BYTES)
    throw new Error(`the MNIST subset is ${length} bytes, over the bound.`);
  return parseMnistSubset(new Uint8Array(await response.arrayBuffer()));
}

/** The index of the largest value. */
function argmax(values: ArrayLike<number>, start: number, count: number): number {
  let best = 0;
  for (let i = 1; i < count; i++) if (values[start + i]! > values[start + best]!) best = i;
  return best;
}

export default definePage({
  params: MNIST_PARAMS,
  mount({ root, params }) {
    const values = params.values;
    const messages = new MessageBox('page-message');
    let subset: MnistSubset | null = null;
    let active: ActiveModel | null = null;
    let input: Float32Array | null = null;
    let testIndex = -1;
    let disposed = false;
    const history = {
      epochs: [] as number[],
      cost: [] as number[],
      testCost: [] as number[],
      trainAccuracy: [] as number[],
      testAccuracy: [] as number[],
    };

    const bars = new ProbabilityBars({
      title: 'Softmax probabilities of the drawn digit',
      labels: DIGIT_LABELS,
      testId: 'probabilities',
    });
    const confusion = new ConfusionMatrix({
      title: 'Confusion matrix on the subset’s test images (rows: true digit, columns: predicted)',
      labels: DIGIT_LABELS,
      testId: 'confusion',
    });
    const costChart = new LineChart({
      title: 'Cost',
      xLabel: 'epoch',
      yLabel: 'cost',
      series: [{ label: 'train J' }, { label: 'test cost', dash: [6, 4] }],
      testId: 'cost-chart',
    });
    const accuracyChart = new LineChart({
      title: 'Accuracy',
      xLabel: 'epoch',
      yLabel: 'accuracy',
      series: [{ label: 'train accuracy' }, { label: 'test accuracy', dash: [6, 4] }],
      testId: 'accuracy-chart',
    });
    const readouts = new Readouts([
      { key: 'epoch', label: 'Epoch', format: String },
      { key: 'train-cost', label: 'Train cost J' },
      { key: 'test-cost', label: 'Test cost' },
      { key: 'train-accuracy', label: 'Train accuracy', format: formatPercent },
      { key: 'test-accuracy', label: 'Test accuracy', format: formatPercent },
    ]);
    const modelReadouts = new Readouts([
      { key: 'prediction', label: 'Predicted digit', format: String },
      { key: 'model-accuracy', label: 'Model’s test accuracy', format: formatPercent },
    ]);
    const modelSource = h('p', {
      className: 'mnist-model-source',
      text: 'No model yet.',
      attrs: { 'data-testid': 'model-source', 'aria-live': 'polite' },
    });
    const testLabel = h('p', {
      className: 'mnist-test-label',
      attrs: { 'data-testid': 'test-image-label', 'aria-live': 'polite' },
    });

    const showPrediction = (): void => {
      if (active === null || input === null) {
        bars.setProbabilities(null);
        modelReadouts.set('prediction', null);
        return;
      }
      const probabilities = digitProbabilities(active.classifier, input);
      bars.setProbabilities(Array.from(probabilities));
      modelReadouts.set('prediction', argmax(probabilities, 0, DIGITS));
    };

    const use = (model: ActiveModel, counts: number[][] | null): void => {
      active = model;
      modelSource.textContent = model.description;
      modelSource.dataset['source'] = model.source;
      if (subset !== null) {
        let table = counts;
        if (table === null) {
          const test = subset.test;
          const images = new Float32Array(test.count * MNIST_PIXELS);
          for (let i = 0; i < images.length; i++) images[i] = test.pixels[i]! / 255;
          const probabilities = digitProbabilities(model.classifier, images);
          table = Array.from({ length: DIGITS }, () => new Array<number>(DIGITS).fill(0));
          for (let i = 0; i < test.count; i++) {
            table[test.labels[i]!]![argmax(probabilities, i * DIGITS, DIGITS)]! += 1;
          }
        }
        confusion.setCounts(table);
        let correct = 0;
        let total = 0;
        table.forEach((row, digit) => {
          correct += row[digit]!;
          total += row.reduce((sum, count) => sum + count, 0);
        });
        modelReadouts.set('model-accuracy', total === 0 ? null : correct / total);
      }
      showPrediction();
    };

    const pad = new DrawingPad({
      onInput: (image) => {
        input = image;
        if (image !== null && testIndex >= 0) {
          testLabel.textContent = 'Your drawing.';
          testIndex = -1;
          delete testLabel.dataset['index'];
        }
        showPrediction();
      },
    });

    const controls = new RunControls({
      onPlayingChange: (playing) => (playing ? client.play() : client.pause()),
      onStep: () => client.step(),
      onReset: () => restart(),
      onNewSeed: () => {
        params.set('seed', nextSeed(values.seed));
        seedSlider.setValue(values.seed);
        restart();
      },
    });

    const client = new JobClient<MnistTrainConfig, MnistSnapshot>({
      createWorker: () =>
        new Worker(new URL('../../experiments/mnist/mnist-worker.ts', import.meta.url), {
          type: 'module',
          name: 'deeptune-mnist',
        }),
      onSnapshot: (snapshot, state) => {
        if (snapshot.diverged === null) {
          history.epochs.push(snapshot.epoch);
          history.cost.push(snapshot.cost);
          history.testCost.push(snapshot.testCost);
          history.trainAccuracy.push(snapshot.trainAccuracy);
          history.testAccuracy.push(snapshot.testAccuracy);
        }
        costChart.setData(history.epochs, [history.cost, history.testCost]);
        accuracyChart.setData(history.epochs, [history.trainAccuracy, history.testAccuracy]);
        readouts.set('epoch', snapshot.epoch);
        readouts.set('train-cost', snapshot.cost);
        readouts.set('test-cost', snapshot.testCost);
        readouts.set('train-accuracy', snapshot.trainAccuracy);
        readouts.set('test-accuracy', snapshot.testAccuracy);
        controls.setDone(state.done);
        controls.setPlaying(state.playing);
        controls.setStatus(
          `epoch ${snapshot.epoch} of ${values.epochs}${state.done ? ' — done' : ''}`,
        );
        if (snapshot.diverged !== null) {
          messages.error(`Training diverged: ${snapshot.diverged}`);
          controls.setStatus(`diverged at epoch ${snapshot.epoch}`);
          return;
        }
        const sizes = `784 → ${values.units} → 10`;
        use(
          {
            classifier: trainedClassifier(snapshot.state),
            source: 'trained',
            description:
              snapshot.epoch === 0
                ? `The pad uses the network trained here (${sizes}), still untrained: press Train.`
                : `The pad uses the network trained here (${sizes}) after ${snapshot.epoch} epoch${snapshot.epoch === 1 ? '' : 's'}.`,
          },
          snapshot.confusion,
        );
      },
      onError: (message) => {
        controls.setPlaying(false);
        messages.error(message);
      },
    });

    /** Starts training afresh (a new run replaces the old one's messages: `restart`). */
    const startTraining = (): void => {
      if (subset === null) return;
      history.epochs = [];
      history.cost = [];
      history.testCost = [];
      history.trainAccuracy = [];
      history.testAccuracy = [];
      client.start(mnistConfig(values, subset), controls.playing);
    };
    const restart = (): void => {
      if (subset === null) return;
      messages.clear();
      startTraining();
    };
    const control = bindParamControls(params, MNIST_PARAMS, restart);

    const loadFiles = async (files: readonly File[]): Promise<void> => {
      const loaded = await loadDigitModel(files);
      if (disposed) return;
      messages.clear();
      const standardized = loaded.standardizer === null ? 'no standardizer' : 'standardized inputs';
      const saved = (set: string): unknown => {
        const result = loaded.metrics?.[set];
        return typeof result === 'object' && result !== null
          ? (result as Record<string, unknown>)['accuracy']
          : undefined;
      };
      // The CLI's metrics.json: { train, dev, test: { cost, accuracy, errorRate, examples }, … }.
      const accuracy = saved('test') ?? saved('dev');
      use(
        {
          classifier: loaded,
          source: 'loaded',
          description: `The pad uses the loaded model: layers ${loaded.sizes.join(' → ')}, ${loaded.dtype}, ${standardized}${typeof accuracy === 'number' ? `, saved test accuracy ${formatPercent(accuracy)}` : ''}.`,
        },
        null,
      );
    };
    const picker = new FilePicker({
      label: 'Pick the files of a model folder (deeptune train --save), or drop the folder here',
      accept: '.json,.safetensors',
      multiple: true,
      maxBytes: MAX_MODEL_FILE_BYTES,
      testId: 'model-files',
      onFiles: loadFiles,
      onError: (message) => messages.error(message),
    });
    const dropZone = h('div', { className: 'mnist-drop-zone' }, picker.element);
    dropZone.addEventListener(
      'drop',
      (event) => {
        event.preventDefault();
        event.stopPropagation();
        picker.element.classList.remove('dragging');
        if (event.dataTransfer === null) return;
        droppedFiles(event.dataTransfer)
          .then((files) => {
            const tooLarge = files.find((file) => file.size > MAX_MODEL_FILE_BYTES);
            if (tooLarge !== undefined) {
              throw new Error(
                `${tooLarge.name} is ${tooLarge.size} bytes; the demo reads model files up to ${MAX_MODEL_FILE_BYTES} bytes.`,
              );
            }
            return loadFiles(files);
          })
          .catch((error: unknown) =>
            messages.error(error instanceof Error ? error.message : String(error)),
          );
      },
      { capture: true },
    );

    const clearButton = h('button', {
      text: 'Clear',
      attrs: { type: 'button', 'data-testid': 'clear-pad' },
    });
    clearButton.addEventListener('click', () => {
      testIndex = -1;
      testLabel.textContent = 'Draw a digit in the box.';
      delete testLabel.dataset['index'];
      pad.clear();
    });
    const testButton = h('button', {
      text: 'Load a test image',
      attrs: { type: 'button', 'data-testid': 'test-image' },
    });
    testButton.addEventListener('click', () => {
      if (subset === null) return;
      const next = (testIndex + 1) % subset.test.count;
      pad.showImage(imageInputs(subset.test, next));
      testIndex = next;
      testLabel.textContent = `Test image #${next + 1} of ${subset.test.count}: a ${subset.test.labels[next]}.`;
      testLabel.dataset['index'] = String(next);
      testLabel.dataset['label'] = String(subset.test.labels[next]);
    });

    const seedSlider = control.slider('seed', { label: 'Seed' });
    const controlsPanel = h(
      'section',
      { className: 'controls', attrs: { 'aria-label': 'Settings' } },
      h('h2', { text: 'Load a model' }),
      dropZone,
      h('p', {
        className: 'mnist-hint',
        text: 'e.g. deeptune train --dataset mnist --save models/mnist, then choose the files in models/mnist. Nothing is uploaded: the files are read in this page.',
      }),
      h('h2', { text: 'Or train one here' }),
      control.slider('units', { label: 'Hidden units (784 → n → 10, ReLU)', step: 8 }).element,
      control.slider('lr', { label: 'Learning rate α (Adam)', step: 0.05, scale: 'log' }).element,
      control.slider('train', { label: 'Training images', step: 500 }).element,
      control.slider('epochs', { label: 'Epochs' }).element,
      seedSlider.element,
      h('p', {
        className: 'mnist-hint',
        text: 'Mini-batches of 64. The subset: the first 3000 training and 500 test images of MNIST.',
      }),
    );

    root.replaceChildren(
      h(
        'div',
        { className: 'experiment' },
        controlsPanel,
        h(
          'div',
          { className: 'figures' },
          controls.element,
          messages.element,
          h(
            'div',
            { className: 'figure-row' },
            h(
              'section',
              { className: 'mnist-pad-panel', attrs: { 'aria-label': 'Drawing pad' } },
              pad.element,
              h('div', { className: 'mnist-pad-buttons' }, clearButton, testButton),
              testLabel,
            ),
            h(
              'div',
              { className: 'figure-column' },
              bars.element,
              modelReadouts.element,
              modelSource,
            ),
          ),
          h('div', { className: 'figure-row' }, costChart.element, accuracyChart.element),
          h('div', { className: 'figure-row' }, confusion.element, readouts.element),
        ),
      ),
    );
    testLabel.textContent = 'Draw a digit in the box.';
    controls.setStatus('loading the MNIST subset…');
    fetchSubset()
      .then((loaded) => {
        if (disposed) return;
        subset = loaded;
        // Not restart(): a message shown while the subset loaded (a model file that could not
        // be read) must stay.
        startTraining();
      })
      .catch((error: unknown) =>
        messages.error(error instanceof Error ? error.message : String(error)),
      );

    return () => {
      disposed = true;
      client.dispose();
      costChart.dispose();
      accuracyChart.dispose();
    };
  },
});
