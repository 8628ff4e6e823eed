// ESLint for the web app (src/, vite.config.ts) and the browser tests (../tests/e2e/*.mjs).
// Prettier formats; eslint-config-prettier (last) turns off every rule that would disagree with it.
// Why these plugins and rules: docs/adr/0099-eslint.md.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { resolve } from 'node:path';
import tseslint from 'typescript-eslint';

// `npm run lint` starts ESLint in the repository root so that tests/e2e is inside its base path;
// each block names its own base directory, so the patterns read the same when started in web/.
const web = import.meta.dirname;
const e2e = resolve(web, '../tests/e2e');

export default defineConfig(
  { basePath: web, ignores: ['dist/', 'public/'] },
  {
    basePath: web,
    files: ['src/**/*.{ts,tsx}', 'vite.config.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.node.json'],
        tsconfigRootDir: web,
      },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // Preact drops what an event handler returns; the async handlers report their own failures.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      // The two hooks rules that read Preact's hooks by name. The plugin's React Compiler rules
      // know hooks only when imported from 'react': with 'preact/hooks' they misread refs.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    basePath: e2e,
    files: ['*.mjs'],
    extends: [js.configs.recommended],
    // Node runs these files; the callbacks they pass to page.evaluate() run in the browser.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  prettier,
);
