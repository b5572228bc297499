import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  renderHtmlReport,
  renderReportSections,
  type Distribution,
  type TrialRecord,
} from '../../src/index.js';
import { coarseToFineStudy, makeHeader, makeTrial } from './fake-study.js';

/** The HTML of the section with this id. */
function section(html: string, id: string): string {
  const match = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html);
  expect(match, `section ${id}`).not.toBeNull();
  return match![1]!;
}

/** The SVG of the figure headed `name` in a section. */
function figure(html: string, name: string): string {
  const match = new RegExp(`<figure><h3>${name}</h3>(<svg[\\s\\S]*?</svg>)`).exec(html);
  expect(match, `figure ${name}`).not.toBeNull();
  return match![1]!;
}

function attribute(tag: string, name: string): number {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  expect(match, `${name} in ${tag}`).not.toBeNull();
  return Number(match![1]);
}

function xTickLabels(svg: string): string[] {
  return [...svg.matchAll(/<text class="tick x-tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

describe('renderHtmlReport', () => {
  const { header, trials } = coarseToFineStudy(6);
  const html = renderHtmlReport(header, trials, { generatedAt: '2026-12-06T15:00:00Z' });

  it('is one self-contained document with no external reference and no script', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<html/g)).toHaveLength(1);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/\bhref=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/="[^"]*(NaN|Infinity)/);
  });

  it('summarizes the study, its best trial, and that the test set was not used', () => {
    const summary = section(html, 'summary');
    expect(summary).toContain('mnist-c2f');
    expect(summary).toContain('dev error, minimized');
    expect(summary).toContain('coarse-to-fine (rounds 3, trialsPerRound 6, topK 3');
    expect(summary).toContain('median (warmupEpochs 2, minTrials 3)');
    expect(summary).toContain('<dd>42</dd>');
    expect(summary).toContain('18 of 18 planned:');
    expect(summary).toMatch(/Best trial<\/dt><dd>trial \d+: dev error 0\.0\d+<\/dd>/);
    expect(summary).toContain(
      'Trials were compared on the dev set; the test set was not used during the search.',
    );
  });

  it('lists the leaderboard in ranking order', () => {
    const rows = [...section(html, 'leaderboard').matchAll(/<tr class="state-(\w+)/g)].map(
      (m) => m[1],
    );
    expect(rows).toHaveLength(18);
    const states = rows.join(' ');
    expect(states).toMatch(/^(complete )+(pruned )+failed running$/);
  });

  it('draws one learning curve per trial that reported values, with hover titles', () => {
    const curves = section(html, 'learning-curves');
    const withValues = trials.filter((trial) => trial.intermediate.length > 0);
    const lines = [
      ...curves.matchAll(
        /<polyline class="curve curve-(\w+)" data-trial="(\d+)"[^>]*points="([^"]*)"><title>([^<]*)<\/title>/g,
      ),
    ];
    expect(html.match(/<polyline/g)).toHaveLength(withValues.length);
    expect(lines).toHaveLength(withValues.length);
    for (const [, kind, number, points, title] of lines) {
      const trial = trials[Number(number)]!;
      expect(points!.split(' ')).toHaveLength(trial.intermediate.length);
      expect(title).toMatch(new RegExp(`^trial ${number} \\(round \\d`));
      expect(title).toContain('lr=');
      expect(kind).toBe(trial === bestOf(trials) ? 'best' : trial.state);
    }
    expect(lines.filter(([, kind]) => kind === 'best')).toHaveLength(1);
    const pruned = trials.filter((trial) => trial.state === 'pruned').length;
    expect(pruned).toBeGreaterThan(0);
    expect(curves.match(/class="pruned-mark"/g)).toHaveLength(pruned);
  });

  it('puts a log hyperparameter on a decade axis, α = 0.01 midway for log(1e-4, 1)', () => {
    const svg = figure(section(html, 'objective-by-hyperparameter'), 'lr');
    expect(xTickLabels(svg)).toEqual(['0.0001', '0.001', '0.01', '0.1', '1']);
    const plot = /<rect class="plot"[^>]*>/.exec(svg)![0];
    const middle = attribute(plot, 'x') + attribute(plot, 'width') / 2;
    expect(trials[1]!.params['lr']).toBe(0.01);
    const dot = /<circle[^>]*data-trial="1"[^>]*>/.exec(svg)![0];
    expect(attribute(dot, 'cx')).toBe(middle);
    // The decade ticks are equally spaced, 0.01 in the middle.
    const ticks = [...svg.matchAll(/<line class="grid" x1="([^"]*)" y1="[^"]*" x2="\1"/g)].map(
      (m) => Number(m[1]),
    );
    expect(ticks).toHaveLength(5);
    expect(ticks[2]).toBe(middle);
    expect(ticks[1]! - ticks[0]!).toBeCloseTo(ticks[4]! - ticks[3]!, 6);
  });

  it('labels a oneMinusLog axis in β: 0.9, 0.99, 0.999', () => {
    const svg = figure(section(html, 'objective-by-hyperparameter'), 'beta');
    expect(xTickLabels(svg)).toEqual(['0.9', '0.99', '0.999']);
    expect(svg).toContain('beta (log scale of 1 − β)');
  });

  it('puts ints on a linear axis and choices in columns; leaves failed trials out', () => {
    const scatter = section(html, 'objective-by-hyperparameter');
    expect(xTickLabels(figure(scatter, 'units'))).toEqual(['50', '100', '150', '200', '250']);
    expect(xTickLabels(figure(scatter, 'optimizer'))).toEqual(['adam', 'momentum', 'sgd']);
    const failed = trials.find((trial) => trial.state === 'failed')!;
    expect(figure(scatter, 'lr')).not.toContain(`data-trial="${failed.number}"`);
    expect(scatter).toContain('2 failed or running trials are not shown');
  });

  it('draws each round’s box: a bar per hyperparameter and nested rectangles', () => {
    const boxes = section(html, 'coarse-to-fine');
    expect(figure(boxes, 'lr').match(/class="round-bar"/g)).toHaveLength(3);
    // The choice box of round 1 holds two values, of round 2 one.
    expect(figure(boxes, 'optimizer').match(/class="round-bar"/g)).toHaveLength(3 + 2 + 1);
    const rects = [...boxes.matchAll(/<rect class="round-box"[^>]*>/g)].map((m) => m[0]);
    expect(rects).toHaveLength(3);
    const edges = rects.map((rect) => {
      const x = attribute(rect, 'x');
      const y = attribute(rect, 'y');
      return [x, y, x + attribute(rect, 'width'), y + attribute(rect, 'height')] as const;
    });
    for (let round = 1; round < 3; round++) {
      const [x0, y0, x1, y1] = edges[round - 1]!;
      const [a0, b0, a1, b1] = edges[round]!;
      expect(a0 >= x0 && b0 >= y0 && a1 <= x1 && b1 <= y1).toBe(true);
    }
    // Round 0 spans the whole plot (minus the inset) in lr.
    expect(boxes).toContain('round 0: lr ~ log(0.0001, 1), beta ~ oneMinusLog(0.9, 0.999)');
  });

  it('has no coarse-to-fine section when every trial has the same box', () => {
    const box: Record<string, Distribution> = { lr: { scale: 'log', low: 1e-4, high: 1 } };
    const plain = renderHtmlReport(makeHeader(), [
      makeTrial(0, { params: { lr: 0.01 }, distributions: box, curve: [0.5, 0.2] }),
      makeTrial(1, { params: { lr: 0.001 }, distributions: box, curve: [0.5, 0.3] }),
    ]);
    expect(plain).not.toContain('id="coarse-to-fine"');
    expect(plain).toContain('id="objective-by-hyperparameter"');
  });

  it('shows rounds for a sampler other than coarse-to-fine whose boxes differ', () => {
    const wide: Distribution = { scale: 'uniform', low: 0, high: 1 };
    const narrow: Distribution = { scale: 'uniform', low: 0.2, high: 0.4 };
    const study = renderHtmlReport(makeHeader(), [
      makeTrial(0, { params: { a: 0.3, b: 0.5 }, distributions: { a: wide, b: wide }, curve: [1] }),
      makeTrial(1, { params: { a: 0.8, b: 0.1 }, distributions: { a: wide, b: wide }, curve: [2] }),
      makeTrial(2, {
        params: { a: 0.3, b: 0.3 },
        distributions: { a: narrow, b: narrow },
        curve: [0.5],
      }),
    ]);
    expect(section(study, 'coarse-to-fine').match(/<rect class="round-box"/g)).toHaveLength(2);
  });

  it('escapes every string from the study', () => {
    const evil = '<script>alert(1)</script>';
    const choice = '"><img src=x onerror=alert(1)>';
    const box: Record<string, Distribution> = {
      [evil]: { scale: 'choice', values: [choice, 'plain'] },
      lr: { scale: 'log', low: 1e-4, high: 1 },
    };
    const attack = renderHtmlReport(
      makeHeader({
        name: evil,
        objective: `${evil} error`,
        sampler: { name: evil, options: { [evil]: choice } },
        pruner: { name: choice, options: {} },
        settings: { [choice]: evil },
      }),
      [
        makeTrial(0, {
          params: { [evil]: choice, lr: 0.01 },
          distributions: box,
          curve: [0.5, 0.3],
        }),
        makeTrial(1, {
          state: 'failed',
          params: { [evil]: 'plain', lr: 0.1 },
          distributions: box,
          curve: [0.9],
          reason: evil + choice,
        }),
      ],
      { title: evil },
    );
    expect(attack).not.toContain(evil);
    expect(attack).not.toContain(choice);
    expect(attack).not.toMatch(/<script|<img/i);
    expect(attack).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(attack).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('leaves non-finite values out of the charts', () => {
    const box: Record<string, Distribution> = { lr: { scale: 'log', low: 1e-4, high: 1 } };
    const study = renderHtmlReport(makeHeader(), [
      makeTrial(0, { params: { lr: 0.01 }, distributions: box, curve: [0.5, Number.NaN, 0.2] }),
      makeTrial(1, {
        state: 'pruned',
        params: { lr: 0.5 },
        distributions: box,
        curve: [Number.POSITIVE_INFINITY],
      }),
      makeTrial(2, { params: { lr: Number.NaN }, distributions: box, curve: [0.4] }),
    ]);
    const svgs = study.match(/<svg[\s\S]*?<\/svg>/g)!.join('');
    expect(svgs).not.toMatch(/="[^"]*(NaN|Infinity)/);
    expect(study.match(/<polyline/g)).toHaveLength(2);
  });
});

function bestOf(trials: readonly TrialRecord[]): TrialRecord {
  return trials
    .filter((trial) => trial.state === 'complete')
    .sort((a, b) => a.value! - b.value! || a.number - b.number)[0]!;
}

describe('renderReportSections', () => {
  it("is the report's body: the same sections, without the document around them", () => {
    const { header, trials } = coarseToFineStudy(6);
    const sections = renderReportSections(header, trials);
    expect(sections.startsWith('<section id="summary">')).toBe(true);
    expect(sections.endsWith('</section>')).toBe(true);
    expect(sections).not.toMatch(/<html|<head|<body|<style/);
    expect([...sections.matchAll(/<section id="([\w-]+)">/g)].map((match) => match[1])).toEqual([
      'summary',
      'leaderboard',
      'learning-curves',
      'objective-by-hyperparameter',
      'coarse-to-fine',
    ]);
    expect(renderHtmlReport(header, trials)).toContain(sections);
    expect(escapeHtml(`<b title="x">'&'</b>`)).toBe(
      '&lt;b title=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;',
    );
  });
});
