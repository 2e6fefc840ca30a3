import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The product (src/) never loads the dev tools (dev/) statically: main.ts imports dev/local
 * with a dynamic import() when a stand-in is needed, which this rule does not check. A later
 * block that sets `no-restricted-imports` for some src/ files replaces these options there:
 * spread SRC_NOT_DEV into its patterns.
 */
export const SRC_NOT_DEV = {
  group: ['**/dev', '**/dev/**'],
  message: 'src/ is the product and never imports dev/ (local dev tools); describe what you need in src/ports/local-mode.ts instead.',
};

/** The dev tools use the product's public ports and types only, never its runtime code. */
export const DEV_TYPES_OF_SRC = {
  group: ['**/src', '**/src/**'],
  allowTypeImports: true,
  message: 'dev/ may import src/ only with `import type` (its ports and types), never runtime values.',
};

/**
 * The arrows between the product's folders (docs/architecture.md): each layer names the folders
 * of src/ it may not import. Inside: domain (the model), views (what surfaces draw), ports (the
 * interfaces we own), services (use cases). Outside: the adapters, which may import the inside
 * but not each other, except slack/, the runtime, which calls the services.
 */
const ADAPTERS = ['innerspace', 'storage', 'charts', 'slack', 'scheduling', 'clock'];
const ROOTS = ['app', 'main'];
const LAYERS = [
  { folder: 'domain', banned: ['ports', 'views', 'services', 'config', 'logging', 'cache', ...ADAPTERS, ...ROOTS], says: 'domain/ is the model: it imports nothing of ours but errors/' },
  { folder: 'views', banned: ['ports', 'services', 'config', 'logging', 'cache', ...ADAPTERS, ...ROOTS], says: 'views/ are plain data drawn from the domain: they import only domain/' },
  { folder: 'ports', banned: ['services', 'config', 'cache', ...ADAPTERS, ...ROOTS], says: 'ports/ are interfaces over the domain and views: no services, adapters or config' },
  { folder: 'services', banned: ['config', ...ADAPTERS, ...ROOTS], says: 'services/ are use cases: they act through ports/ and return views/, never import an adapter' },
  ...['innerspace', 'storage', 'charts', 'scheduling', 'clock'].map((folder) => ({
    folder,
    banned: ['services', ...ADAPTERS.filter((a) => a !== folder), ...ROOTS],
    says: `${folder}/ is an adapter: it implements ports/ and imports neither services/ nor another adapter`,
  })),
  { folder: 'slack', banned: ['innerspace', 'storage', 'charts', 'scheduling', 'clock', ...ROOTS], says: 'slack/ reaches the other adapters only through services/ and ports/' },
];

const layerBlocks = LAYERS.map(({ folder, banned, says }) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          SRC_NOT_DEV,
          // Relative paths only climb out of the folder through '../', so the first folder
          // named after the climb is the one imported.
          { regex: `^(\\.\\./)+(${banned.join('|')})(/|$)`, message: `${says} (docs/architecture.md).` },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'artifacts/**', 'dev/console/public/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SRC_NOT_DEV] }] },
  },
  ...layerBlocks,
  {
    files: ['dev/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [DEV_TYPES_OF_SRC] }] },
  },
  {
    files: ['bench/**/*.ts', 'dev/simulator/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly', console: 'readonly', window: 'readonly', document: 'readonly', fetch: 'readonly', EventSource: 'readonly', Chart: 'readonly' } },
  },
);
