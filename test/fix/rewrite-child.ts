// Child process for the kill test: starts a rewrite and stops forever after the first data chunk.
import { rewriteTensorNames } from '../../src/fix/rewrite-safetensors.js';

const [path, from, to] = process.argv.slice(2);
await rewriteTensorNames(path!, new Map([[from!, to!]]), {
  afterChunk: async () => {
    process.stdout.write('paused\n');
    await new Promise(() => {});
  },
});
