import { definePage } from '../../app/page.js';
import { nextSeed } from '../../app/seed-param.js';
import { ConfusionMatrix } from '../../charts/confusion-matrix.js';
import { DecisionBoundary } from '../../charts/decision-boundary.js';
import { LineChart } from '../../charts/line-chart.js';
import { classColor } from '../../charts/palette.js';
import { ProbabilityBars } from '../../charts/probability-bars.js';
import type { ClassifierScene } from '../../experiments/classifier/classifier-job.js';
import { h } from '../../ui/dom.js';
import { formatNumber, formatPercent } from '../../ui/format.js';
import { MessageBox } from '../../ui/message-box.js';
import { bindParamControls } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { RunControls } from '../../ui/run-controls.js';
import { ClassifierSession } from '../shared/classifier-session.js';
import { SOFTMAX_PARAMS, className, gridCellAt, softmax, softmaxConfig } from './softmax-params.js';
import './softmax.css';

/** The grid cell under the cursor. */
interface HoverCell {
  readonly x: number;
  readonly y: number;
  readonly row: number;
  readonly column: number;
}

export default definePage({
  params: SOFTMAX_PARAMS,
  mount({ root, params }) {
    const values = params.values;
    const messages = new MessageBox('page-message');
    let scene: ClassifierScene | null = null;
    let grid: Float32Array | null = null;
    let gridLogits: Float32Array | null = null;
    let gridSize = 0;
    let hover: HoverCell | null = null;

    const boundary = new DecisionBoundary({
      title: 'Class regions: hover to probe',
      testId: 'boundary',
      onHover: (probe) => {
        if (probe === null || scene === null || gridSize === 0) {
          hover = null;
        } else {
          const cell = gridCellAt(probe.x, probe.y, scene.bounds, gridSize);
          hover = { x: probe.x, y: probe.y, ...cell };
        }
        renderHover();
      },
    });

    boundary.element.classList.add('softmax-boundary');
    const hoverPanel = h('section', {
      className: 'softmax-hover',
      attrs: { 'data-testid': 'hover', 'aria-label': 'Softmax under the cursor' },
    });
    const hint = h('p', { className: 'softmax-hint' });
    let bars = new ProbabilityBars({
      title: 'p = softmax(z)',
      labels: [],
      testId: 'probabilities',
    });
    const logitsBody = h('tbody');
    const logitsTable = h(
      'table',
      { className: 'softmax-logits', attrs: { 'data-testid': 'logits' } },
      h('caption', { text: 'Logits z (last layer’s scores) and e^z' }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { text: 'class', attrs: { scope: 'col' } }),
          h('th', { text: 'z', attrs: { scope: 'col' } }),
          h('th', { text: 'e^z', attrs: { scope: 'col' } }),
        ),
      ),
      logitsBody,
    );
    const formula = h('p', {
      className: 'softmax-formula',
      text: 'pᵢ = e^zᵢ / Σⱼ e^zⱼ — adding the same number to every z changes nothing.',
    });

    let matrix = new ConfusionMatrix({
      title: 'Dev confusion matrix',
      labels: [],
      testId: 'confusion',
    });
    const matrixSlot = h('div', { className: 'figure-column' });

    const costChart = new LineChart({
      title: 'Cross-entropy cost J = mean of −log p(true class)',
      xLabel: 'epoch',
      yLabel: 'cost',
      series: [{ label: 'train J' }, { label: 'dev cost', dash: [6, 4] }],
      testId: 'cost-chart',
    });
    const errorChart = new LineChart({
      title: 'Error (1 − accuracy)',
      xLabel: 'epoch',
      yLabel: 'error',
      series: [{ label: 'train error' }, { label: 'dev error', dash: [6, 4] }],
      testId: 'error-chart',
    });
    const readouts = new Readouts([
      { key: 'epoch', label: 'Epoch', format: String },
      { key: 'train-cost', label: 'Train cost J' },
      { key: 'dev-cost', label: 'Dev cost' },
      { key: 'dev-accuracy', label: 'Dev accuracy', format: formatPercent },
      { key: 'dev-size', label: 'Dev examples', format: String },
      { key: 'chance-cost', label: 'Cost of guessing (log C)' },
    ]);

    const buildClassViews = (classes: number): void => {
      const labels = Array.from({ length: classes }, (_, index) => className(index));
      const nextBars = new ProbabilityBars({
        title: 'p = softmax(z) under the cursor',
        labels,
        testId: 'probabilities',
      });
      bars.element.replaceWith(nextBars.element);
      bars = nextBars;
      const nextMatrix = new ConfusionMatrix({
        title: 'Dev confusion matrix',
        labels,
        testId: 'confusion',
      });
      matrixSlot.replaceChildren(nextMatrix.element);
      matrix = nextMatrix;
      readouts.set('chance-cost', Math.log(classes));
    };

    const renderHover = (): void => {
      const classes = scene?.classes ?? 0;
      if (hover === null || grid === null || classes === 0) {
        hint.textContent =
          'Each region is the most probable class there (paler = less sure). Move the cursor over the map to see the logits and their softmax.';
        bars.setProbabilities(null);
        logitsBody.replaceChildren();
        delete hoverPanel.dataset['row'];
        delete hoverPanel.dataset['column'];
        delete hoverPanel.dataset['sum'];
        return;
      }
      const offset = (hover.row * gridSize + hover.column) * classes;
      const probabilities = Array.from(grid.subarray(offset, offset + classes));
      let sum = 0;
      for (const probability of probabilities) sum += probability;
      bars.setProbabilities(probabilities);
      hoverPanel.dataset['row'] = String(hover.row);
      hoverPanel.dataset['column'] = String(hover.column);
      hoverPanel.dataset['sum'] = String(sum);
      let best = 0;
      probabilities.forEach((probability, index) => {
        if (probability > probabilities[best]!) best = index;
      });
      hint.textContent = `At (${formatNumber(hover.x, 3)}, ${formatNumber(hover.y, 3)}): predicted ${className(best)}, Σ p = ${formatNumber(sum, 6)}.`;
      if (gridLogits === null) {
        logitsBody.replaceChildren();
        return;
      }
      const logits = Array.from(gridLogits.subarray(offset, offset + classes));
      let max = -Infinity;
      for (const logit of logits) if (logit > max) max = logit;
      const check = softmax(logits);
      logitsBody.replaceChildren(
        ...logits.map((logit, index) => {
          const name = h('th', { text: className(index), attrs: { scope: 'row' } });
          name.style.color = classColor(index);
          return h(
            'tr',
            {},
            name,
            h('td', {
              text: formatNumber(logit, 4),
              attrs: { 'data-testid': `logit-${index}`, 'data-value': String(logit) },
            }),
            h('td', {
              text: formatNumber(Math.exp(logit - max), 4),
              attrs: { title: `e^(z − max z); share ${formatNumber(check[index]!, 4)}` },
            }),
          );
        }),
      );
    };

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
          boundary.setScene(scene);
          readouts.set('dev-size', scene.dev.labels.length);
        }
        grid = snapshot.grid;
        gridLogits = snapshot.gridLogits;
        gridSize = snapshot.gridSize;
        boundary.setGrid(snapshot.grid, snapshot.gridSize);
        costChart.setData(history.epochs, [history.cost, history.devCost]);
        errorChart.setData(history.epochs, [history.trainError, history.devError]);
        readouts.set('epoch', snapshot.epoch);
        readouts.set('train-cost', snapshot.cost);
        readouts.set('dev-cost', snapshot.devCost);
        readouts.set('dev-accuracy', 1 - snapshot.devError);
        if (snapshot.devConfusion !== null) matrix.setCounts(snapshot.devConfusion);
        renderHover();
        controls.setDone(state.done);
        controls.setPlaying(state.playing);
        controls.setStatus(
          `epoch ${snapshot.epoch} of ${values.epochs}${state.done ? ' — done' : ''}`,
        );
        if (snapshot.diverged !== null) {
          messages.error(
            `Training diverged: ${snapshot.diverged} Lower the learning rate and press Reset.`,
          );
          controls.setStatus(`diverged at epoch ${snapshot.epoch}`);
        }
      },
      onError: (message) => {
        controls.setPlaying(false);
        messages.error(message);
      },
    });

    const restart = (): void => {
      messages.clear();
      scene = null;
      grid = null;
      gridLogits = null;
      buildClassViews(values.classes);
      renderHover();
      session.start(softmaxConfig(values), controls.playing);
    };
    const control = bindParamControls(params, SOFTMAX_PARAMS, restart);
    const slider = control.slider;

    const seedSlider = slider('seed', { label: 'Seed' });
    const controlsPanel = h(
      'section',
      { className: 'controls', attrs: { 'aria-label': 'Settings' } },
      h('h2', { text: 'Data' }),
      control.select('dataset', { label: 'Dataset' }).element,
      slider('classes', { label: 'Classes C' }).element,
      slider('points', { label: 'Points', step: 20 }).element,
      slider('noise', { label: 'Noise', step: 0.01 }).element,
      h('h2', { text: 'Network' }),
      slider('layers', { label: 'Hidden layers (0 = softmax regression)' }).element,
      slider('units', { label: 'Units per layer' }).element,
      h('h2', { text: 'Training' }),
      slider('lr', { label: 'Learning rate α (Adam)', step: 0.05, scale: 'log' }).element,
      slider('epochs', { label: 'Epochs', step: 5 }).element,
      seedSlider.element,
    );

    hoverPanel.append(hint, bars.element, logitsTable, formula);
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
          h('div', { className: 'figure-row' }, boundary.element, hoverPanel),
          h(
            'div',
            { className: 'figure-row' },
            h('div', { className: 'figure-column' }, readouts.element),
            matrixSlot,
          ),
          h('div', { className: 'figure-row' }, costChart.element, errorChart.element),
        ),
      ),
    );
    restart();

    return () => {
      session.dispose();
      costChart.dispose();
      errorChart.dispose();
    };
  },
});
