import { defineProject, mergeConfig } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.js';

// The Chromium tests train real models while the rest of the suite runs on the same 2 cores:
// generous limits that only catch hangs (every wait inside a test is for a condition). Two
// test files at a time: much of a browser test is waiting on Chromium, a separate process.
export default mergeConfig(
  sharedProjectConfig(import.meta.dirname),
  defineProject({ test: { testTimeout: 600_000, hookTimeout: 600_000, maxWorkers: 2 } }),
);
