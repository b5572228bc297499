import { definePage } from '../../app/page.js';
import { LineChart } from '../../charts/line-chart.js';
import type {
  SignalActivation,
  SignalConfig,
  SignalInitialization,
} from '../../experiments/signal/signal-config.js';
import {
  predictedLayerFactor,
  properInitialization,
} from '../../experiments/signal/signal-initializer.js';
import type { SignalSnapshot } from '../../experiments/signal/signal-job.js';
import { h } from '../../ui/dom.js';
import { formatNumber } from '../../ui/format.js';
import { MessageBox } from '../../ui/message-box.js';
import { bindParamControls, paramSelect } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { LatestSettingsSession } from '../shared/latest-settings-session.js';
import { LayerVerdictStrip } from './layer-verdict-strip.js';
import {
  VANISHING_EXPLODING_PARAMS,
  vanishingExplodingConfig,
} from './vanishing-exploding-params.js';
import './vanishing-exploding.css';

/** The label of an initialisation in the select, with the factor where it has one. */
function initializationLabel(initialization: SignalInitialization): string {
  switch (initialization) {
    case 'he':
      return 'He: N(0, 2/nIn)';
    case 'xavier':
      return 'Xavier: N(0, 1/nIn)';
    case 'large':
      return 'Too large: proper × k';
    case 'small':
      return 'Too small: proper ÷ k';
  }
}

/** The name of the activation's proper initialisation. */
function properName(activation: SignalActivation): string {
  return properInitialization(activation) === 'he' ? 'He' : 'Xavier';
}

export default definePage({
  params: VANISHING_EXPLODING_PARAMS,
  mount({ root, params }) {
    const values = params.values;
    const messages = new MessageBox('page-message');
    const status = h('p', {
      className: 'vanishing-exploding-status',
      attrs: { 'data-testid': 'measure-status', 'aria-live': 'polite' },
    });
    const activationChart = new LineChart({
      title:
        'Forward: standard deviation of each layer’s activations (dashed: the proper initialisation — He for ReLU, Xavier for tanh)',
      xLabel: 'layer',
      yLabel: 'std of A[l]',
      series: [{ label: 'chosen' }, { label: 'proper', dash: [6, 4] }],
      logY: true,
      testId: 'activation-chart',
    });
    const gradientChart = new LineChart({
      title:
        'Backward: norm of the gradient ‖∂J/∂A[l]‖ arriving at each layer (dashed: the proper initialisation)',
      xLabel: 'layer',
      yLabel: '‖∂J/∂A[l]‖',
      series: [{ label: 'chosen' }, { label: 'proper', dash: [6, 4] }],
      logY: true,
      testId: 'gradient-chart',
    });
    const readouts = new Readouts([
      { key: 'input-std', label: 'Input std' },
      { key: 'first-std', label: 'Layer 1 activation std' },
      { key: 'last-std', label: 'Last layer activation std' },
      { key: 'activation-growth', label: 'Activation growth (last ÷ first)' },
      { key: 'gradient-growth', label: 'Gradient norm ratio (first ÷ last)' },
      { key: 'measured-factor', label: 'Measured factor per layer' },
      { key: 'predicted-factor', label: 'Predicted factor √(nIn·Var(w)·gain)' },
    ]);
    const forwardStrip = new LayerVerdictStrip({
      caption: 'Forward, per layer: activation std against layer 1’s (layer 1 on the left)',
      quantity: 'activation std',
      legend: false,
      testId: 'activation-verdicts',
    });
    const backwardStrip = new LayerVerdictStrip({
      caption: 'Backward, per layer: gradient norm against the last layer’s',
      quantity: 'gradient norm',
      legend: true,
      testId: 'gradient-verdicts',
    });
    const verdict = h('section', {
      className: 'vanishing-exploding-verdict',
      attrs: { 'data-testid': 'verdict', 'aria-live': 'polite' },
    });

    const show = (snapshot: SignalSnapshot, config: SignalConfig): void => {
      const { measured, reference } = snapshot;
      const layers = measured.activationStd.map((_, index) => index + 1);
      activationChart.setData(layers, [measured.activationStd, reference.activationStd]);
      gradientChart.setData(layers, [measured.gradientNorm, reference.gradientNorm]);
      const last = measured.activationStd.length - 1;
      readouts.set('input-std', measured.inputStd);
      readouts.set('first-std', measured.activationStd[0]!);
      readouts.set('last-std', measured.activationStd[last]!);
      readouts.set('activation-growth', measured.activationGrowth);
      readouts.set('gradient-growth', measured.gradientGrowth);
      const perLayer = measured.activationGrowth ** (1 / (config.depth - 1));
      readouts.set('measured-factor', Number.isFinite(perLayer) ? perLayer : null);
      readouts.set(
        'predicted-factor',
        predictedLayerFactor(config.activation, measured.varianceTimesFanIn),
      );
      forwardStrip.set(measured.activationVerdicts, measured.activationStd);
      backwardStrip.set(measured.gradientVerdicts, measured.gradientNorm);
      verdict.dataset['verdict'] = measured.verdict;
      const firstBad = measured.activationVerdicts.findIndex((v) => v !== 'stable');
      let lastBad = -1;
      measured.gradientVerdicts.forEach((v, index) => {
        if (v !== 'stable') lastBad = index;
      });
      verdict.replaceChildren(
        h('h2', { text: `Verdict: ${measured.verdict}` }),
        h('p', {
          text:
            `Over ${config.depth} layers the activations’ std changed ×${formatNumber(measured.activationGrowth)} ` +
            `and the gradient grew ×${formatNumber(measured.gradientGrowth)} on its way back ` +
            `(the library calls a change beyond ×${measured.growthLimit} or ÷${measured.growthLimit} exploding or vanishing).`,
        }),
        h('p', {
          text:
            firstBad < 0
              ? 'Forward: every layer keeps the activations within that band.'
              : `Forward: from layer ${firstBad + 1} on, the activations are ${measured.activationVerdicts[firstBad]}.`,
        }),
        h('p', {
          text:
            lastBad < 0
              ? 'Backward: the gradient stays within that band down to layer 1.'
              : `Backward: from layer ${lastBad + 1} down to layer 1, the gradient is ${measured.gradientVerdicts[lastBad]}.`,
        }),
        h('p', {
          text: `Var(w)·nIn = ${formatNumber(measured.varianceTimesFanIn)}; ${config.activation} keeps the scale with ${properName(config.activation)} (${properInitialization(config.activation) === 'he' ? 2 : 1}).`,
        }),
      );
      if (measured.verdict === 'non-finite') {
        messages.error(
          `The signal overflowed: at some layer an activation or a gradient exceeded the float32 range and became Infinity or NaN — exploding taken to its limit. Lower the depth or the factor k.`,
        );
      } else {
        messages.clear();
      }
      status.textContent = `measured ${config.depth} layers × ${config.width} units on a seeded batch of ${config.batch}`;
      status.dataset['state'] = session.busy ? 'measuring' : 'done';
    };

    const session = new LatestSettingsSession<SignalConfig, SignalSnapshot>({
      createWorker: () =>
        new Worker(new URL('../../experiments/signal/signal-worker.ts', import.meta.url), {
          type: 'module',
          name: 'deeptune-signal',
        }),
      onResult: show,
      onError: (message) => {
        status.dataset['state'] = 'done';
        status.textContent = 'the measurement failed';
        messages.error(message);
      },
    });

    const measure = (): void => {
      status.textContent = 'measuring…';
      status.dataset['state'] = 'measuring';
      session.run(vanishingExplodingConfig(values));
    };
    const control = bindParamControls(params, VANISHING_EXPLODING_PARAMS, measure);

    const factorSlider = control.slider('factor', {
      label: 'Factor k on the weights’ std',
      step: 0.01,
      scale: 'log',
    });
    const showFactor = (): void => {
      factorSlider.element.hidden = values.init !== 'large' && values.init !== 'small';
    };
    showFactor();

    const controlsPanel = h(
      'section',
      { className: 'controls', attrs: { 'aria-label': 'Settings' } },
      h('h2', { text: 'Network' }),
      control.slider('depth', { label: 'Depth (layers)' }).element,
      control.slider('width', { label: 'Width (units per layer)' }).element,
      control.select('activation', { label: 'Activation' }).element,
      h('h2', { text: 'Initialisation' }),
      paramSelect(
        params,
        VANISHING_EXPLODING_PARAMS,
        'init',
        {
          label: 'Weights',
          labels: Object.fromEntries(
            VANISHING_EXPLODING_PARAMS.init.values.map((name) => [
              name,
              initializationLabel(name as SignalInitialization),
            ]),
          ),
        },
        () => {
          showFactor();
          measure();
        },
      ).element,
      factorSlider.element,
      control.slider('seed', { label: 'Seed' }).element,
      h('p', {
        className: 'vanishing-exploding-status',
        text: 'Dense layers without bias; the input is a seeded N(0, 1) batch; J is the sum of the outputs.',
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
          status,
          messages.element,
          h(
            'div',
            { className: 'figure-row' },
            h('div', { className: 'figure-column' }, readouts.element),
            h('div', { className: 'figure-column' }, verdict),
          ),
          forwardStrip.element,
          backwardStrip.element,
          // One chart per row: a chart's resize never changes the other's width.
          h('div', { className: 'figure-row' }, activationChart.element),
          h('div', { className: 'figure-row' }, gradientChart.element),
        ),
      ),
    );
    measure();

    return () => {
      session.dispose();
      activationChart.dispose();
      gradientChart.dispose();
    };
  },
});
