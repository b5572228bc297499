import type { UserWorkspaceConfig } from 'vitest/config';

/**
 * The vitest settings every package shares: tests run against the sources through the
 * `@deeptune/source` export condition, so no build is needed first.
 */
export function sharedProjectConfig(root: string): UserWorkspaceConfig {
  return {
    root,
    resolve: { conditions: ['@deeptune/source', 'module', 'browser', 'development|production'] },
    ssr: {
      resolve: { conditions: ['@deeptune/source', 'module', 'node', 'development|production'] },
    },
    test: {
      include: ['tests/**/*.test.ts'],
      environment: 'node',
      testTimeout: 60_000,
    },
  };
}
