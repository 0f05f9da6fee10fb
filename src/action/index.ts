// The Action's entry point (bundled as dist/index.js). A failure outside run()'s own handling (a worker that
// cannot start, an error thrown later from a callback) still fails the step with an ::error:: line saying so,
// never only Node's stack trace and exit code.
import * as core from '@actions/core';

function die(error: unknown): never {
  core.setOutput('result', 'error');
  core.setFailed(`adapter-lint failed: ${(error as Error)?.message ?? String(error)}`);
  process.exit(process.exitCode ?? 1);
}

process.on('uncaughtException', die);
process.on('unhandledRejection', die);

const { run } = await import('./main.js').catch(die);
await run();
// The API client's idle keep-alive sockets would hold the process open for seconds after the work is done;
// everything is written by now, and setFailed has set process.exitCode.
process.exit();
