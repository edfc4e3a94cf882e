// Flat config: ESLint's recommended rules and typescript-eslint's recommended set (syntactic only,
// no type information, so `npm run lint` stays fast). Prettier owns formatting.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node's globals for the plain JavaScript files (rollup/jest configs, scripts). */
const NODE_GLOBALS = Object.fromEntries(
  [
    'Buffer',
    'URL',
    'URLSearchParams',
    'TextDecoder',
    'TextEncoder',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'globalThis',
    'performance',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);

/**
 * Layering (issue 13): src/core is the bottom and imports nothing outside itself; src/lang knows
 * Python only; src/models builds domain models on it; rules read models and never another
 * family's folder; nothing below the engine reaches the outside.
 */
const FAMILIES = ['transport', 'secrets', 'crypto', 'auth', 'design'];
const group = (names, message) => ({ group: names, message });
const NOT_ABOVE_MODELS = [
  group(['**/rules', '**/rules/**'], 'src/models and src/lang may not import rules.'),
  group(['**/engine', '**/engine/**'], 'src/models and src/lang may not import the engine.'),
];
const RULES_OUTSIDE = [
  group(['**/github/**', '**/action/**', '**/grade/**'], 'Rules may not import src/github, src/action or src/grade.'),
  group(['fs', 'node:fs', 'fs/*', 'node:fs/*'], 'Rules read the file from their context, never the file system.'),
];
const layering = [
  {
    // src/core is the bottom layer: plain types and helpers every layer may use, importing nothing
    // outside its own folder.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [group(['../*', '../**'], 'src/core imports nothing outside src/core.')] },
      ],
    },
  },
  {
    files: ['src/lang/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [group(['**/models', '**/models/**'], 'src/lang may not import src/models.'), ...NOT_ABOVE_MODELS],
        },
      ],
    },
  },
  {
    files: ['src/models/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: NOT_ABOVE_MODELS }] },
  },
  {
    files: ['src/rules/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: RULES_OUTSIDE }] },
  },
  ...FAMILIES.map((family) => ({
    files: [`src/rules/${family}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...RULES_OUTSIDE,
            group(
              FAMILIES.filter((f) => f !== family).flatMap((f) => [`../${f}/*`, `../../rules/${f}/*`]),
              `A ${family} rule may not import another family's code: move what it shares to src/models.`,
            ),
          ],
        },
      ],
    },
  })),
];

export default defineConfig(
  {
    ignores: ['dist/', 'build/', 'node_modules/', 'coverage/', 'examples/', '.bench/', 'docs/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    rules: {
      // `_name` marks a parameter or binding kept for its position (callbacks, destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  ...layering,
);
