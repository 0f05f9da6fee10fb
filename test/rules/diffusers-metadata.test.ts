// Rules that read a LoRA config use a diffusers file's lora_adapter_metadata, per component: AL207 (rank vs r),
// AL403 (use_dora, lora_bias), AL301 (DoRA modules are not judged by lora_B), AL402 (a broken config).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  diffusersLora,
  diffusersLoraConfig,
  linearLora,
  loraAdapterMetadata as loraAdapterMetadataOf,
  peftConfig,
  writeAdapterFolder,
  writeWeightsFile,
} from '../helpers/adapters.js';
import { randomValues, type TensorSpec } from '../helpers/safetensors.js';
import { findingsOf, lintScratch } from './lint-folder.js';

const TQ = 'transformer.transformer_blocks.0.attn.to_q';
const TE = 'text_encoder.text_model.encoder.layers.0.self_attn.q_proj';
const FILE = 'lora/pytorch_lora_weights.safetensors';

async function lintLora(tensors: TensorSpec[], metadata?: Record<string, unknown> | string) {
  return lintScratch((dir) =>
    writeWeightsFile(join(dir, FILE), tensors, {
      format: 'pt',
      ...(metadata === undefined
        ? {}
        : {
            lora_adapter_metadata:
              typeof metadata === 'string' ? metadata : JSON.stringify(metadata, null, 2),
          }),
    }),
  );
}

const magnitude = (module: string, out = 16): TensorSpec => ({
  name: `${module}.lora_magnitude_vector`,
  shape: [out],
  data: randomValues(out, 3, 1),
});

describe('AL207 against the metadata', () => {
  it("reports a rank that differs from the component's r, naming the field and the file", async () => {
    const report = await lintLora(
      [...diffusersLora(TQ, 'peft', { rank: 4 }), ...diffusersLora(TE, 'peft', { rank: 8 })],
      { 'transformer.r': 8, 'transformer.lora_alpha': 8, 'text_encoder.r': 8, 'text_encoder.lora_alpha': 8 },
    );
    const found = findingsOf(report, 'AL207');
    expect(found.map((f) => [f.tensor, f.data?.rank, f.data?.expected])).toEqual([
      [`${TQ}.lora_A.weight`, 4, 8],
    ]);
    expect(found[0]!.message).toBe(
      `Module transformer_blocks.0.attn.to_q: the tensors have rank 4 but lora_adapter_metadata in ${FILE} (transformer.r) says 8, so diffusers can't load them (size mismatch); re-export the adapter so the factors and lora_adapter_metadata agree.`,
    );
  });

  it('resolves rank_pattern as PEFT does, per component', async () => {
    const report = await lintLora(
      [...diffusersLora(TQ, 'peft', { rank: 16 }), ...diffusersLora(TE, 'peft', { rank: 16 })],
      {
        'transformer.r': 4,
        'transformer.rank_pattern': { '^transformer_blocks.0.attn.to_q': 16 },
        'text_encoder.r': 4,
        'text_encoder.rank_pattern': { 'attn.to_q': 16 },
      },
    );
    // The transformer pattern selects its module; the text encoder's does not select q_proj.
    expect(findingsOf(report, 'AL207').map((f) => [f.data?.module, f.data?.expected])).toEqual([
      ['text_model.encoder.layers.0.self_attn.q_proj', 4],
    ]);
    expect(findingsOf(report, 'AL207')[0]!.message).toContain('(text_encoder.r / text_encoder.rank_pattern)');
  });

  it('says nothing without metadata (the rank then comes from the tensors, as diffusers infers it)', async () => {
    const report = await lintLora(diffusersLora(TQ, 'peft', { rank: 4 }));
    expect(report.findings).toEqual([]);
  });
});

describe('AL403 against the metadata', () => {
  it('use_dora true for a component whose modules have no magnitude vectors', async () => {
    const report = await lintLora(
      [...diffusersLora(TQ, 'peft'), ...diffusersLora(TE, 'peft'), magnitude(TE)],
      {
        'transformer.use_dora': true,
        'transformer.r': 4,
        'text_encoder.use_dora': true,
        'text_encoder.r': 4,
      },
    );
    expect(findingsOf(report, 'AL403').map((f) => [f.file, f.message])).toEqual([
      [
        FILE,
        'transformer.use_dora in lora_adapter_metadata is true but the transformer weights have no lora_magnitude_vector tensors, so diffusers leaves the magnitudes at their initial values; save the DoRA adapter again or set transformer.use_dora to false if it was plain LoRA.',
      ],
    ]);
  });

  it('magnitude vectors with use_dora false, and lora_bias without lora_B.bias', async () => {
    const report = await lintLora([...diffusersLora(TQ, 'peft'), magnitude(TQ)], {
      'transformer.use_dora': false,
      'transformer.lora_bias': true,
      'transformer.r': 4,
    });
    const found = findingsOf(report, 'AL403');
    const dora = found.find((f) => f.tensor !== undefined);
    const bias = found.find((f) => f.tensor === undefined);
    expect(found).toHaveLength(2);
    expect(dora?.tensor).toBe(`${TQ}.lora_magnitude_vector`);
    expect(dora?.message).toBe(
      'The transformer weights hold 1 lora_magnitude_vector tensor(s) (DoRA) but transformer.use_dora in lora_adapter_metadata is false, so diffusers ignores them and the adapter behaves differently; set transformer.use_dora to true.',
    );
    expect(bias?.message).toMatch(
      /^transformer\.lora_bias in lora_adapter_metadata is true but no lora_B\.bias/,
    );
  });
});

describe('AL403: a component the metadata has no fields for (diffusers fails on it)', () => {
  const TE2 = 'text_encoder.text_model.encoder.layers.0.self_attn.k_proj';

  it('reports the text encoder when only the transformer has a config, naming count, example and fix', async () => {
    const report = await lintLora(
      [...diffusersLora(TQ, 'peft'), ...diffusersLora(TE, 'peft'), ...diffusersLora(TE2, 'peft')],
      loraAdapterMetadataOf({ transformer: diffusersLoraConfig({ r: 4, lora_alpha: 4 }) }),
    );
    const found = findingsOf(report, 'AL403');
    expect(found.map((f) => [f.file, f.tensor, f.severity, f.data])).toEqual([
      [
        FILE,
        `${TE2}.lora_A.weight`,
        'error',
        { component: 'text_encoder', modules: 2, declared: ['transformer'] },
      ],
    ]);
    expect(found[0]!.message).toBe(
      "lora_adapter_metadata has no text_encoder.* fields (only transformer.*) but the file holds 2 text_encoder LoRA module(s), e.g. `text_model.encoder.layers.0.self_attn.k_proj`: diffusers then takes {} as their LoraConfig instead of inferring it from the tensors and fails to load the file (KeyError: 'rank_pattern'); save with save_lora_weights(..., text_encoder_lora_adapter_metadata=...), or remove lora_adapter_metadata so diffusers infers every config from the tensors.",
    );
  });

  it('{} leaves every component without a config', async () => {
    const report = await lintLora([...diffusersLora(TQ, 'peft'), ...diffusersLora(TE, 'peft')], '{}');
    const found = findingsOf(report, 'AL403');
    expect(found.map((f) => f.data?.component)).toEqual(['text_encoder', 'transformer']);
    expect(found[1]!.message).toMatch(
      /^lora_adapter_metadata is an empty object but the file holds 1 transformer LoRA module\(s\), e\.g\. `transformer_blocks\.0\.attn\.to_q`: /,
    );
    expect(report.findings.map((f) => f.ruleId)).toEqual(['AL403', 'AL403']);
  });

  it("bare fields are not a prefixed component's config (diffusers keeps only the `<prefix>.` fields)", async () => {
    const report = await lintLora(
      diffusersLora(TQ, 'peft'),
      loraAdapterMetadataOf({ '': diffusersLoraConfig() }),
    );
    expect(findingsOf(report, 'AL403').map((f) => [f.data?.component, f.data?.declared])).toEqual([
      ['transformer', ['']],
    ]);
    expect(findingsOf(report, 'AL403')[0]!.message).toMatch(
      /^lora_adapter_metadata has no transformer\.\* fields \(only bare fields\)/,
    );
  });

  it('says nothing for JSON null (None to diffusers: it infers the config) or a broken value (AL402)', async () => {
    const tensors = [...diffusersLora(TQ, 'peft'), ...diffusersLora(TE, 'peft')];
    expect((await lintLora(tensors, 'null')).findings).toEqual([]);
    const broken = await lintLora(tensors, '{"transformer.r": 4,');
    expect(broken.findings.map((f) => f.ruleId)).toEqual(['AL402']);
  });

  it('a component whose fields are there but wrong is AL402 alone', async () => {
    const report = await lintLora(diffusersLora(TQ, 'peft'), { 'transformer.r': 'four' });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['AL402']);
  });
});

describe('AL301 with the metadata', () => {
  it('a zero lora_B is not judged when the component config says use_dora', async () => {
    const zero = diffusersLora(TQ, 'peft', { zeroUp: true });
    const plain = await lintLora(zero, { 'transformer.r': 4 });
    expect(findingsOf(plain, 'AL301').map((f) => f.tensor)).toEqual([`${TQ}.lora_B.weight`]);
    const dora = await lintLora(zero, { 'transformer.r': 4, 'transformer.use_dora': true });
    expect(findingsOf(dora, 'AL301')).toEqual([]);
    expect(findingsOf(dora, 'AL403')).toHaveLength(1); // and the missing magnitudes are reported
  });
});

describe('AL402 for the metadata', () => {
  it('names the file and each wrong field; the other components are still used', async () => {
    const report = await lintLora(
      [...diffusersLora(TQ, 'peft', { rank: 4 }), ...diffusersLora(TE, 'peft', { rank: 4 })],
      {
        'transformer.r': 4,
        'transformer.lora_alpha': 'eight',
        'text_encoder.r': 8,
        'text_encoder.target_modules': '(q_proj',
      },
    );
    expect(findingsOf(report, 'AL402').map((f) => [f.file, f.message])).toEqual([
      [
        FILE,
        `${FILE}: the LoRA config in __metadata__["lora_adapter_metadata"]: text_encoder.target_modules: pattern "(q_proj" is not a valid regular expression: Invalid regular expression: /^(?:(q_proj)$/: Unterminated group; diffusers builds its LoraConfig from it on load, so write the config used in training there (save_lora_weights does).`,
      ],
      [
        FILE,
        `${FILE}: the LoRA config in __metadata__["lora_adapter_metadata"]: transformer.lora_alpha must be a number, not the string "eight"; diffusers builds its LoraConfig from it on load, so write the config used in training there (save_lora_weights does).`,
      ],
    ]);
    // Neither broken component has a config left, so no rank check runs against it.
    expect(findingsOf(report, 'AL207')).toEqual([]);
  });

  it('a value that is not a JSON object', async () => {
    const report = await lintLora(diffusersLora(TQ, 'peft'), '["transformer.r", 4]');
    expect(findingsOf(report, 'AL402').map((f) => f.message)).toEqual([
      `${FILE}: the LoRA config in __metadata__["lora_adapter_metadata"]: the top level is a list, not a JSON object of LoraConfig fields; diffusers builds its LoraConfig from it on load, so write the config used in training there (save_lora_weights does).`,
    ]);
  });

  it('a PEFT folder is not judged by metadata in its weights (PEFT never reads it)', async () => {
    const report = await lintScratch((dir) =>
      writeAdapterFolder(join(dir, 'adapter'), {
        config: peftConfig({ target_modules: ['q_proj'] }),
        tensors: linearLora('model.layers.0.self_attn.q_proj'),
        metadata: { format: 'pt', lora_adapter_metadata: 'junk' },
      }),
    );
    expect(report.findings).toEqual([]);
  });
});

describe('AL208 is not applied to diffusers files', () => {
  it('diffusers injects LoRA layers from the state dict keys, so target_modules does not drop weights', async () => {
    const report = await lintLora(diffusersLora(TQ, 'peft'), {
      'transformer.r': 4,
      'transformer.target_modules': ['to_k'],
    });
    expect(report.findings).toEqual([]);
  });
});
