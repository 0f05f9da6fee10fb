// `npm run bench [-- read lint merge action]`: each benchmark in its own process, so each peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const BENCHES: Readonly<Record<string, { file: string; title: string; args: string[] }>> = {
  read: {
    file: 'read-bench.ts',
    title: 'safetensors read: raw reads vs full value scan (issue 2)',
    args: [],
  },
  lint: {
    file: 'lint-bench.ts',
    title: 'lint: 500 small adapters, one 7B all-linear r=64 adapter (issue 3)',
    args: [],
  },
  merge: {
    file: 'merge-bench.ts',
    title: 'merge checks against a 2 GB bf16 base (issue 5)',
    args: ['--size-gb', '2'],
  },
  fix: { file: 'fix-bench.ts', title: '--fix on a 610 MiB adapter vs a plain file copy (issue 6)', args: [] },
  action: {
    file: 'action-startup.ts',
    title: 'bundled Action start-up on examples/adapters (issue 4)',
    args: [],
  },
};

const selected = process.argv.slice(2).filter((name) => !name.startsWith('-'));
const names = selected.length > 0 ? selected : Object.keys(BENCHES);
const unknown = names.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}`,
  );
  process.exit(2);
}

console.log(
  `machine: ${availableParallelism()} threads, ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
let failed = false;
for (const name of names) {
  const bench = BENCHES[name]!;
  console.log(`\n== ${bench.title}`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL(bench.file, import.meta.url)), ...bench.args],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) {
    console.error(`benchmark ${name} failed (exit ${result.status ?? result.signal})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
