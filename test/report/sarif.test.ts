import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { fileUri, formatSarif, type RuleInfo, toSarif } from '../../src/report/sarif.js';
import { emptyReport, sampleReport } from './sample-report.js';

const RULE_INFO: RuleInfo[] = [
  {
    id: 'AL101',
    slug: 'invalid-safetensors',
    severity: 'error',
    description: 'The file is not a valid safetensors file.',
  },
  {
    id: 'AL201',
    slug: 'doubled-adapter-name',
    severity: 'error',
    description: 'A key carries the adapter name twice.',
  },
  {
    id: 'AL210',
    slug: 'unrecognized-layout',
    severity: 'note',
    description: 'The tensors match no known layout.',
  },
  {
    id: 'AL301',
    slug: 'zero-update',
    severity: 'warning',
    description: "A module's update is exactly zero.",
  },
];

/** The OASIS schema is draft-04; Ajv 8 reads it once `id` is `$id` and the draft marker is dropped. */
function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
  );
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', (v: string) => URL.canParse(v));
  ajv.addFormat(
    'uri-reference',
    (v: string) => URL.canParse(v, 'https://base.example/') && !/[\s\\]/.test(v),
  );
  ajv.addFormat('date-time', (v: string) => !Number.isNaN(Date.parse(v)));
  return ajv.compile({ $id: id, ...rest });
}
const validate = sarifValidator();

describe('formatSarif', () => {
  const log = JSON.parse(formatSarif(sampleReport(), { rules: RULE_INFO, category: 'adapters/shard-1' }));
  const run = log.runs[0];

  it('is valid SARIF 2.1.0 (official schema), with and without results and notices', () => {
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const empty = JSON.parse(formatSarif(emptyReport, { rules: RULE_INFO }));
    expect(validate(empty), JSON.stringify(validate.errors)).toBe(true);
    const noticed = toSarif(sampleReport({ notices: ['changed-file list truncated'] }), { rules: RULE_INFO });
    expect(validate(noticed), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the validator rejects a broken log (so the check above means something)', () => {
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'fatal';
    delete broken.runs[0].tool.driver.name;
    expect(validate(broken)).toBe(false);
  });

  it('has one run with the tool and every rule that fired, once, in first-seen order', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('adapter-lint');
    expect(run.tool.driver.version).toBe('9.8.7');
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.tool.driver.rules).toEqual([
      {
        id: 'AL201',
        name: 'doubled-adapter-name',
        shortDescription: { text: 'A key carries the adapter name twice.' },
        helpUri: 'https://github.com/adapter-lint/adapter-lint/blob/main/docs/rules/AL201.md',
        defaultConfiguration: { level: 'error' },
      },
      expect.objectContaining({ id: 'AL101', name: 'invalid-safetensors' }),
      expect.objectContaining({ id: 'AL301', defaultConfiguration: { level: 'warning' } }),
      expect.objectContaining({ id: 'AL210', defaultConfiguration: { level: 'note' } }),
    ]);
  });

  it('writes one result per finding with rule index, level, message and locations', () => {
    expect(run.results).toHaveLength(4);
    const first = run.results[0];
    expect(first.ruleId).toBe('AL201');
    expect(first.ruleIndex).toBe(0);
    expect(first.level).toBe('error');
    expect(first.message.text).toBe(
      'The key carries the adapter name twice: PEFT will report every tensor as missing.',
    );
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'loras/broken/adapter_model.safetensors' },
      region: { startLine: 1 },
    });
    expect(first.locations[0].logicalLocations).toEqual([
      {
        fullyQualifiedName: 'base_model.model.model.layers.0.self_attn.q_proj.lora_A.default.default.weight',
      },
    ]);
    expect(run.results[1].locations[0].logicalLocations).toBeUndefined();
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it('uses the finding severity as the level, even when config changed it', () => {
    const report = sampleReport();
    const raised = { ...report, findings: [{ ...report.findings[2]!, severity: 'error' as const }] };
    const out = toSarif(raised, { rules: RULE_INFO }) as {
      runs: {
        results: { level: string }[];
        tool: { driver: { rules: { defaultConfiguration: unknown }[] } };
      }[];
    };
    expect(out.runs[0]!.results[0]!.level).toBe('error');
    expect(out.runs[0]!.tool.driver.rules[0]!.defaultConfiguration).toEqual({ level: 'warning' });
  });

  it('percent-encodes file URIs and keeps forward slashes', () => {
    expect(run.results[3].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'loras/odd%20file%20%231.safetensors',
    );
    expect(fileUri('a\\b c/d.safetensors')).toBe('a/b%20c/d.safetensors');
  });

  it('writes the category as automationDetails.id, with a trailing slash', () => {
    expect(run.automationDetails).toEqual({ id: 'adapters/shard-1/' });
    const none = toSarif(sampleReport(), { rules: RULE_INFO }) as { runs: Record<string, unknown>[] };
    expect(none.runs[0]!.automationDetails).toBeUndefined();
  });

  it('gives stable, distinct partial fingerprints that ignore the message wording', () => {
    const prints = run.results.map(
      (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['adapterLintFinding/v1'],
    );
    expect(new Set(prints).size).toBe(4);
    for (const p of prints) expect(p).toMatch(/^[0-9a-f]{32}:1$/);
    const reworded = sampleReport();
    const again = toSarif(
      { ...reworded, findings: reworded.findings.map((f) => ({ ...f, message: `${f.message} (v2)` })) },
      { rules: RULE_INFO },
    ) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] };
    expect(again.runs[0]!.results.map((r) => r.partialFingerprints['adapterLintFinding/v1'])).toEqual(prints);
  });

  it('numbers repeated findings on the same rule, file and tensor', () => {
    const report = sampleReport();
    const twice = {
      ...report,
      findings: [report.findings[1]!, { ...report.findings[1]!, message: 'other' }],
    };
    const out = toSarif(twice, { rules: RULE_INFO }) as {
      runs: { results: { partialFingerprints: Record<string, string> }[] }[];
    };
    const [a, b] = out.runs[0]!.results.map((r) => r.partialFingerprints['adapterLintFinding/v1']!);
    expect(a!.slice(0, 32)).toBe(b!.slice(0, 32));
    expect([a!.slice(33), b!.slice(33)]).toEqual(['1', '2']);
  });

  it('keeps finding data in result properties, bigint as string when too large', () => {
    expect(run.results[2].properties).toEqual({
      data: { zeros: 64, big: '1180591620717411303424', small: 12 },
    });
  });

  it('describes a rule missing from the registry from the finding itself', () => {
    const out = toSarif(sampleReport(), { rules: [] }) as {
      runs: { tool: { driver: { rules: unknown[] } } }[];
    };
    expect(out.runs[0]!.tool.driver.rules[0]).toEqual(
      expect.objectContaining({
        id: 'AL201',
        name: 'doubled-adapter-name',
        defaultConfiguration: { level: 'error' },
      }),
    );
  });
});
