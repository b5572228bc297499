/** A key that a JSON object holds twice, and where its second occurrence starts. */
export interface DuplicateJsonKey {
  /** The key, decoded. */
  readonly key: string;
  /** The 1-based line of the second occurrence. */
  readonly line: number;
  /** The 1-based column of the second occurrence. */
  readonly column: number;
}

/**
 * Finds the first key that occurs twice in one object of a JSON text. `JSON.parse` keeps the
 * last of two equal keys without a word, so a config file's `"lr": 0.1, …, "lr": 1` would
 * silently mean `lr: 1`. The text must already be valid JSON (parse it first).
 *
 * @param text - valid JSON.
 * @returns the duplicate and where it is, or `undefined` when every object's keys are unique.
 */
export function findDuplicateJsonKey(text: string): DuplicateJsonKey | undefined {
  // One entry per open container: the keys seen so far (objects) or null (arrays).
  const stack: (Set<string> | null)[] = [];
  let expectingKey = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '{') {
      stack.push(new Set());
      expectingKey = true;
    } else if (char === '[') {
      stack.push(null);
      expectingKey = false;
    } else if (char === '}' || char === ']') {
      stack.pop();
      expectingKey = false;
    } else if (char === ',') {
      expectingKey = stack.at(-1) instanceof Set;
    } else if (char === '"') {
      const start = i;
      for (i += 1; text[i] !== '"'; i++) if (text[i] === '\\') i += 1;
      const keys = stack.at(-1);
      if (expectingKey && keys instanceof Set) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (keys.has(key)) {
          const before = text.slice(0, start);
          const line = before.split('\n').length;
          return { key, line, column: start - before.lastIndexOf('\n') };
        }
        keys.add(key);
        expectingKey = false;
      }
    }
  }
  return undefined;
}
