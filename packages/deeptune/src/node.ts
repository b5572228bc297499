/**
 * The Node-only parts of deeptune: reading IDX files, MNIST and CSV (`@deeptune/data/node`),
 * saving, loading and checkpointing models (`@deeptune/train/node`), and
 * {@link createDefaultNodeRegistry}.
 *
 * @packageDocumentation
 */
export { readIdx, mnist, readCsv, readRegularFile } from '@deeptune/data/node';
export type { Mnist, MnistOptions, ReadRegularFileOptions } from '@deeptune/data/node';
export {
  saveModel,
  checkSaveTarget,
  loadModel,
  checkpoint,
  checkpointPlugin,
} from '@deeptune/train/node';
export type {
  SaveModelOptions,
  LoadModelOptions,
  LoadedModel,
  CheckpointOptions,
} from '@deeptune/train/node';
export { journalStorage, readJournal } from '@deeptune/tune/node';
export type {
  JournalStorage,
  JournalStorageOptions,
  JournalContents,
  ReadJournalOptions,
} from '@deeptune/tune/node';
export { createDefaultNodeRegistry } from './create-default-node-registry.js';
