// Type-aware lint (STYLE habit 2): typescript-eslint strictTypeChecked over functions/, test/ and bench/.
// Prettier owns formatting (eslint-config-prettier switches off every rule that would argue with it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.aws-sam/', '.local-invoke/', '.bench/', 'coverage/'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      // `const { Transform: _transform, ...fragment } = template` is how a copy leaves keys out; the named
      // binding exists only to take its key from the rest, so it is not an unused variable.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // Template values are untyped data; numbers in messages are always wrapped in String().
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: false }],
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always'],
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: { curly: ['error', 'all'], eqeqeq: ['error', 'always'] },
  },
  {
    // STYLE habit 9: functions short enough to read at once (declarative tables are data, not functions).
    files: ['functions/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Test tables export many small helpers whose types are obvious from their use.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/explicit-module-boundary-types': 'off' },
  },
  {
    // Tests edit templates (mutation operators, overrides) and process.env in place. Both are plain
    // records by nature, not maps the code could choose to make a Map; `delete` is how a key goes.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-dynamic-delete': 'off' },
  },
  prettier,
);
