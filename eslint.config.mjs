// Lint rules that carry the project's standards beyond what `tsc --strict` checks:
// no `any`, every promise awaited or explicitly voided (un-awaited sends lose errors),
// no stray console output in the product code (logs go through the redacting logger).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'lib/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      'data/**',
      '.sandbox/**',
      'jest.config.js',
      'eslint.config.mjs',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The consent core is reached through its index only, so its inner files can move freely.
    files: ['src/**/*.ts'],
    ignores: ['src/consent/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/consent/*'], message: "Import from the consent core's index ('../consent')." }] },
      ],
    },
  },
);
