import { verdictBand } from 'deeptune';
import { definePage } from '../../app/page.js';
import type { GradcheckConfig } from '../../experiments/gradcheck/gradcheck-config.js';
import { layerName } from '../../experiments/gradcheck/gradcheck-network.js';
import type { GradientCheckResult } from '../../experiments/gradcheck/gradient-check.js';
import { h } from '../../ui/dom.js';
import { MessageBox } from '../../ui/message-box.js';
import { bindParamControls, paramSlider } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { Select } from '../../ui/select.js';
import { LatestSettingsSession } from '../shared/latest-settings-session.js';
import {
  GRADCHECK_CLASSES,
  GRADCHECK_EXAMPLES,
  GRADCHECK_FEATURES,
  GRADIENT_CHECKING_PARAMS,
  effectiveBugLayer,
  gradientCheckingConfig,
} from './gradient-checking-params.js';
import { RelativeDifferenceChart } from './relative-difference-chart.js';
import './gradient-checking.css';

/** The label of Dense layer `index` of a network with `hidden` hidden layers. */
function layerLabel(index: number, hidden: number): string {
  return `${layerName(index)} (${index === hidden + 1 ? 'output' : `hidden ${index}`})`;
}

export default definePage({
  params: GRADIENT_CHECKING_PARAMS,
  mount({ root, params }) {
    const values = params.values;
    const messages = new MessageBox('page-message');
    const status = h('p', {
      className: 'gradient-checking-status',
      attrs: { 'data-testid': 'check-status', 'aria-live': 'polite' },
    });
    const chart = new RelativeDifferenceChart('difference-chart');
    const readouts = new Readouts([
      {
        key: 'relative-difference',
        label: 'Relative difference (all θ)',
        format: (value) => value.toExponential(2),
      },
      { key: 'checked', label: 'Coordinates checked', format: String },
      { key: 'eps', label: 'ε', format: String },
      { key: 'bug-layers', label: 'Layers in the bug band', format: String },
    ]);
    const summary = h('section', {
      className: 'gradient-checking-summary',
      attrs: { 'data-testid': 'summary', 'aria-live': 'polite' },
    });

    const show = (result: GradientCheckResult, config: GradcheckConfig): void => {
      chart.set(result.parameters, result);
      readouts.set('relative-difference', result.relativeDifference);
      readouts.set('checked', result.checked);
      readouts.set('eps', result.eps);
      readouts.set('bug-layers', result.bugLayers.length);
      const band = verdictBand(result.verdict);
      summary.dataset['verdict'] = result.verdict;
      summary.dataset['bugLayers'] = result.bugLayers.join(',');
      const injected =
        config.bugLayer === null
          ? h('p', { text: 'No bug injected: every backward pass is the library’s own.' })
          : h('p', {
              text: `Injected: ${layerName(config.bugLayer)}’s backward pass divides dW and db by m = ${config.examples} a second time (its ∂J/∂X is right).`,
            });
      const located =
        result.bugLayers.length === 0
          ? h('p', { text: 'No layer is in the bug band.' })
          : h('p', {
              text: `Bug in ${result.bugLayers.join(', ')}: ${result.parameters
                .filter((parameter) => parameter.verdict === 'bug')
                .map(
                  (parameter) =>
                    `${parameter.name} ${parameter.relativeDifference.toExponential(1)}`,
                )
                .join(', ')}; the other layers’ parameters are not in the bug band.`,
            });
      summary.replaceChildren(
        h('h2', { text: `Verdict: ${result.verdict}` }),
        h('p', { text: `${band.range}: ${band.meaning}.` }),
        located,
        injected,
      );
      status.textContent = `checked ${result.checked} coordinates, two cost evaluations each, in float64`;
      status.dataset['state'] = session.busy ? 'checking' : 'done';
    };

    const session = new LatestSettingsSession<GradcheckConfig, GradientCheckResult>({
      createWorker: () =>
        new Worker(new URL('../../experiments/gradcheck/gradcheck-worker.ts', import.meta.url), {
          type: 'module',
          name: 'deeptune-gradcheck',
        }),
      onResult: show,
      onError: (message) => {
        status.dataset['state'] = 'done';
        status.textContent = 'the check failed';
        messages.error(message);
      },
    });

    const check = (): void => {
      messages.clear();
      status.textContent = 'checking…';
      status.dataset['state'] = 'checking';
      session.run(gradientCheckingConfig(values));
    };

    const bugLayerSlot = h('div');
    const renderBugLayerSelect = (): void => {
      const layer = effectiveBugLayer(values);
      if (layer !== values.bugLayer) params.set('bugLayer', layer);
      const select = new Select({
        label: 'Layer with the bug',
        options: Array.from({ length: values.layers + 1 }, (_, i) => ({
          value: String(i + 1),
          label: layerLabel(i + 1, values.layers),
        })),
        value: String(layer),
        onChange: (value) => {
          params.set('bugLayer', Number(value));
          check();
        },
        testId: 'bug-layer',
      });
      bugLayerSlot.replaceChildren(select.element);
    };
    renderBugLayerSelect();

    const control = bindParamControls(params, GRADIENT_CHECKING_PARAMS, check);
    const controlsPanel = h(
      'section',
      { className: 'controls', attrs: { 'aria-label': 'Settings' } },
      h('h2', { text: 'Network' }),
      paramSlider(params, GRADIENT_CHECKING_PARAMS, 'layers', { label: 'Hidden layers' }, () => {
        renderBugLayerSelect();
        check();
      }).element,
      control.slider('units', { label: 'Units per hidden layer' }).element,
      control.select('activation', { label: 'Activation' }).element,
      control.slider('lambda', { label: 'L2 λ', step: 0.01 }).element,
      control.slider('seed', { label: 'Seed' }).element,
      h(
        'div',
        { className: 'gradient-checking-bug-controls' },
        h('h2', { text: 'Bug' }),
        control.checkbox('bug', { label: 'Inject a bug in one layer’s backward pass' }).element,
        bugLayerSlot,
      ),
      h('p', {
        className: 'gradient-checking-status',
        text: `${GRADCHECK_FEATURES} inputs → hidden layers → ${GRADCHECK_CLASSES} classes (softmax cross-entropy + L2), a fixed seeded batch of ${GRADCHECK_EXAMPLES}, float64, ε = 1e-7.`,
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
            h('div', { className: 'figure-column' }, summary),
            h('div', { className: 'figure-column' }, readouts.element),
          ),
          chart.element,
        ),
      ),
    );
    check();

    return () => session.dispose();
  },
});
