#!/usr/bin/env node
// The installed command: the bundled CLI sets process.exitCode itself.
import('../dist/cli.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write(
      'adapter-lint: dist/cli.js is missing; run `npm run bundle` (or use `npx tsx src/cli-entry.ts`).\n',
    );
  } else {
    process.stderr.write(`adapter-lint: ${error?.stack ?? error}\n`);
  }
  process.exitCode = 2;
});
