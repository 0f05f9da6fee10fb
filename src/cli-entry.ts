// The executable's entry (bundled to dist/cli.js): run main() and hand its code to the process.
// Any failure outside main() (a module that fails to load, an error thrown later from a callback) exits 2,
// never Node's default 1, which would read as "findings".
function die(error: unknown): never {
  process.stderr.write(`adapter-lint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
  if (process.env.ADAPTER_LINT_DEBUG && (error as Error)?.stack)
    process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(2);
}

process.on('uncaughtException', die);
process.on('unhandledRejection', die);

import('./cli.js').then(async ({ main }) => {
  process.exitCode = await main(process.argv.slice(2));
}, die);
