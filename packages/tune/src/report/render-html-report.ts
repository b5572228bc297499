import type { StudyHeaderEvent } from '../storage/study-event.js';
import type { TrialRecord } from '../study/trial-record.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber, formatParamValue } from './format-value.js';
import { formatDistribution } from '../space/hp.js';
import { leaderboardRows } from './leaderboard-rows.js';
import { learningCurvesChart } from './learning-curves-chart.js';
import { objectiveScatterChart } from './objective-scatter-chart.js';
import { reportContext, type ReportContext } from './report-context.js';
import { REPORT_CSS } from './report-style.js';
import { boxPair, roundBoxes2dChart, roundIntervalsChart } from './round-boxes-chart.js';
import { countTrials } from './study-ranking.js';
import { roundColor } from './svg-chart.js';

/**
 * Options of {@link renderHtmlReport}.
 *
 * @category Reports
 */
export interface HtmlReportOptions {
  /** The page title (`Study '<name>'`). */
  readonly title?: string;
  /** When the report was made, shown in its footer as given (e.g. an ISO 8601 time). */
  readonly generatedAt?: string;
}

/** Rows of the HTML leaderboard. */
const TABLE_ROWS = 20;

/** A value from a plugin's options or the settings, as compact JSON text (not escaped). */
function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function pluginText(plugin: { name: string; options: Readonly<Record<string, unknown>> }): string {
  const options = Object.entries(plugin.options).map(([key, value]) => `${key} ${jsonText(value)}`);
  return options.length === 0 ? plugin.name : `${plugin.name} (${options.join(', ')})`;
}

function summarySection(context: ReportContext): string {
  const { header, trials, best } = context;
  const counts = countTrials(trials);
  const entries: Array<[string, string]> = [
    ['Study', header.name],
    [
      'Objective',
      `${header.objective}, ${header.direction === 'minimize' ? 'minimized' : 'maximized'}`,
    ],
    ['Sampler', pluginText(header.sampler)],
    ['Pruner', header.pruner === null ? 'none' : pluginText(header.pruner)],
    ['Seed', String(header.seed)],
    [
      'Trials',
      `${counts.total}${header.trials === null ? '' : ` of ${header.trials} planned`}: ` +
        `${counts.complete} complete, ${counts.pruned} pruned, ${counts.failed} failed, ${counts.running} running`,
    ],
    [
      'Best trial',
      best === undefined
        ? 'none complete yet'
        : `trial ${best.number}: ${header.objective} ${formatNumber(best.value!)}`,
    ],
  ];
  if (best !== undefined) {
    for (const name of context.names) {
      const value = best.params[name];
      if (value === undefined) continue;
      entries.push([`  ${name}`, formatParamValue(best.distributions[name], value)]);
    }
  }
  if (header.space !== null && header.space.length > 0) {
    entries.push([
      'Search space',
      header.space
        .map((entry) => `${entry.name} ~ ${formatDistribution(entry.distribution)}`)
        .join('; '),
    ]);
  }
  for (const [key, value] of Object.entries(header.settings)) {
    entries.push([`Setting ${key}`, jsonText(value)]);
  }
  entries.push(['Created', header.at]);
  const list = entries
    .map(([term, text]) => {
      const indented = term.startsWith('  ');
      return (
        `<dt>${indented ? '&nbsp;&nbsp;' : ''}${escapeHtml(term.trim())}</dt>` +
        `<dd>${indented ? `<code>${escapeHtml(text)}</code>` : escapeHtml(text)}</dd>`
      );
    })
    .join('');
  return (
    `<section id="summary"><h2>Summary</h2><dl class="summary">${list}</dl>` +
    '<p class="dev-only">Trials were compared on the dev set; the test set was not used during the search.</p>' +
    '</section>'
  );
}

function leaderboardSection(context: ReportContext): string {
  const { header, trials, names } = context;
  const rows = leaderboardRows(header, trials, names);
  const shown = rows.slice(0, TABLE_ROWS);
  const head = ['rank', 'trial', header.objective, ...names, 'epochs', 'seconds', 'state', 'reason']
    .map((title) => `<th>${escapeHtml(title)}</th>`)
    .join('');
  const body = shown
    .map((row) => {
      const cells = [
        `<td class="num">${row.rank === null ? '-' : row.rank}</td>`,
        `<td class="num">${row.trial.number}</td>`,
        `<td class="num">${escapeHtml(row.value)}</td>`,
        ...row.params.map(
          (text, index) =>
            `<td${typeof row.trial.params[names[index]!] === 'number' ? ' class="num"' : ''}>${escapeHtml(text)}</td>`,
        ),
        `<td class="num">${escapeHtml(row.epochs)}</td>`,
        `<td class="num">${escapeHtml(row.seconds)}</td>`,
        `<td>${escapeHtml(row.trial.state)}</td>`,
        `<td class="reason">${escapeHtml(row.trial.reason ?? '')}</td>`,
      ];
      const best = row.trial === context.best ? ' best' : '';
      return `<tr class="state-${row.trial.state}${best}">${cells.join('')}</tr>`;
    })
    .join('');
  const more =
    rows.length > shown.length
      ? `<p class="note">… and ${rows.length - shown.length} more trials.</p>`
      : '';
  return (
    `<section id="leaderboard"><h2>Leaderboard</h2>` +
    `<p class="note">Complete trials best first, then pruned trials by their last value, then failed and running ones.</p>` +
    `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>${more}</section>`
  );
}

function roundLegend(context: ReportContext): string {
  if (!context.rounds.zooming) return '';
  const items = Array.from(
    { length: context.rounds.count },
    (_, round) =>
      `<span><span class="swatch" style="background:${roundColor(round)}"></span>round ${round}</span>`,
  );
  return `<div class="legend">${items.join('')}</div>`;
}

function curvesSection(context: ReportContext): string {
  const chart = learningCurvesChart(context);
  if (chart === '') {
    return '<section id="learning-curves"><h2>Learning curves</h2><p class="note">No trial reported a value yet.</p></section>';
  }
  const best =
    context.best === undefined
      ? ''
      : `<span><span class="swatch line" style="background:${roundColor(context.rounds.zooming ? context.rounds.roundOf(context.best) : 0)}"></span>thick: best trial ${context.best.number}</span>`;
  const legend =
    `<div class="legend">${context.rounds.zooming ? '' : `<span><span class="swatch line" style="background:${roundColor(0)}"></span>complete</span>`}` +
    `${best}<span><span class="swatch dashed"></span>pruned (× where it stopped)</span></div>`;
  return (
    `<section id="learning-curves"><h2>Learning curves</h2>` +
    `<p class="note">Every trial's ${escapeHtml(context.header.objective)} after each epoch, many models trained in parallel ("caviar"). Hover a line for its trial.</p>` +
    `<figure>${chart}${roundLegend(context)}${legend}</figure></section>`
  );
}

function scatterSection(context: ReportContext): string {
  const charts = context.names
    .map((name) => {
      const chart = objectiveScatterChart(context, name);
      return chart === '' ? '' : `<figure><h3>${escapeHtml(name)}</h3>${chart}</figure>`;
    })
    .filter((figure) => figure !== '');
  if (charts.length === 0) return '';
  const hidden = context.trials.filter(
    (trial) => trial.state === 'failed' || trial.state === 'running',
  ).length;
  return (
    `<section id="objective-by-hyperparameter"><h2>${escapeHtml(context.header.objective)} against each hyperparameter</h2>` +
    `<p class="note">Each hyperparameter on its own scale: log scale for a learning rate, log10(1 − β) labelled in β for an averaging weight, linear otherwise, one column per choice. ` +
    `Filled dots: complete trials${context.rounds.zooming ? ', coloured by coarse-to-fine round' : ''} (ringed: the best); hollow grey dots: pruned trials at their last value. ` +
    `${hidden === 0 ? '' : `${hidden} failed or running trial${hidden === 1 ? ' is' : 's are'} not shown (no objective).`}</p>` +
    `${roundLegend(context)}<div class="charts">${charts.join('')}</div></section>`
  );
}

function boxesSection(context: ReportContext): string {
  if (!context.rounds.zooming) return '';
  const intervals = context.names
    .map((name) => {
      const chart = roundIntervalsChart(context, name);
      return chart === '' ? '' : `<figure><h3>${escapeHtml(name)}</h3>${chart}</figure>`;
    })
    .join('');
  const pair = boxPair(context);
  const boxes =
    pair === undefined
      ? ''
      : `<figure><h3>${escapeHtml(pair[1])} against ${escapeHtml(pair[0])}</h3>${roundBoxes2dChart(context)}` +
        `<figcaption>Each round's box as a rectangle: the search zooms in round after round.</figcaption></figure>`;
  return (
    `<section id="coarse-to-fine"><h2>Coarse-to-fine boxes</h2>` +
    `<p class="note">The range each round sampled from, on each hyperparameter's own scale: round 0 the full range, each later round the box around the best trials of the round before. Dots: the round's trials (filled: complete, hollow: pruned, failed or running).</p>` +
    `${roundLegend(context)}${intervals}${boxes}</section>`
  );
}

/**
 * Renders the sections of a study's report (summary, leaderboard, learning curves, objective
 * against each hyperparameter, coarse-to-fine boxes) as HTML, without the document around
 * them: for pages of your own that show a study, such as `deeptune tune dashboard`, which
 * refreshes them live. Style them with {@link REPORT_CSS}. Every string from the study is
 * escaped.
 *
 * @param header - the study's header.
 * @param trials - its trials.
 * @returns the sections' HTML.
 * @category Reports
 *
 * @example
 * ```ts
 * main.innerHTML = renderReportSections(header, trials); // in a page styled with REPORT_CSS
 * ```
 */
export function renderReportSections(
  header: StudyHeaderEvent,
  trials: readonly TrialRecord[],
): string {
  const context = reportContext(header, trials);
  return (
    summarySection(context) +
    leaderboardSection(context) +
    curvesSection(context) +
    scatterSection(context) +
    boxesSection(context)
  );
}

/**
 * Renders a study as one self-contained HTML document: inline CSS and inline SVG only, no
 * script and no external resource (a Content-Security-Policy forbids both), so it can be
 * mailed or opened from disk. Hovering a line or a dot shows its trial (SVG `<title>`).
 * Sections:
 *
 * - **Summary**: study name, objective and direction, sampler and pruner with their
 *   options, seed, trial counts, the best trial and its hyperparameters, the search space
 *   and settings, and that trials were compared on the dev set, never the test set.
 * - **Leaderboard**: the top 20 trials, ordered as in {@link formatLeaderboard}.
 * - **Learning curves** ("caviar"): every trial's value per epoch, one line each; complete
 *   trials coloured (by round for coarse-to-fine), the best thicker, pruned ones grey and
 *   dashed ending in ×.
 * - **Objective against each hyperparameter**, on its own scale: decades for `log`, β
 *   labels (0.9, 0.99, 0.999) on a log10(1 − β) axis for `oneMinusLog`, linear for `uniform`
 *   and `int`, columns for `choice`; complete trials filled (by round), pruned ones hollow at
 *   their last value, failed and running ones left out.
 * - **Coarse-to-fine boxes** (when the sampler is coarse-to-fine or the trials' boxes
 *   differ): each round's range per hyperparameter as a bar with its trials on it, and the
 *   first two numeric hyperparameters against each other with each round's box as a
 *   rectangle.
 *
 * Every string from the study (names, reasons, choice values, settings) is escaped, since a
 * study file may come from someone else; non-finite numbers are left out of the charts.
 *
 * @param header - the study's header.
 * @param trials - its trials, e.g. from {@link replayStudy}.
 * @returns the HTML document.
 * @category Reports
 *
 * @example
 * ```ts
 * const { header, trials } = replayStudy(await storage.load(), storage.description);
 * const html = renderHtmlReport(header!, trials, { generatedAt: new Date().toISOString() });
 * await writeFile('study.html', html); // open it in any browser, offline
 * ```
 */
export function renderHtmlReport(
  header: StudyHeaderEvent,
  trials: readonly TrialRecord[],
  options: HtmlReportOptions = {},
): string {
  const title = options.title ?? `Study '${header.name}'`;
  const footer =
    options.generatedAt === undefined
      ? 'Generated by @deeptune/tune.'
      : `Generated by @deeptune/tune at ${options.generatedAt}.`;
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${REPORT_CSS}</style></head>\n<body><main>` +
    `<h1>${escapeHtml(title)}</h1>` +
    renderReportSections(header, trials) +
    `<footer>${escapeHtml(footer)}</footer></main></body></html>\n`
  );
}
