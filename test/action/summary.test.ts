import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX_SUMMARY_LIMIT_BYTES, fixSummary } from '../../src/action/fix-summary.js';
import { escapeMarkdown, escapeMermaidLabel, formatRatio } from '../../src/action/markdown.js';
import { buildSummary, buildSummaryAfter, byLayer, SUMMARY_LIMIT_BYTES } from '../../src/action/summary.js';
import type { FixResult } from '../../src/fix/index.js';
import { inlineCode } from '../../src/inline-code.js';
import { linearLora, writeAdapterFolder } from '../helpers/adapters.js';
import { lintScratch } from '../rules/lint-folder.js';
import { finding, mergeStats, reportOf } from './report-fixtures.js';

const context = {
  scope: 'all adapters',
  result: 'fail' as const,
  failReason: '1 error at or above fail-on=error',
  failOn: 'error',
  notices: [],
};

describe('escapeMarkdown', () => {
  it('turns markup, HTML and line breaks from file names into inert text', () => {
    expect(escapeMarkdown('a|b<script>&`x`\nnext\r\nend')).toBe(
      'a&#124;b&lt;script&gt;&amp;&#96;x&#96; next end',
    );
    expect(escapeMarkdown('[link](javascript:alert(1)) **bold** _i_ # h ~s~ \\')).toBe(
      '&#91;link&#93;(javascript:alert(1)) &#42;&#42;bold&#42;&#42; &#95;i&#95; &#35; h &#126;s&#126; &#92;',
    );
  });

  it('keeps Mermaid labels inside their quotes', () => {
    expect(escapeMermaidLabel('a"b`c\n```<br>')).toBe('a b c    br');
  });
});

describe('formatRatio', () => {
  it('writes plain decimals with 3 significant digits (Mermaid reads no exponents)', () => {
    expect(formatRatio(0.001234)).toBe('0.00123');
    expect(formatRatio(1.5)).toBe('1.50');
    expect(formatRatio(2.5e-9)).toBe('0.00000000250');
    expect(formatRatio(0)).toBe('0');
  });
});

describe('buildSummary', () => {
  it('escapes every name in the findings tables', () => {
    const evil = finding('error', {
      file: 'adapters/x|y/adapter_model.safetensors',
      tensor: 'base_model.model.<img src=x>.lora_A.weight',
      message: 'bad `key`\n| injected | row |',
    });
    const summary = buildSummary(reportOf([evil]), context);
    expect(summary).toContain('adapters/x&#124;y/adapter&#95;model.safetensors');
    expect(summary).toContain('base&#95;model.model.&lt;img src=x&gt;.lora&#95;A.weight');
    expect(summary).toContain('bad <code>key</code> &#124; injected &#124; row &#124;');
    expect(summary).not.toContain('<img');
    // One table row per finding: the message's newline did not start another row.
    expect(summary.split('\n').filter((line) => line.startsWith('| 🔴 error'))).toHaveLength(1);
  });

  it('shows inline code in messages and notices as code, escaped inside', () => {
    const summary = buildSummary(
      reportOf([finding('error', { message: 'strip `.default` from ``a`b`` keys; `unclosed' })]),
      { ...context, notices: ['Set `lfs: true`.'] },
    );
    expect(summary).toContain(
      '| strip <code>.default</code> from <code>a&#96;b</code> keys; &#96;unclosed |',
    );
    expect(summary).toContain('> Set <code>lfs: true</code>.');
  });

  it('a hostile tensor name quoted by a rule stays one code element in one cell of one row', async () => {
    const evil = 'x`|</code><script>alert(1)</script>`` **b** [l](javascript:0)\n| y |';
    const report = await lintScratch((dir) =>
      writeAdapterFolder(join(dir, 'ad'), {
        tensors: [...linearLora(`model.layers.0.${evil}.q_proj`, { prefix: '' })],
      }),
    );
    const al203 = report.findings.find((f) => f.ruleId === 'AL203');
    expect(al203?.message).toContain(inlineCode(`model.layers.0.${evil}.q_proj.lora_A.weight`));
    const summary = buildSummary(report, context);
    const row = summary
      .split('\n')
      .filter((line) => line.includes('AL203 missing-prefix') && line.startsWith('| 🔴'));
    expect(row).toHaveLength(1);
    // Five cells: the six pipes of the row, no more (every other | is &#124;).
    expect(row[0]!.split('|')).toHaveLength(7);
    const message = row[0]!.split('|')[5]!;
    expect(message.match(/<code>/g)).toHaveLength(1);
    expect(message.match(/<\/code>/g)).toHaveLength(1);
    const code = /<code>(.*)<\/code>/.exec(message)![1];
    expect(code).toBe(escapeMarkdown(`model.layers.0.${evil}.q_proj.lora_A.weight`));
    expect(summary).not.toMatch(/<script|<\/code><script|\]\(javascript/);
    expect(summary).toContain('&lt;/code&gt;&lt;script&gt;');
  });

  it('totals findings by rule and states the verdict', () => {
    const summary = buildSummary(reportOf([finding('error'), finding('error'), finding('warning')]), context);
    expect(summary).toContain('| AL201 | doubled-adapter-name | 🔴 error | 2 |');
    expect(summary).toContain('| AL301 | zero-update | 🟠 warning | 1 |');
    expect(summary).toContain('❌ fail: 1 error at or above fail-on=error');
  });

  it('adds the LFS fix to AL102 findings', () => {
    const lfs = finding('error', {
      ruleId: 'AL102',
      slug: 'lfs-pointer',
      message: 'The file is a Git LFS pointer.',
    });
    expect(buildSummary(reportOf([lfs]), context)).toContain('<code>lfs: true</code> on actions/checkout');
  });

  it('truncates at a table row with a note when the summary would pass the limit', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      finding('warning', { message: `finding number ${i} `.repeat(5) }),
    );
    const summary = buildSummary(reportOf(many), {
      ...context,
      limitBytes: 64 * 1024,
      reportPath: '/tmp/report.json',
    });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(64 * 1024);
    expect(summary).toContain('Summary truncated');
    expect(summary).toContain('/tmp/report.json');
    const rows = summary.split('\n').filter((line) => line.startsWith('| 🟠 warning')).length;
    expect(rows).toBeGreaterThan(100);
    expect(rows).toBeLessThan(2000);
    expect(summary).toContain(`${2000 - rows} table rows left out`);
  });

  it('with the fix section before it, the whole stays under the limit', () => {
    const many = Array.from({ length: 9000 }, (_, i) =>
      finding('warning', { message: `finding number ${i} `.repeat(6) }),
    );
    const fixes = `## adapter-lint fixes\n\n${'- not fixed (AL205) a: b\n'.repeat(4000)}\n`;
    const alone = buildSummary(reportOf(many), context);
    expect(Buffer.byteLength(fixes + alone)).toBeGreaterThan(SUMMARY_LIMIT_BYTES);
    const summary = buildSummaryAfter(fixes, reportOf(many), context);
    expect(summary.startsWith(fixes)).toBe(true);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(summary).toContain('Summary truncated');
  });

  it('stays whole (no note) when it fits', () => {
    const summary = buildSummary(reportOf([finding('warning')]), context);
    expect(summary).not.toContain('truncated');
  });

  it('charts the update size by layer with the same numbers as its table', () => {
    const merge = [
      mergeStats('adapters/a', 'model.layers.0.self_attn.q_proj', 0.002),
      mergeStats('adapters/a', 'model.layers.0.self_attn.v_proj', 0.004),
      mergeStats('adapters/a', 'model.layers.1.self_attn.q_proj', 0.01),
      mergeStats('adapters/a', 'lm_head', 0.5),
    ];
    const summary = buildSummary(reportOf([finding('warning')], merge), context);
    expect(summary).toContain('```mermaid\nxychart-beta');
    expect(summary).toContain('x-axis "layer" ["0", "1", "other"]');
    expect(summary).toContain('bar [0.00300, 0.0100, 0.500]');
    expect(summary).toContain('| 0 | 2 | 0.00300 | 0.00400 |');
    expect(summary).toContain(
      '| model.layers.1.self&#95;attn.q&#95;proj | model.layers.1.self&#95;attn.q&#95;proj.weight | 2.00 | 0.100 | 10.0 | 0.0100 |',
    );
  });

  it('orders layers numerically', () => {
    const layers = byLayer([mergeStats('a', 'model.layers.10.q', 1), mergeStats('a', 'model.layers.9.q', 1)]);
    expect(layers.map((l) => l.label)).toEqual(['9', '10']);
  });
});

describe('fixSummary', () => {
  const plan = (i: number) => ({
    adapter: `adapters/a${i}`,
    files: [
      {
        file: `adapters/a${i}/adapter_model.safetensors`,
        renames: [{ from: `x${i}.default.weight`, to: `x${i}.weight`, rules: ['AL202'] }],
      },
    ],
    fileRename: null,
    refused: Array.from({ length: 20 }, (_, j) => ({
      file: `adapters/a${i}/adapter_model.safetensors`,
      rule: 'AL205',
      reason: `left module ${j} alone: ${'a long reason '.repeat(10)}`,
    })),
  });
  const result = (plans: number) =>
    ({
      plans: Array.from({ length: plans }, (_, i) => plan(i)),
      changedFiles: plans,
      failures: [],
      notices: [],
    }) as unknown as FixResult;

  it('lists renames and refusals in full when they fit', () => {
    const text = fixSummary(result(2));
    expect(text).toContain(
      '| adapters/a1/adapter&#95;model.safetensors | x1.default.weight | x1.weight | AL202 |',
    );
    expect(text.split('\n').filter((l) => l.startsWith('- not fixed (AL205)'))).toHaveLength(40);
    expect(text).not.toContain('more fix note');
  });

  it('caps its own size and says how much was left out', () => {
    const text = fixSummary(result(400));
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(FIX_SUMMARY_LIMIT_BYTES);
    const refusals = text.split('\n').filter((l) => l.startsWith('- not fixed (AL205)')).length;
    expect(refusals).toBeGreaterThan(100);
    expect(text).toContain('… and 100 more renames and ');
    expect(text).toContain(`${8000 - refusals} more fix notes (see the step log).`);
  });
});
