import { definePage } from '../../app/page.js';
import { nextSeed } from '../../app/seed-param.js';
import { LineChart } from '../../charts/line-chart.js';
import { ewmaCurves } from '../../experiments/ewma/ewma-curves.js';
import { temperatureSeries } from '../../experiments/ewma/temperature-series.js';
import { h } from '../../ui/dom.js';
import { formatNumber } from '../../ui/format.js';
import { MessageBox } from '../../ui/message-box.js';
import { bindParamControls } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { RunControls } from '../../ui/run-controls.js';
import { EWMA_DAYS, EWMA_PARAMS, ewmaConfig } from './ewma-params.js';
import './ewma.css';

/** The days shown in the close-up of the start of the series. */
const FIRST_DAYS = 40;

/** Days revealed per animation frame when the year is replayed. */
const DAYS_PER_FRAME = 2;

export default definePage({
  params: EWMA_PARAMS,
  mount({ root, params }) {
    const values = params.values;
    const messages = new MessageBox('page-message');
    const days = Array.from({ length: EWMA_DAYS }, (_, index) => index + 1);
    const firstDays = days.slice(0, FIRST_DAYS);

    const seriesOptions = [
      { label: 'θ_t', color: '#9aa3ad', width: 1 },
      { label: 'v_t', color: '#d55e00' },
      { label: 'v_t/(1−β^t)', color: '#009e73', dash: [6, 4] },
    ];
    const yearChart = new LineChart({
      title:
        'Daily temperature θ_t, its exponentially weighted average v_t and the bias-corrected v_t/(1 − β^t)',
      xLabel: 'day',
      yLabel: '°C',
      series: seriesOptions,
      height: 300,
      testId: 'ewma-chart',
    });
    const startChart = new LineChart({
      title: `The first ${FIRST_DAYS} days: v_0 = 0 pulls the raw average down`,
      xLabel: 'day',
      yLabel: '°C',
      series: seriesOptions,
      testId: 'start-chart',
    });
    const readouts = new Readouts([
      { key: 'window', label: 'Window 1/(1 − β), days' },
      { key: 'theta-1', label: 'θ_1 (°C)' },
      { key: 'v1', label: 'v_1 = (1 − β)·θ_1' },
      { key: 'v1-corrected', label: 'v_1 / (1 − β)' },
      { key: 'day-value', label: 'v at the marked day' },
      { key: 'day-corrected', label: 'corrected, marked day' },
      { key: 'last', label: `v_${EWMA_DAYS} (last day)` },
      { key: 'last-corrected', label: `corrected, day ${EWMA_DAYS}` },
    ]);
    const explanation = h('p', {
      className: 'ewma-explanation',
      attrs: { 'data-testid': 'ewma-explanation' },
    });

    // The replay: the curves are drawn up to `shownDays` (the whole year unless replaying), so
    // the average can be watched following the series day by day from v_0 = 0.
    let shownDays = EWMA_DAYS;
    let frame = 0;
    const upToShown = <T>(list: readonly T[]): (T | null)[] =>
      list.map((value, index) => (index < shownDays ? value : null));
    const controls = new RunControls({
      onPlayingChange: (playing) => {
        if (playing) {
          if (shownDays >= EWMA_DAYS) shownDays = 0;
          frame = requestAnimationFrame(advance);
        } else {
          cancelAnimationFrame(frame);
        }
      },
      onStep: () => {
        cancelAnimationFrame(frame);
        controls.setPlaying(false);
        shownDays = shownDays >= EWMA_DAYS ? 1 : shownDays + 1;
        render();
      },
      onReset: () => {
        cancelAnimationFrame(frame);
        controls.setPlaying(false);
        shownDays = 0;
        render();
      },
      onNewSeed: () => {
        params.set('seed', nextSeed(values.seed));
        seedSlider.setValue(values.seed);
        render();
      },
    });
    const advance = (): void => {
      shownDays = Math.min(EWMA_DAYS, shownDays + DAYS_PER_FRAME);
      render();
      if (shownDays < EWMA_DAYS) frame = requestAnimationFrame(advance);
      else controls.setPlaying(false);
      controls.setStatus(`day ${shownDays} of ${EWMA_DAYS}`);
    };

    const render = (): void => {
      messages.clear();
      controls.setStatus(`day ${shownDays} of ${EWMA_DAYS}`);
      const config = ewmaConfig(values);
      const theta = temperatureSeries(config.series);
      const curves = ewmaCurves(theta, config.beta);
      const raw = Array.from(curves.raw);
      const corrected = values.correct ? Array.from(curves.corrected) : raw.map(() => null);
      const thetaList = Array.from(theta);
      yearChart.setData(days, [upToShown(thetaList), upToShown(raw), upToShown(corrected)]);
      startChart.setData(firstDays, [
        upToShown(thetaList.slice(0, FIRST_DAYS)),
        upToShown(raw.slice(0, FIRST_DAYS)),
        upToShown(corrected.slice(0, FIRST_DAYS)),
      ]);
      const dayIndex = config.day - 1;
      const windowStart = config.day - curves.window;
      yearChart.setMarkers([
        { x: config.day, label: `day ${config.day}` },
        ...(windowStart >= 1
          ? [{ x: windowStart, label: `day ${formatNumber(windowStart, 3)} = −1/(1−β)` }]
          : []),
      ]);
      yearChart.element.dataset['windowStart'] = String(windowStart);
      readouts.set('window', curves.window);
      readouts.set('theta-1', theta[0]!);
      readouts.set('v1', curves.raw[0]!);
      readouts.set('v1-corrected', curves.corrected[0]!);
      readouts.set('day-value', curves.raw[dayIndex]!);
      readouts.set('day-corrected', curves.corrected[dayIndex]!);
      readouts.set('last', curves.raw[EWMA_DAYS - 1]!);
      readouts.set('last-corrected', curves.corrected[EWMA_DAYS - 1]!);
      explanation.textContent =
        `With β = ${config.beta} each day's value keeps a weight (1 − β)·β^k after k more days; ` +
        `the weights fall to about 1/e after 1/(1 − β) ≈ ${formatNumber(curves.window, 3)} days, ` +
        `so v_t averages roughly the last ${formatNumber(curves.window, 3)} days. ` +
        `v_1 is only (1 − β)·θ_1 = ${formatNumber(curves.raw[0]!, 3)} °C instead of ` +
        `${formatNumber(theta[0]!, 3)} °C: dividing by 1 − β^t fixes the start and fades out as β^t → 0.`;
      if (curves.window > EWMA_DAYS) {
        messages.notice(
          `With β = ${config.beta} the window 1/(1 − β) = ${formatNumber(curves.window, 3)} days is longer than the ${EWMA_DAYS}-day series: the raw average never forgets its start at 0.`,
        );
      }
    };

    const control = bindParamControls(params, EWMA_PARAMS, render);
    const seedSlider = control.slider('seed', { label: 'Seed' });
    const controlsPanel = h(
      'section',
      { className: 'controls', attrs: { 'aria-label': 'Settings' } },
      h('h2', { text: 'Average' }),
      control.slider('beta', {
        label: 'β (averaging weight)',
        step: 0.001,
        marks: [0.5, 0.9, 0.98],
      }).element,
      control.checkbox('correct', { label: 'Bias correction: v_t / (1 − β^t)' }).element,
      control.slider('day', { label: 'Marked day (its window is drawn)' }).element,
      h('h2', { text: 'Data' }),
      control.slider('noise', { label: 'Noise (°C)', step: 0.5 }).element,
      seedSlider.element,
    );

    // Both charts span the figures' width (their legends stay on one line while they resize);
    // the numbers sit under the settings.
    root.replaceChildren(
      h(
        'div',
        { className: 'experiment' },
        h('div', { className: 'ewma-side' }, controlsPanel, readouts.element),
        h(
          'div',
          { className: 'figures' },
          controls.element,
          messages.element,
          h('div', { className: 'figure-row' }, yearChart.element),
          explanation,
          h('div', { className: 'figure-row' }, startChart.element),
        ),
      ),
    );
    render();

    return () => {
      cancelAnimationFrame(frame);
      yearChart.dispose();
      startChart.dispose();
    };
  },
});
