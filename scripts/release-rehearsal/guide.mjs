// The runnable parts of a guide: files to write and shell commands to run, in order.
//
// Convention (docs/guides/custom-optimizer.md follows it):
//   - A fenced code block whose info string has a `file=NAME` attribute is a file of the
//     reader's project, written verbatim to NAME:  ```js file=lion.mjs   ```json file=package.json
//     NAME is a relative path (folders allowed, no `..`); it may be quoted: file="my file.mjs".
//   - A fenced block of language `sh` without `file=` holds commands the reader types, run in
//     order from the project folder: one line is one command (run by /bin/sh), a line ending
//     with `\` continues on the next, blank lines and lines starting with `#` are skipped, and
//     a leading `$ ` prompt is dropped. `sh no-run` blocks are shown but not run.
//   - Every other block (```ts, ```text, ```bash, …) is prose for the reader and is ignored.

/**
 * @typedef {object} GuideFile
 * @property {string} name - the relative path given by `file=`.
 * @property {string} language - the block's language (`js`, `json`, …), may be empty.
 * @property {string} content - the block's text, ending with a newline.
 * @property {number} line - the 1-based line of the opening fence.
 */

/**
 * @typedef {object} GuideCommand
 * @property {string} command - the command line, continuation lines joined.
 * @property {number} line - the 1-based line where the command starts.
 */

/**
 * Reads the `file=` blocks and the `sh` commands of a Markdown guide.
 *
 * @param {string} markdown - the guide's text.
 * @returns {{ files: GuideFile[], commands: GuideCommand[] }}
 * @throws {Error} on an unterminated fence, an unsafe or repeated file name.
 */
export function extractGuide(markdown) {
  const lines = markdown.split(/\r?\n/);
  /** @type {GuideFile[]} */
  const files = [];
  /** @type {GuideCommand[]} */
  const commands = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (open === null) continue;
    const [, indent, fence, info] = open;
    if (fence[0] === '`' && info.includes('`')) continue; // not a fence (CommonMark)
    const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const body = [];
    let end = i + 1;
    while (end < lines.length && !closing.test(lines[end])) {
      // Content lines lose up to the opening fence's indentation (CommonMark).
      body.push(lines[end].replace(new RegExp(`^ {0,${indent.length}}`), ''));
      end++;
    }
    if (end === lines.length) {
      throw new Error(`line ${i + 1}: the code block opened here is never closed`);
    }
    const [language = '', ...attributes] = info.trim().split(/\s+/);
    const name = fileAttribute(attributes);
    if (name !== undefined) {
      checkFileName(name, i + 1);
      const earlier = files.find((file) => file.name === name);
      if (earlier !== undefined) {
        throw new Error(
          `line ${i + 1}: file=${name} was already given at line ${earlier.line}; ` +
            'give each file once (drop `file=` from a block that only illustrates)',
        );
      }
      files.push({ name, language, content: `${body.join('\n')}\n`, line: i + 1 });
    } else if (language === 'sh' && !attributes.includes('no-run')) {
      commands.push(...shellCommands(body, i + 2));
    }
    i = end;
  }
  return { files, commands };
}

/** The value of a `file=NAME` attribute (quotes removed), or undefined. */
function fileAttribute(attributes) {
  for (const attribute of attributes) {
    const match = /^file=(?:"([^"]+)"|'([^']+)'|(\S+))$/.exec(attribute);
    if (match !== null) return match[1] ?? match[2] ?? match[3];
  }
  return undefined;
}

/** Refuses absolute paths and `..`, so that a guide writes only inside its folder. */
function checkFileName(name, line) {
  const parts = name.split(/[\\/]/);
  if (
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    parts.includes('..') ||
    parts.includes('')
  ) {
    throw new Error(`line ${line}: file=${name} must be a relative path inside the project folder`);
  }
}

/** The commands of an `sh` block whose first line is line `firstLine` of the guide. */
function shellCommands(body, firstLine) {
  const commands = [];
  let pending = '';
  let start = 0;
  body.forEach((raw, index) => {
    let text = raw.trim();
    if (pending === '') {
      if (text === '' || text.startsWith('#')) return;
      if (text.startsWith('$ ')) text = text.slice(2);
      start = firstLine + index;
    }
    if (text.endsWith('\\')) {
      pending += `${text.slice(0, -1).trimEnd()} `;
      return;
    }
    commands.push({ command: pending + text, line: start });
    pending = '';
  });
  if (pending !== '') commands.push({ command: pending.trim(), line: start });
  return commands;
}

/**
 * Splits a command line into words the way a shell would for simple cases (quotes and
 * backslashes), enough to find flags such as `--save models/lion`.
 *
 * @param {string} command
 * @returns {string[]}
 */
export function splitWords(command) {
  const words = [];
  let word = '';
  let quote = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const char = command[i];
    if (quote !== '') {
      if (char === quote) quote = '';
      else if (char === '\\' && quote === '"' && i + 1 < command.length) word += command[++i];
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/**
 * The value of `--name value` or `--name=value` in a command, or undefined.
 *
 * @param {string} command
 * @param {string} name - the flag without dashes, e.g. `save`.
 * @returns {string | undefined}
 */
export function flagValue(command, name) {
  const words = splitWords(command);
  for (let i = 0; i < words.length; i++) {
    if (words[i] === `--${name}` && i + 1 < words.length) return words[i + 1];
    if (words[i].startsWith(`--${name}=`)) return words[i].slice(name.length + 3);
  }
  return undefined;
}
