/**
 * The synchronous `parse` of csv-parse's browser build, re-exported from a module of its own.
 *
 * That build starts with a Buffer polyfill (top-level side effects), so a bundler keeps it
 * whenever a file importing it is kept. The build makes this module an entry of its own
 * (see `tsup.config.ts`): its import then sits alone in a file of this side-effect-free
 * package, which bundlers drop, with csv-parse, from apps that never call `parseCsv`.
 * @internal
 */
export { parse } from 'csv-parse/browser/esm/sync';
