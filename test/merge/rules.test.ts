// AL501–AL505 read only context.merge: each is driven here with hand-made per-module stats.
import { describe, expect, it } from 'vitest';
import { al501BaseMismatch } from '../../src/rules/al501-base-mismatch.js';
import { al502MergeNoOp } from '../../src/rules/al502-merge-no-op.js';
import { al503PrecisionLoss } from '../../src/rules/al503-precision-loss.js';
import { al504MergedMismatch } from '../../src/rules/al504-merged-mismatch.js';
import { al505MergeOverflow } from '../../src/rules/al505-merge-overflow.js';
import type { Rule, RuleContext } from '../../src/rules/rule.js';
import type { Adapter, ModuleMergeStats, ReportInput } from '../../src/types.js';

const file = {
  file: 'a/adapter_model.safetensors',
  absPath: '/x',
  kind: { kind: 'safetensors' as const },
  header: null,
};
const adapter = {
  path: 'a',
  modules: ['q', 'v'].map((n) => ({
    name: n,
    kind: 'linear',
    down: { name: `base_model.model.${n}.lora_A.weight`, file },
  })),
} as unknown as Adapter;

function stats(module: string, extra: Partial<ModuleMergeStats> = {}): ModuleMergeStats {
  return {
    adapter: 'a',
    module,
    baseTensor: `${module}.weight`,
    scale: 2,
    updateNorm: 1,
    baseNorm: 10,
    ratio: 0.1,
    ...extra,
  };
}

function run(rule: Rule, merge: ModuleMergeStats[] | null): ReportInput[] {
  const out: ReportInput[] = [];
  const context: RuleContext = { adapter, merge, noOpThreshold: 1e-6, precisionThreshold: 0.5 };
  rule.check(context, (f) => out.push(f));
  return out;
}

describe('AL5xx rules', () => {
  it('say nothing without base weights', () => {
    for (const rule of [
      al501BaseMismatch,
      al502MergeNoOp,
      al503PrecisionLoss,
      al504MergedMismatch,
      al505MergeOverflow,
    ]) {
      expect(run(rule, null)).toEqual([]);
    }
  });

  it('AL501 reports a mismatch and a failed check at the module tensor', () => {
    const found = run(al501BaseMismatch, [
      stats('q', { baseMismatch: 'no weight for q in the base checkpoint base' }),
      stats('v', { error: 'worker exited with code 1' }),
    ]);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({
      tensor: 'base_model.model.q.lora_A.weight',
      file: 'a/adapter_model.safetensors',
    });
    expect(found[0]!.message).toContain('no weight for q');
    expect(found[1]!.message).toContain('worker exited with code 1');
  });

  it('AL502: every module below the threshold is one error; some below are warnings each', () => {
    const all = run(al502MergeNoOp, [stats('q', { ratio: 1e-9 }), stats('v', { ratio: 0 })]);
    expect(all).toHaveLength(1);
    expect(all[0]!.severity).toBeUndefined();
    expect(all[0]!.message).toContain('all 2 modules');
    const some = run(al502MergeNoOp, [stats('q', { ratio: 1e-9 }), stats('v', { ratio: 0.01 })]);
    expect(some).toHaveLength(1);
    expect(some[0]).toMatchObject({ severity: 'warning', tensor: 'base_model.model.q.lora_A.weight' });
    expect(run(al502MergeNoOp, [stats('q'), stats('v')])).toEqual([]);
  });

  it('AL503 fires above the precision threshold with the interval in the message', () => {
    const found = run(al503PrecisionLoss, [
      stats('q', {
        roundingLoss: 0.8,
        roundingLossInterval: [0.75, 0.85],
        roundingRows: 64,
        exact: false,
        baseDtype: 'BF16',
      }),
      stats('v', { roundingLoss: 0.3, roundingLossInterval: [0.25, 0.35], roundingRows: 64, exact: false }),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe(
      'q: merging into BF16 rounds the update away for 80% of the weights (estimated from 64 sampled rows, 95% interval 75%–85%); merge in float32 or keep the adapter unmerged.',
    );
  });

  it('AL503 is for BF16 and F16 bases only, and not for an update that is zero (AL502)', () => {
    const lossy = { roundingLoss: 1, roundingLossInterval: [0.95, 1] as [number, number], roundingRows: 64 };
    const found = run(al503PrecisionLoss, [
      stats('q', { ...lossy, baseDtype: 'F32' }),
      stats('v', { ...lossy, baseDtype: 'F16' }),
      stats('k', { ...lossy, baseDtype: 'BF16', updateNorm: 0 }),
    ]);
    expect(found.map((f) => f.data?.module)).toEqual(['v']);
  });

  it('AL504 says "merge not applied" when merged equals base, and points at the merged file', () => {
    const found = run(al504MergedMismatch, [
      stats('q', {
        mergedVerdict: 'not-applied',
        mergedFile: 'merged.safetensors',
        mergedTensor: 'q.weight',
      }),
      stats('v', { mergedVerdict: 'mismatch', mergedDetail: '3 of 64 rows fail the probe check' }),
    ]);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ file: 'merged.safetensors', tensor: 'q.weight' });
    expect(found[0]!.message).toContain('merge not applied');
    expect(found[1]!.message).toContain('3 of 64 rows fail the probe check');
  });

  it('AL505 reports overflow of the computed merge and non-finite merged values', () => {
    const found = run(al505MergeOverflow, [
      stats('q', { overflowCount: 3, nanCount: 1, overflowAt: [17, 2], baseDtype: 'F16' }),
      stats('v', {
        overflowCount: 0,
        nanCount: 0,
        mergedNonFinite: 2,
        mergedTensor: 'v.weight',
        mergedFile: 'm.safetensors',
      }),
    ]);
    expect(found).toHaveLength(2);
    expect(found[0]!.message).toContain('3 infinite and 1 NaN weights (first at [17, 2])');
    expect(found[1]).toMatchObject({ file: 'm.safetensors', tensor: 'v.weight' });
  });
});
