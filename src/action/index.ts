// The Action's entry point (bundled as dist/index.js).
import { run } from './main.js';

await run();
// The API client's idle keep-alive sockets would hold the process open for seconds after the work is done;
// everything is written by now, and setFailed has set process.exitCode.
process.exit();
