import {
  bestTrial,
  DataFormatError,
  formatLeaderboard,
  deriveSeed,
  renderHtmlReport,
  replayStudy,
  type StudyHeaderEvent,
} from 'deeptune';
import { readJournal } from 'deeptune/node';
import { resolve } from 'node:path';
import type { Flag, FlagValue } from '../args/flag.js';
import { parseFlagValue } from '../args/parse-value.js';
import type { PluginOptionInput } from '../args/plugin-option-input.js';
import { UsageError } from '../cli-error.js';
import type { CommandContext } from '../command.js';
import { trainCommandLine } from '../tune/best-run.js';
import { resolveSearchKey, type SearchTarget } from '../tune/search-keys.js';
import { trialSettings, type RunSettings } from '../tune/trial-settings.js';
import { writeOwnedFile } from '../tune/write-owned-file.js';
import { refusePostgresStorage } from './tune-storage.js';
import { TRIAL_FLAGS } from '../tune/trial-flags.js';

/** The generator tag of an HTML report, which lets a later report replace it. */
const REPORT_GENERATOR = '<meta name="generator" content="deeptune tune report">';

/** The flags of `deeptune tune report`. */
export const REPORT_FLAGS: readonly Flag[] = [
  {
    name: 'html',
    type: 'string',
    group: 'Report',
    valueName: '<file.html>',
    configurable: false,
    defaultText: 'not written',
    description:
      'With report: also write a self-contained HTML page: every trial’s learning curve, the objective against each hyperparameter on its own scale, and the coarse-to-fine boxes per round',
  },
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The base run recorded in a study's header by `deeptune tune`, checked flag by flag. */
function recordedBase(header: StudyHeaderEvent, where: string): RunSettings | undefined {
  const { settings } = header;
  if (
    !isRecord(settings.values) ||
    !Array.isArray(settings.explicit) ||
    !isRecord(settings.pluginOptions)
  ) {
    return undefined; // a study made by code, not by deeptune tune
  }
  const values = new Map<string, FlagValue>();
  for (const [name, raw] of Object.entries(settings.values)) {
    const flag = TRIAL_FLAGS.find((candidate) => candidate.name === name);
    if (flag === undefined)
      throw new DataFormatError(`${where}: the study's settings name an unknown flag '${name}'`);
    try {
      values.set(name, parseFlagValue(flag, raw, `${where}: settings '${name}'`, false));
    } catch (error) {
      throw new DataFormatError((error as Error).message);
    }
  }
  values.set('seed', header.seed);
  const pluginOptions = new Map<string, PluginOptionInput>(
    Object.entries(settings.pluginOptions).map(([path, value]) => [
      path,
      { value, fromCommandLine: false, where: `${where}: settings '${path}'` },
    ]),
  );
  return { values, explicit: new Set(settings.explicit.map(String)), pluginOptions };
}

/** `deeptune tune report <storage> [--html out.html]`. */
export async function runTuneReport(context: CommandContext): Promise<number> {
  const { io, registry, positionals, values } = context;
  const path = positionals[1];
  if (path === undefined) {
    throw new UsageError(
      "deeptune tune report: missing <storage>, the study's journal file (--storage of deeptune tune)",
    );
  }
  refusePostgresStorage('deeptune tune report', path);
  const journal = await readJournal(resolve(io.cwd, path));
  for (const note of journal.notes) io.err(`deeptune: note: ${note}\n`);
  const { header, trials } = replayStudy(journal.events, path);
  if (header === undefined) throw new DataFormatError(`${path} holds no study`);
  const json = values.get('json') === true;
  const say = (text: string): void => {
    if (!json) io.out(text);
  };
  say(`${formatLeaderboard(header, trials, { columns: Math.max(20, io.columns), limit: 20 })}\n`);
  const base = recordedBase(header, path);
  let bestCommand: string | undefined;
  let htmlWritten: string | undefined;
  const best = bestTrial(header.direction, trials);
  if (best !== undefined && base !== undefined && header.space !== null) {
    const targets = new Map<string, SearchTarget>();
    try {
      for (const entry of header.space) {
        targets.set(
          entry.name,
          resolveSearchKey(entry.name, `${path}: space key '${entry.name}'`, registry, (flag) => [
            String(base.values.get(flag)),
          ]),
        );
      }
      const settings = trialSettings(
        base,
        targets,
        best.params,
        deriveSeed(header.seed, best.number),
      );
      bestCommand = trainCommandLine(settings, TRIAL_FLAGS);
      say(
        `\nbest: trial ${best.number}; repeat it with:\n  ${trainCommandLine(settings, TRIAL_FLAGS)}\n`,
      );
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      say(
        `\nbest: trial ${best.number} (its command line needs the plugins the study used: ${error.message})\n`,
      );
    }
  }
  const htmlPath = values.get('html') as string | undefined;
  if (htmlPath !== undefined) {
    const html = renderHtmlReport(header, trials).replace('<head>', `<head>\n${REPORT_GENERATOR}`);
    const written = await writeOwnedFile(htmlPath, io.cwd, html, {
      flag: '--html',
      extensions: ['.html', '.htm'],
      isOurs: (head) => head.includes(REPORT_GENERATOR),
      what: 'a report written by deeptune tune report',
    });
    htmlWritten = written;
    say(`\nreport written to ${written}\n`);
  }
  if (json) {
    io.out(
      `${JSON.stringify(
        {
          study: header,
          trials,
          best:
            best === undefined
              ? null
              : {
                  number: best.number,
                  value: best.value,
                  params: best.params,
                  command: bestCommand ?? null,
                },
          html: htmlWritten ?? null,
        },
        null,
        2,
      )}\n`,
    );
  }
  return 0;
}
