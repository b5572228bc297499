import { defineProject, mergeConfig } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.js';

// Most of these tests wait on `deeptune` child processes: two test files at a time keep both
// cores busy (vitest runs one at a time on 2 cores by default; 138 s against 171 s alone).
export default mergeConfig(
  sharedProjectConfig(import.meta.dirname),
  defineProject({ test: { maxWorkers: 2 } }),
);
