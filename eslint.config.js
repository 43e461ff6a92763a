// Lint rules for the whole project: type-aware typescript-eslint, and the layering of DESIGN.md as import rules.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// DESIGN.md, "Layout": "Dependencies point one way: web, cli → services → repositories → db;
// everything may use domain; domain uses nothing." export/ and import/ are serialisers and
// readers with no HTTP or database knowledge, used by services, web and cli. Each zone names
// the folders a layer may not import from (a dependency against that direction).
const layers = [
  { target: './src/domain', from: ['./src/db', './src/repositories', './src/services', './src/export', './src/import', './src/web', './src/cli'] },
  { target: './src/db', from: ['./src/repositories', './src/services', './src/export', './src/import', './src/web', './src/cli'] },
  { target: './src/repositories', from: ['./src/services', './src/export', './src/import', './src/web', './src/cli'] },
  { target: './src/export', from: ['./src/db', './src/repositories', './src/services', './src/import', './src/web', './src/cli'] },
  { target: './src/import', from: ['./src/db', './src/repositories', './src/services', './src/export', './src/web', './src/cli'] },
  { target: './src/services', from: ['./src/web', './src/cli'] },
  { target: './src/web', from: ['./src/db', './src/repositories', './src/cli'] },
  { target: './src/cli', from: ['./src/repositories'] },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.bench/', 'coverage/', 'src/web/public/', 'bin/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // import-x parses each imported file itself to follow cycles; it needs the TypeScript parser for .ts.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'import-x/no-restricted-paths': ['error', { zones: layers }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    // Every address the app serves is built in src/web/paths.ts (a route's pattern and its links
    // come from one place), so no route file spells an address of the workspace itself.
    files: ['src/web/routes/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'Literal[value=/^\\/admin/]', message: 'Take workspace addresses from paths.admin (a route and its pattern).' },
        { selector: 'TemplateElement[value.raw=/^\\/admin/]', message: 'Take workspace addresses from paths.admin (a route and its pattern).' },
      ],
    },
  },
  {
    // In a test a missing value fails the test at the line that assumed it, which is what the
    // test is for; the rule guards production code, where it would be a crash in front of a user.
    files: ['test/**/*.ts', 'src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Plain JavaScript files (this one) are not in the TypeScript project.
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
