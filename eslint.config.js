import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/api-docs/**', 'docs/api/**', '**/node_modules/**', '**/.turbo/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: [
      'examples/**/*.mjs',
      'scripts/**/*.mjs',
      '**/bench/**/*.mjs',
      'apps/*/scripts/**/*.mjs',
    ],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        performance: 'readonly',
        URL: 'readonly',
      },
    },
  },
  {
    // ARCHITECTURE (Reproducibility): library randomness comes from a seeded Rng. Where
    // Math.random is truly wanted, disable the rule on that line and say why.
    files: ['packages/*/src/**', 'apps/*/src/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message:
            'Use the seeded Rng of @deeptune/core (an `rng` option, or getDefaultRng()) so runs are reproducible. If Math.random is really meant, add `// eslint-disable-next-line no-restricted-properties -- <reason>`.',
        },
      ],
    },
  },
  {
    files: ['**/tests/**', '**/bench/**', 'examples/**', 'scripts/**', 'apps/*/scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
