import { diagnose } from 'deeptune';
import { definePage } from '../../app/page.js';
import { nextSeed } from '../../app/seed-param.js';
import { DecisionBoundary } from '../../charts/decision-boundary.js';
import { LineChart } from '../../charts/line-chart.js';
import type { ClassifierConfig } from '../../experiments/classifier/classifier-config.js';
import type { ClassifierScene } from '../../experiments/classifier/classifier-job.js';
import {
  MAX_CSV_BYTES,
  parsePointsCsv,
  type CsvPoints,
} from '../../experiments/classifier/csv-points.js';
import {
  supportsClasses,
  type PlanarDatasetName,
} from '../../experiments/classifier/planar-data.js';
import { h, present } from '../../ui/dom.js';
import { FilePicker } from '../../ui/file-picker.js';
import { formatPercent } from '../../ui/format.js';
import { MessageBox } from '../../ui/message-box.js';
import { Readouts } from '../../ui/readout.js';
import { RunControls } from '../../ui/run-controls.js';
import { bindParamControls, paramSelect } from '../../ui/param-controls.js';
import { ClassifierSession } from '../shared/classifier-session.js';
import { BIAS_VARIANCE_PARAMS, biasVarianceConfig } from './bias-variance-params.js';

export default definePage({
  params: BIAS_VARIANCE_PARAMS,
  mount({ root, params }) {
    const values = params.values;
    let uploaded: { points: CsvPoints; fileName: string } | null = null;
    const messages = new MessageBox('page-message');

    const config = (): ClassifierConfig => {
      const base = biasVarianceConfig(values);
      if (uploaded === null) return base;
      return {
        ...base,
        source: {
          kind: 'points',
          inputs: uploaded.points.inputs,
          labels: uploaded.points.labels,
          classes: uploaded.points.classes,
          seed: values.seed,
        },
      };
    };

    const boundary = new DecisionBoundary({
      title: 'Decision boundary: train points filled, dev points as rings',
      testId: 'boundary',
    });
    const costChart = new LineChart({
      title: 'Cost',
      xLabel: 'epoch',
      yLabel: 'cost',
      series: [{ label: 'train J' }, { label: 'dev cost', dash: [6, 4] }],
      testId: 'cost-chart',
    });
    const errorChart = new LineChart({
      title: 'Error',
      xLabel: 'epoch',
      yLabel: 'error',
      series: [{ label: 'train error' }, { label: 'dev error', dash: [6, 4] }],
      testId: 'error-chart',
    });
    const readouts = new Readouts([
      { key: 'epoch', label: 'Epoch', format: String },
      { key: 'train-cost', label: 'Train cost J' },
      { key: 'dev-cost', label: 'Dev cost' },
      { key: 'train-error', label: 'Train error', format: formatPercent },
      { key: 'dev-error', label: 'Dev error', format: formatPercent },
    ]);
    const diagnosis = h('section', {
      className: 'diagnosis',
      attrs: { 'data-testid': 'diagnosis', 'aria-live': 'polite' },
    });
    let scene: ClassifierScene | null = null;

    const controls = new RunControls({
      onPlayingChange: (playing) => (playing ? session.play() : session.pause()),
      onStep: () => session.step(),
      onReset: () => restart(),
      onNewSeed: () => {
        params.set('seed', nextSeed(values.seed));
        seedSlider.setValue(values.seed);
        restart();
      },
    });

    const session = new ClassifierSession({
      onSnapshot: (snapshot, history, state) => {
        if (snapshot.scene !== null) {
          scene = snapshot.scene;
          boundary.setScene({ ...scene, dev: scene.dev });
        }
        boundary.setGrid(snapshot.grid, snapshot.gridSize);
        costChart.setData(history.epochs, [history.cost, history.devCost]);
        errorChart.setData(history.epochs, [history.trainError, history.devError]);
        readouts.set('epoch', snapshot.epoch);
        readouts.set('train-cost', snapshot.cost);
        readouts.set('dev-cost', snapshot.devCost);
        readouts.set('train-error', snapshot.trainError);
        readouts.set('dev-error', snapshot.devError);
        controls.setDone(state.done);
        controls.setPlaying(state.playing);
        controls.setStatus(
          `epoch ${snapshot.epoch} of ${values.epochs}${state.done ? ' — done' : ''}`,
        );
        if (snapshot.diverged !== null) {
          messages.error(`Training diverged: ${snapshot.diverged}`);
          controls.setStatus(`diverged at epoch ${snapshot.epoch}`);
        }
        renderDiagnosis(snapshot.epoch, snapshot.trainError, snapshot.devError);
      },
      onError: (message) => {
        controls.setPlaying(false);
        messages.error(message);
      },
    });

    const renderDiagnosis = (epoch: number, trainError: number, devError: number): void => {
      if (epoch === 0) {
        diagnosis.replaceChildren(
          h('h2', { text: 'Diagnosis' }),
          h('p', { text: 'Train to see whether the model has a bias or a variance problem.' }),
        );
        return;
      }
      const result = diagnose({ trainError, devError });
      diagnosis.dataset['verdict'] = result.verdict;
      diagnosis.replaceChildren(
        ...present(
          h('h2', { text: `Diagnosis: ${result.verdict.replace(/-/g, ' ')}` }),
          h('ul', {}, ...result.reasons.map((reason) => h('li', { text: reason }))),
          result.advice.length > 0 ? h('h3', { text: 'The basic recipe suggests' }) : null,
          result.advice.length > 0
            ? h('ol', {}, ...result.advice.map((advice) => h('li', { text: advice })))
            : null,
        ),
      );
    };

    const restart = (): void => {
      messages.clear();
      session.start(config(), controls.playing);
    };
    const datasetSelect = paramSelect(
      params,
      BIAS_VARIANCE_PARAMS,
      'dataset',
      { label: 'Dataset' },
      (value) => {
        uploaded = null;
        classesSlider.element.hidden = !supportsClasses(value as PlanarDatasetName);
        restart();
      },
    );
    const control = bindParamControls(params, BIAS_VARIANCE_PARAMS, restart);
    const slider = control.slider;
    const classesSlider = slider('classes', { label: 'Classes' });
    classesSlider.element.hidden = !supportsClasses(values.dataset as PlanarDatasetName);
    const seedSlider = slider('seed', { label: 'Seed' });
    const csvPicker = new FilePicker({
      label: 'Or upload a CSV (x, y, label)',
      accept: '.csv,text/csv,text/plain',
      maxBytes: MAX_CSV_BYTES,
      testId: 'csv-file',
      onFiles: async (files) => {
        const file = files[0];
        if (file === undefined) return;
        const points = parsePointsCsv(await file.text(), file.name);
        uploaded = { points, fileName: file.name };
        restart();
        messages.notice(
          `Training on ${file.name}: ${points.labels.length} points, ${points.classes} classes (${points.classNames.join(', ')}). Uploaded data is not part of the link.`,
        );
      },
      onError: (message) => messages.error(message),
    });

    const controlsPanel = h(
      'section',
      { className: 'controls', attrs: { 'aria-label': 'Settings' } },
      h('h2', { text: 'Data' }),
      datasetSelect.element,
      slider('points', { label: 'Points', step: 20 }).element,
      slider('noise', { label: 'Noise', step: 0.01 }).element,
      classesSlider.element,
      csvPicker.element,
      h('h2', { text: 'Network' }),
      slider('layers', { label: 'Hidden layers' }).element,
      slider('units', { label: 'Units per layer' }).element,
      h('h2', { text: 'Regularization' }),
      slider('lambda', { label: 'L2 λ', step: 0.01 }).element,
      slider('keep', { label: 'keepProb', step: 0.05 }).element,
      h('h2', { text: 'Training' }),
      slider('lr', { label: 'Learning rate α (Adam)', step: 0.05, scale: 'log' }).element,
      slider('epochs', { label: 'Epochs', step: 5 }).element,
      seedSlider.element,
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
            boundary.element,
            h('div', { className: 'figure-column' }, readouts.element, diagnosis),
          ),
          h('div', { className: 'figure-row' }, costChart.element, errorChart.element),
        ),
      ),
    );
    renderDiagnosis(0, 0, 0);
    restart();

    return () => {
      session.dispose();
      costChart.dispose();
      errorChart.dispose();
    };
  },
});
