/**
 * The project's rule for a cleanly handled input, as checks on one finished run. Each check
 * returns the reasons the run broke the rule; a case passes when there are none.
 */

/** Peak RSS from which a run counts as not handled. */
export const RSS_LIMIT_MB = 300;

const ERROR_PREFIX = 'deeptune: error:';

/**
 * Text that leaks out of Node or V8 instead of a message written for the user, by label; a
 * case may allow a label where the text is legitimate (e.g. `got null` for a null value).
 */
const LEAKS = [
  ['JS error class', /\b(?:RangeError|TypeError|SyntaxError|ReferenceError|EvalError|URIError)\b/],
  [
    'errno code',
    /\bE(?:ACCES|AGAIN|BADF|BUSY|EXIST|FBIG|INVAL|IO|ISDIR|LOOP|MFILE|NAMETOOLONG|NOENT|NOMEM|NOSPC|NOTDIR|NOTEMPTY|NXIO|PERM|PIPE|ROFS|SPIPE|XDEV)\b/,
  ],
  ['[object …]', /\[object \w+\]/],
  ['undefined', /\bundefined\b/],
  ['function Object()', /function Object\(\)/],
  ['got null', /\bgot null\b/],
  ['stack overflow', /Maximum call stack size exceeded/],
  [
    'allocation failure',
    /Invalid (?:array|typed array|string) length|Array buffer allocation failed|out of memory/i,
  ],
  [
    'V8 property error',
    /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not a constructor|Cannot convert/,
  ],
];

/** Lines of a stream, without the empty ones. */
function lines(text) {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

/** ANSI colour codes, as in Node's own uncaught-error output. */
// eslint-disable-next-line no-control-regex -- the escape character is the point
const ANSI_COLOUR = /\x1b\[[0-9;]*m/g;

/** Shortens a string for a one-line report. */
export function clip(text, length) {
  const flat = text
    .replace(ANSI_COLOUR, '')
    .replace(/\r?\n/g, '⏎ ')
    .replace(/\p{Cc}/gu, '\uFFFD')
    .trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}

/** The expected exit codes of a case as an array. */
export function expectedCodes(testCase) {
  return Array.isArray(testCase.exit) ? testCase.exit : [testCase.exit];
}

/** Exit status, hang, memory. */
function checkTermination(testCase, run, timeoutMs) {
  if (run.timedOut) return [`hung: killed after ${Math.round(timeoutMs / 1000)} s`];
  if (run.overMemory) return ['killed: RSS above the memory cap'];
  if (run.signal !== null) return [`died of signal ${run.signal}`];
  const expected = expectedCodes(testCase);
  return expected.includes(run.exit) ? [] : [`exit ${run.exit}, expected ${expected.join(' or ')}`];
}

/** One `deeptune: error:` line that names what it should; nothing else but notes. */
function checkMessage(testCase, run) {
  const errLines = lines(run.stderr);
  const errors = errLines.filter((line) => line.startsWith(ERROR_PREFIX));
  if (run.exit === 0 || run.exit === null) {
    return errors.length === 0 ? [] : [`succeeded but printed '${clip(errors[0], 60)}'`];
  }
  const reasons = [];
  if (errors.length === 0) reasons.push(`no '${ERROR_PREFIX}' line on stderr`);
  if (errors.length > 1) reasons.push(`${errors.length} error lines`);
  const other = errLines.filter((line) => !line.startsWith('deeptune: '));
  if (other.length > 0) reasons.push(`${other.length} more stderr lines: '${clip(other[0], 60)}'`);
  const message = (errors[0] ?? '').toLowerCase();
  const missing = (testCase.says ?? []).filter((part) => !message.includes(part.toLowerCase()));
  if (errors.length > 0 && missing.length > 0) {
    reasons.push(`message does not name ${missing.map((part) => `'${part}'`).join(', ')}`);
  }
  return reasons;
}

/** No stack trace on either stream, no raw Node/V8 error text on stderr. */
function checkLeaks(testCase, run) {
  const reasons = [];
  if ([...lines(run.stderr), ...lines(run.stdout)].some((line) => /^\s+at /.test(line))) {
    reasons.push('stack trace');
  }
  const allowed = new Set(testCase.allow ?? []);
  for (const [label, pattern] of LEAKS) {
    if (allowed.has(label)) continue;
    const match = pattern.exec(run.stderr);
    if (match !== null) reasons.push(`raw ${label} '${match[0]}'`);
  }
  return reasons;
}

/**
 * Every reason why a run was not handled cleanly.
 *
 * @param {object} testCase - the case (see cases/index.mjs).
 * @param {object} run - what runCli returned.
 * @param {object} observed - `fsChanges` (touched outside the case folder), `markerWritten`,
 *   `verify` (the case's own check, a reason or undefined) and `timeoutMs`.
 * @returns {string[]}
 */
export function judge(testCase, run, { fsChanges, markerWritten, verify, timeoutMs }) {
  const reasons = [
    ...checkTermination(testCase, run, timeoutMs),
    ...checkMessage(testCase, run),
    ...checkLeaks(testCase, run),
  ];
  const peakMb = run.peakRssKb === undefined ? undefined : run.peakRssKb / 1024;
  if (peakMb !== undefined && peakMb >= RSS_LIMIT_MB) {
    reasons.push(`peak RSS ${Math.round(peakMb)} MB ≥ ${RSS_LIMIT_MB} MB`);
  }
  if (testCase.beforeTraining === true && /^epoch \d/m.test(run.stdout)) {
    reasons.push('trained before refusing');
  }
  if (markerWritten) reasons.push('a plugin module was imported (marker file written)');
  if (fsChanges.length > 0) {
    const shown = fsChanges.slice(0, 3).join(', ');
    reasons.push(`touched outside its folder: ${shown}${fsChanges.length > 3 ? ', …' : ''}`);
  }
  if (verify !== undefined) reasons.push(verify);
  return reasons;
}
