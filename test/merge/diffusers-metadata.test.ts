// A diffusers file's lora_adapter_metadata gives each component its scale in the merge checks (AL502–AL504),
// through the whole engine: header → metadata → modules → merge tasks → rules.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import type { LintReport, ModuleMergeStats } from '../../src/types.js';
import { diffusersLoraConfig, loraAdapterMetadata, writeWeightsFile } from '../helpers/adapters.js';
import type { TensorSpec } from '../helpers/safetensors.js';
import { byModule, randomMatrix, removeDir, spec, tempDir, writeFile_ } from './fixtures.js';
import {
  add,
  frobenius,
  fromFlat,
  type Matrix,
  matmul,
  roundedAwayFraction,
  scaled,
  stored,
} from './reference.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

const TQ = 'transformer_blocks.0.attn.to_q';
const TE = 'text_model.encoder.layers.0.self_attn.q_proj';
const LORA = 'lora/pytorch_lora_weights.safetensors';

interface Fixture {
  readonly w: Matrix;
  readonly a: Matrix;
  readonly b: Matrix;
}

/** Base weight W [out, in] (stored in `dtype`) and a LoRA pair A [r, in], B [out, r] for one module. */
function fixture(out: number, inF: number, r: number, seed: number, dtype: 'F32' | 'BF16' = 'F32'): Fixture {
  return {
    w: fromFlat(stored(dtype, randomMatrix(out, inF, seed, 0.05).flat()), out, inF),
    a: randomMatrix(r, inF, seed + 1, 0.02),
    b: randomMatrix(out, r, seed + 2, 0.02),
  };
}

/** The adapter file, with `lora_adapter_metadata` when given (and `format: pt`, as diffusers writes it). */
async function writeLora(specs: TensorSpec[], metadata?: string): Promise<void> {
  await writeWeightsFile(
    join(dir, LORA),
    specs,
    metadata === undefined ? { format: 'pt' } : { format: 'pt', lora_adapter_metadata: metadata },
  );
}

/**
 * A base with one transformer and one text_encoder module, and the adapter for both (with `extra` tensors
 * and the given metadata).
 */
async function writeTwoComponents(
  t: Fixture,
  e: Fixture,
  metadata: string,
  extra: TensorSpec[] = [],
): Promise<void> {
  await writeFile_(join(dir, 'base.safetensors'), [
    spec(`transformer.${TQ}.weight`, t.w),
    spec(`text_encoder.${TE}.weight`, e.w),
  ]);
  await writeLora(
    [
      spec(`transformer.${TQ}.lora_A.weight`, t.a),
      spec(`transformer.${TQ}.lora_B.weight`, t.b),
      spec(`text_encoder.${TE}.lora_A.weight`, e.a),
      spec(`text_encoder.${TE}.lora_B.weight`, e.b),
      ...extra,
    ],
    metadata,
  );
}

async function run(options: { merged?: string; exact?: boolean } = {}): Promise<LintReport> {
  return lint({
    cwd: dir,
    paths: ['lora'],
    base: 'base.safetensors',
    threads: 0,
    ...options,
  });
}

function stat(report: LintReport, module: string): ModuleMergeStats {
  return byModule(report.merge, module);
}

describe('a diffusers file with lora_adapter_metadata', () => {
  it('lora_alpha = 2r: the update size is the float64 reference at scale 2, and AL504 takes that scale', async () => {
    const { w, a, b } = fixture(24, 16, 4, 11);
    await writeFile_(join(dir, 'base.safetensors'), [spec(`transformer.${TQ}.weight`, w)]);
    const delta = scaled(matmul(b, a), 2);
    await writeFile_(join(dir, 'merged-s2.safetensors'), [spec(`transformer.${TQ}.weight`, add(w, delta))]);
    await writeFile_(join(dir, 'merged-s1.safetensors'), [
      spec(`transformer.${TQ}.weight`, add(w, matmul(b, a))),
    ]);
    const metadata = loraAdapterMetadata({
      transformer: diffusersLoraConfig({ r: 4, lora_alpha: 8, target_modules: ['to_q'] }),
    });
    await writeLora(
      [spec(`transformer.${TQ}.lora_A.weight`, a), spec(`transformer.${TQ}.lora_B.weight`, b)],
      metadata,
    );

    const good = await run({ merged: 'merged-s2.safetensors' });
    const s = stat(good, TQ);
    expect(s.scale).toBe(2);
    expect(s.baseTensor).toBe(`transformer.${TQ}.weight`);
    expect(s.updateNorm).toBeCloseTo(frobenius(delta), 10);
    expect(s.baseNorm).toBeCloseTo(frobenius(w), 10);
    expect(s.ratio).toBeCloseTo(frobenius(delta) / frobenius(w), 10);
    expect(s.mergedVerdict).toBe('ok');
    expect(good.findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);

    // A checkpoint merged at scale 1 (alpha ignored, as before this metadata was read) is a mismatch.
    const bad = await run({ merged: 'merged-s1.safetensors' });
    expect(stat(bad, TQ).mergedVerdict).toBe('mismatch');
    expect(bad.findings.map((f) => f.ruleId)).toEqual(['AL504']);
  });

  it('AL503: the rounded-away fraction of a bf16 base is the reference at the metadata scale', async () => {
    const { w, a, b } = fixture(64, 48, 4, 21, 'BF16');
    await writeFile_(join(dir, 'base.safetensors'), [spec(`transformer.${TQ}.weight`, w, 'BF16')]);
    await writeLora(
      [spec(`transformer.${TQ}.lora_A.weight`, a), spec(`transformer.${TQ}.lora_B.weight`, b)],
      loraAdapterMetadata({ transformer: diffusersLoraConfig({ r: 4, lora_alpha: 32 }) }),
    );
    const s = stat(await run({ exact: true }), TQ);
    const atScale8 = roundedAwayFraction('BF16', w, scaled(matmul(b, a), 8));
    const atScale1 = roundedAwayFraction('BF16', w, matmul(b, a));
    expect(atScale1 - atScale8).toBeGreaterThan(0.1); // the scale matters for this fixture
    expect(s.scale).toBe(8);
    expect(s.roundingLoss).toBe(atScale8);
  });

  it('each component gets its own config (transformer alpha/r, text_encoder rsLoRA)', async () => {
    const t = fixture(24, 16, 4, 31);
    const e = fixture(16, 16, 16, 41);
    await writeTwoComponents(
      t,
      e,
      loraAdapterMetadata({
        transformer: diffusersLoraConfig({ r: 4, lora_alpha: 2, target_modules: ['to_q'] }),
        text_encoder: diffusersLoraConfig({
          r: 16,
          lora_alpha: 12,
          use_rslora: true,
          target_modules: ['q_proj'],
        }),
      }),
    );
    const report = await run();
    const ts = stat(report, TQ);
    const es = stat(report, TE);
    expect(ts.scale).toBe(0.5);
    expect(es.scale).toBe(3);
    expect(ts.ratio).toBeCloseTo(frobenius(scaled(matmul(t.b, t.a), 0.5)) / frobenius(t.w), 10);
    expect(es.ratio).toBeCloseTo(frobenius(scaled(matmul(e.b, e.a), 3)) / frobenius(e.w), 10);
    expect(es.baseTensor).toBe(`text_encoder.${TE}.weight`);
    expect(report.findings).toEqual([]);
  });

  it('bare fields (a model saved with save_lora_adapter) scale unprefixed keys', async () => {
    const { w, a, b } = fixture(24, 16, 2, 51);
    await writeFile_(join(dir, 'base.safetensors'), [spec(`${TQ}.weight`, w)]);
    await writeLora(
      [spec(`${TQ}.lora_A.weight`, a), spec(`${TQ}.lora_B.weight`, b)],
      loraAdapterMetadata({ '': diffusersLoraConfig({ r: 2, lora_alpha: 5 }) }),
    );
    const report = await run();
    expect(report.adapters.map((x) => x.layout)).toEqual(['diffusers']);
    const s = stat(report, TQ);
    expect(s.scale).toBe(2.5);
    expect(s.updateNorm).toBeCloseTo(frobenius(scaled(matmul(b, a), 2.5)), 10);
  });

  it('a component the metadata lacks: AL403 (diffusers fails to load it); its scale comes from the tensors', async () => {
    const t = fixture(24, 16, 4, 81);
    const e = fixture(16, 16, 4, 91);
    await writeTwoComponents(
      t,
      e,
      loraAdapterMetadata({ transformer: diffusersLoraConfig({ r: 4, lora_alpha: 8 }) }),
      [spec(`text_encoder.${TE}.alpha`, [2], 'F32', [])],
    );
    const report = await run();
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.data?.component])).toEqual([
      ['AL403', 'error', 'text_encoder'],
    ]);
    // diffusers builds no LoraConfig for the text encoder (KeyError), so no loader scale exists; the merge
    // checks show the tensors' own, .alpha / rank = 2 / 4, and the transformer keeps its metadata scale.
    expect(stat(report, TQ).scale).toBe(2);
    const es = stat(report, TE);
    expect(es.scale).toBe(0.5);
    expect(es.updateNorm).toBeCloseTo(frobenius(scaled(matmul(e.b, e.a), 0.5)), 10);
    expect(es.ratio).toBeCloseTo(frobenius(scaled(matmul(e.b, e.a), 0.5)) / frobenius(e.w), 10);
  });

  it('junk metadata is an AL402 finding naming the file and the defect; the merge goes on at scale 1', async () => {
    const { w, a, b } = fixture(24, 16, 4, 61);
    await writeFile_(join(dir, 'base.safetensors'), [spec(`transformer.${TQ}.weight`, w)]);
    await writeLora(
      [spec(`transformer.${TQ}.lora_A.weight`, a), spec(`transformer.${TQ}.lora_B.weight`, b)],
      "{'transformer.r': 4, 'transformer.lora_alpha': 8}",
    );
    const report = await run();
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.file])).toEqual([['AL402', 'error', LORA]]);
    expect(report.findings[0]!.message).toMatch(
      /^lora\/pytorch_lora_weights\.safetensors: the LoRA config in __metadata__\["lora_adapter_metadata"\]: not valid JSON: .+; diffusers builds its LoraConfig from it on load/,
    );
    const s = stat(report, TQ);
    expect(s.scale).toBe(1);
    expect(s.ratio).toBeCloseTo(frobenius(matmul(b, a)) / frobenius(w), 10);
  });

  it('without the key nothing changes: scale 1 (no .alpha), as the file is read without metadata', async () => {
    const { w, a, b } = fixture(24, 16, 4, 71);
    await writeFile_(join(dir, 'base.safetensors'), [spec(`transformer.${TQ}.weight`, w)]);
    await writeLora([spec(`transformer.${TQ}.lora_A.weight`, a), spec(`transformer.${TQ}.lora_B.weight`, b)]);
    const report = await run();
    const s = stat(report, TQ);
    expect(s.scale).toBe(1);
    expect(s.updateNorm).toBeCloseTo(frobenius(matmul(b, a)), 10);
    expect(s.ratio).toBeCloseTo(frobenius(matmul(b, a)) / frobenius(w), 10);
    expect(report.findings).toEqual([]);
  });
});
