import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '**/dist/**', 'node_modules/**', '.data/**', 'bin/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Test function apps are plain JavaScript that the host loads as the Node worker would.
    files: ['test/apps/**/*.js', 'test/apps/**/*.cjs', 'test/apps/**/*.mjs', 'bench/apps/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', process: 'readonly',
        Buffer: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', ReadableStream: 'readonly',
        TextEncoder: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/apps/esm/**/*.js', 'test/apps/**/*.mjs'],
    languageOptions: { sourceType: 'module' },
  },
  {
    // The studio's pages run these scripts in the browser (served as they are, no bundler).
    files: ['src/studio/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly', document: 'readonly', location: 'readonly', fetch: 'readonly', URL: 'readonly', URLSearchParams: 'readonly',
        sessionStorage: 'readonly', TextDecoder: 'readonly', Node: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
      },
    },
  },
  {
    // Orchestrations and the model are pure: no I/O, no clocks, no randomness.
    files: ['src/orchestrations/**/*.ts', 'src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'child_process', 'http', 'https', 'os', 'crypto', 'net'], message: 'Pure layer: no Node built-ins.' },
          { group: ['**/adapters/**', '**/host/**', '@azure/*'], message: 'Pure layer: no adapters or SDKs.' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use the injected clock / context.df.currentUtcDateTime.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use context.df.newGuid() or an injected id source.' },
      ],
    },
  },
);
