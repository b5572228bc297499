let counter = 0;

/** A document-unique id for label/control pairs: `dt-<prefix>-<n>`. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `dt-${prefix.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${counter}`;
}
