// Builds the committed bundle in dist/: the Action, the CLI, the pool's task file and piscina's own worker.
// Output is deterministic (no timestamps, no hashes, no sourcemaps), so CI can rebuild and diff it.
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

// piscina starts each thread from `worker.js` beside its own module (resolved through __dirname). Its module
// lives inside dist/index.js and dist/cli.js, so its worker must be dist/worker.js; our task file must
// therefore never be called worker.js.
const entryPoints = {
  index: 'src/action/index.ts',
  cli: 'src/cli-entry.ts',
  'pool-task': 'src/pool/worker-entry.ts',
  worker: 'node_modules/piscina/dist/worker.js',
};

// piscina is CommonJS: in an ESM bundle it needs require, __filename and __dirname, taken from the bundle file.
const banner = [
  "import { createRequire as __bundleCreateRequire } from 'node:module';",
  "import { fileURLToPath as __bundleFileURLToPath } from 'node:url';",
  "import { dirname as __bundleDirname } from 'node:path';",
  'const require = __bundleCreateRequire(import.meta.url);',
  'const __filename = __bundleFileURLToPath(import.meta.url);',
  'const __dirname = __bundleDirname(__filename);',
].join('\n');

const missing = Object.values(entryPoints).filter((entry) => !existsSync(join(root, entry)));
if (missing.length > 0) {
  console.error(`bundle: missing entry points: ${missing.join(', ')}`);
  process.exit(1);
}

rmSync(dist, { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  entryPoints,
  outdir: dist,
  entryNames: '[name]',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: banner },
  // Sourcemaps would double the committed size and Node ignores them without --enable-source-maps;
  // expected failures are reported as messages, not stack traces.
  sourcemap: false,
  minify: false,
  legalComments: 'eof',
  charset: 'utf8',
  // Optional native helper piscina tries to load inside a try/catch; absent on runners.
  external: ['@napi-rs/nice'],
  logLevel: 'warning',
  metafile: true,
}).catch(() => process.exit(1)); // esbuild has already printed the errors

for (const [file, info] of Object.entries(result.metafile.outputs).sort()) {
  console.log(`${file}  ${(info.bytes / 1024).toFixed(0)} KiB`);
}
