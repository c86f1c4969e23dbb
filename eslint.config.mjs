// The layering rule (shared ← electron, shared ← renderer) is enforced twice: by the per-folder
// tsconfigs (the compiler refuses files outside a project) and here, with a readable message.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'stream',
  'worker_threads',
  'url',
  'util',
  'zlib',
  'buffer',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'build/**',
      'release/**',
      'node_modules/**',
      'test-output/**',
      'tests/fixtures/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: NODE_BUILTINS, message: 'shared/ is pure TypeScript: no Node APIs.' },
            {
              group: ['electron', 'better-sqlite3', 'react', 'react-dom'],
              message: 'shared/ runs everywhere: no runtime-specific packages.',
            },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ may import only shared/.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: NODE_BUILTINS, message: 'The renderer runs in a sandboxed page: no Node APIs.' },
            {
              group: ['electron', 'better-sqlite3'],
              message: 'The renderer talks to the core only through the API contract.',
            },
            { group: ['**/electron/**'], message: 'The renderer may import only shared/ and renderer/.' },
          ],
        },
      ],
    },
  },
  {
    files: [
      'electron/**/*.ts',
      'scripts/**/*.{ts,mjs}',
      'tests/**/*.{ts,tsx}',
      'resources/**/*.mjs',
      'bin/**/*.js',
      '*.cjs',
      '*.mjs',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.jest } },
    // Stand-ins for Electron's API mirror loosely typed objects; production code keeps the rule.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
