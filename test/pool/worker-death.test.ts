// A worker that dies holds two tasks (piscina fails both): only the task that killed it is reported, the
// one queued beside it still gets its result, and the tasks waiting in the pool's queue still run.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { piscinaExecutor } from '../../src/pool/index.js';
import { llamaLora, peftConfig, writeAdapterFolder } from '../helpers/adapters.js';
import { removeDir, runCheck, tempDir, writeSmallLlamaMerge } from '../merge/fixtures.js';

const crashTask = {
  filename: new URL('../helpers/crash-task.ts', import.meta.url).href,
  execArgv: ['--import', 'tsx'],
};

vi.mock('../../src/pool/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/pool/index.js')>();
  return {
    ...real,
    createExecutor: (threads: number) =>
      threads <= 0 ? real.createExecutor(0) : real.piscinaExecutor(threads, crashTask),
  };
});
const { lint } = await import('../../src/lint.js');

/** Small PEFT adapter folders `names` in `dir`. */
async function writeSmallAdapters(dir: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    await writeAdapterFolder(join(dir, name), {
      tensors: llamaLora(1, { inFeatures: 16, outFeatures: 16 }),
      config: peftConfig({ r: 4, lora_alpha: 8 }),
    });
  }
}

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  delete process.env.ADAPTER_LINT_TEST_CRASH;
  await removeDir(dir);
});

describe('a worker that dies', () => {
  it('in a merge tile: that module gets the error, every other module (the one beside it too) is checked', async () => {
    await writeSmallLlamaMerge(dir);
    const config = peftConfig({ r: 4, lora_alpha: 8 });
    const inline = await runCheck(dir, 'adapter.safetensors', config, { threads: 0 });

    process.env.ADAPTER_LINT_TEST_CRASH = 'layers.1.self_attn.q_proj';
    const executor = piscinaExecutor(1, crashTask);
    const pooled = await runCheck(dir, 'adapter.safetensors', config, { executor });
    const failed = pooled.stats.filter((s) => s.error !== undefined);
    expect(failed.map((s) => s.module)).toEqual(['model.layers.1.self_attn.q_proj']);
    expect(failed[0]!.error).toContain('worker exited with code: 1');
    const others = (stats: typeof inline.stats) =>
      stats.filter((s) => s.module !== 'model.layers.1.self_attn.q_proj');
    expect(others(pooled.stats)).toEqual(others(inline.stats));
  });

  it('in a value scan: one finding for that file, and the adapters queued behind it are still linted', async () => {
    await writeSmallAdapters(dir, ['a', 'b', 'c', 'd']);
    process.env.ADAPTER_LINT_TEST_CRASH = join('a', 'adapter_model.safetensors');
    const report = await lint({ cwd: dir, paths: ['a', 'b', 'c', 'd'], threads: 1 });
    expect(report.findings.map((f) => [f.ruleId, f.file])).toEqual([
      ['AL101', 'a/adapter_model.safetensors'],
    ]);
    expect(report.findings[0]!.message).toContain('worker exited with code: 1');
    expect(report.adapters.map((a) => a.path).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('with nothing left to run after it: lint() returns, and nothing of the pool surfaces after close', async () => {
    await writeSmallAdapters(dir, ['a', 'b']);
    process.env.ADAPTER_LINT_TEST_CRASH = join('a', 'adapter_model.safetensors');
    const report = await lint({
      cwd: dir,
      paths: ['a', 'b'],
      threads: 1,
      rules: { AL301: 'off', AL302: 'off' },
    });
    expect(report.findings.map((f) => [f.ruleId, f.file])).toEqual([
      ['AL101', 'a/adapter_model.safetensors'],
    ]);
    // A late 'error' from a pool (an answer after destroy) would fail this file as an unhandled error.
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
});

describe('the executor', () => {
  it('runs a failing task once more, reports its own error, and closes without a late error', async () => {
    const executor = piscinaExecutor(1, crashTask);
    const bogus = { kind: 'merge', payload: { type: 'bogus' } } as const;
    await expect(executor.run(bogus)).rejects.toThrow('unknown merge task bogus');
    await executor.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
  });

  it('close() while a task runs: the task fails with the pool and is not started again elsewhere', async () => {
    const executor = piscinaExecutor(1, crashTask);
    const sleep = { kind: 'merge', payload: { type: 'sleep' } } as const;
    expect(await executor.run(sleep)).toBe('slept');
    const outcome = executor.run(sleep).then(
      (value) => value,
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await executor.close();
    expect(await outcome).toMatch(/terminat/i);
  });
});
