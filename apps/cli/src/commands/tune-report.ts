import {
  type StudyHeaderEvent,
  type TrialRecord,
  bestTrial,
  DataFormatError,
  formatLeaderboard,
  deriveSeed,
  renderHtmlReport,
  replayStudy,
} from 'deeptune';
import { readJournal } from 'deeptune/node';
import { PostgresTrialStore, SharedStudy, isPostgresUrl } from 'deeptune/postgres';
import { resolve } from 'node:path';
import type { Flag } from '../args/flag.js';
import { UsageError } from '../cli-error.js';
import type { CommandContext } from '../command.js';
import { trainCommandLine } from '../tune/best-run.js';
import { resolveSearchKey, type SearchTarget } from '../tune/search-keys.js';
import { trialSettings } from '../tune/trial-settings.js';
import { recordedBase } from '../tune/study-settings.js';
import { writeOwnedFile } from '../tune/write-owned-file.js';
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

/** A study as a report reads it. */
interface ReadStudy {
  readonly header: StudyHeaderEvent;
  readonly trials: readonly TrialRecord[];
}

/** The study of a journal file. */
async function readJournalStudy(context: CommandContext, path: string): Promise<ReadStudy> {
  if (context.values.has('schema')) {
    throw new UsageError('--schema applies to a postgres:// storage, not to a journal file');
  }
  if (context.explicit.has('study')) {
    throw new UsageError(
      `--study applies to a postgres:// storage; the journal file ${path} holds one study`,
    );
  }
  const journal = await readJournal(resolve(context.io.cwd, path));
  for (const note of journal.notes) context.io.err(`deeptune: note: ${note}\n`);
  const { header, trials } = replayStudy(journal.events, path);
  if (header === undefined) throw new DataFormatError(`${path} holds no study`);
  return { header, trials };
}

/** The study `--study` of a PostgreSQL storage, as it is now. */
async function readSharedStudy(context: CommandContext, url: string): Promise<ReadStudy> {
  const { values, registry } = context;
  if (!context.explicit.has('study')) {
    throw new UsageError(
      'deeptune tune report: a postgres:// storage holds many studies; name one with --study <name>',
    );
  }
  const schema = values.get('schema') as string | undefined;
  const store = await PostgresTrialStore.open(url, schema === undefined ? {} : { schema });
  try {
    const study = await SharedStudy.join(store, values.get('study') as string, { registry });
    return { header: study.header, trials: await study.trials() };
  } finally {
    await store.close();
  }
}

/** `deeptune tune report <storage> [--html out.html]`. */
export async function runTuneReport(context: CommandContext): Promise<number> {
  const { io, registry, positionals, values } = context;
  const path = positionals[1];
  if (path === undefined) {
    throw new UsageError(
      "deeptune tune report: missing <storage>, the study's journal file or postgres:// URL (--storage of deeptune tune)",
    );
  }
  const { header, trials } = isPostgresUrl(path)
    ? await readSharedStudy(context, path)
    : await readJournalStudy(context, path);
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
