import { escapeHtml } from 'deeptune';
import type { StoredTrial } from 'deeptune/postgres';
import { formatDuration } from '../render/format.js';

function cell(text: string, numeric = false): string {
  return `<td${numeric ? ' class="num"' : ''}>${escapeHtml(text)}</td>`;
}

function reasonCell(text: string): string {
  return `<td class="reason">${escapeHtml(text)}</td>`;
}

/** A titled table, or nothing when it has no row. */
function subsection(title: string, head: readonly string[], rows: readonly string[]): string {
  if (rows.length === 0) return '';
  const header = head.map((name) => `<th>${escapeHtml(name)}</th>`).join('');
  return `<h3>${escapeHtml(title)}</h3><div class="table-wrap"><table><thead><tr>${header}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** How long ago the trial's worker last said it was alive: `2.1 s ago`. */
function heartbeatText(trial: StoredTrial, now: Date): string {
  if (trial.heartbeatAt === null) return '-';
  return `${formatDuration(Math.max(0, (now.getTime() - trial.heartbeatAt.getTime()) / 1000))} ago`;
}

/**
 * The dashboard's "Workers" section: the trials running now with their worker, attempt,
 * epoch and heartbeat age; queued trials (their worker went silent); failed trials with the
 * worker and the reason; and every attempt that was lost. Every string is escaped (worker
 * names and reasons come from the database).
 */
export function workersSection(activity: readonly StoredTrial[], now: Date): string {
  const running = activity.filter((trial) => trial.state === 'running');
  const queued = activity.filter((trial) => trial.state === 'queued');
  const failed = activity.filter((trial) => trial.state === 'failed');
  const lost = activity.flatMap((trial) =>
    trial.lostAttempts.map((attempt) => ({ number: trial.number, ...attempt })),
  );
  const workers = new Set(
    running.map((trial) => trial.workerId).filter((id): id is string => id !== null),
  );
  const parts = [
    `<section id="workers"><h2>Workers</h2><p class="note">${running.length} trial${running.length === 1 ? '' : 's'} running on ${workers.size} worker${workers.size === 1 ? '' : 's'}, ${queued.length} queued, ${failed.length} failed, ${lost.length} attempt${lost.length === 1 ? '' : 's'} lost.</p>`,
  ];
  parts.push(
    subsection(
      'Running',
      ['trial', 'worker', 'attempt', 'epoch', 'last heartbeat'],
      running.map(
        (trial) =>
          `<tr class="state-running">${cell(String(trial.number), true)}${cell(trial.workerId ?? '-')}${cell(String(trial.attempt), true)}` +
          `${cell(String(trial.intermediate.at(-1)?.epoch ?? '-'), true)}${cell(heartbeatText(trial, now), true)}</tr>`,
      ),
    ),
    subsection(
      'Queued again',
      ['trial', 'attempts so far', 'last worker'],
      queued.map(
        (trial) =>
          `<tr>${cell(String(trial.number), true)}${cell(String(trial.attempt), true)}${cell(trial.workerId ?? '-')}</tr>`,
      ),
    ),
    subsection(
      'Failed',
      ['trial', 'worker', 'attempt', 'reason'],
      failed.map(
        (trial) =>
          `<tr class="state-failed">${cell(String(trial.number), true)}${cell(trial.workerId ?? '-')}${cell(String(trial.attempt), true)}${reasonCell(trial.reason ?? '')}</tr>`,
      ),
    ),
    subsection(
      'Lost attempts',
      ['trial', 'attempt', 'worker', 'why'],
      lost.map(
        (attempt) =>
          `<tr>${cell(String(attempt.number), true)}${cell(String(attempt.attempt), true)}${cell(attempt.workerId ?? '-')}${reasonCell(attempt.reason)}</tr>`,
      ),
    ),
  );
  parts.push('</section>');
  return parts.join('');
}
