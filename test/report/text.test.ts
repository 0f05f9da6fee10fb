import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/report/text.js';
import { emptyReport, sampleReport } from './sample-report.js';

const ESC = '\x1b[';

describe('formatText', () => {
  const text = formatText(sampleReport(), { color: false });
  const lines = text.split('\n');

  it('groups by adapter, worst adapter first, worst finding first', () => {
    const broken = lines.indexOf('loras/broken (peft, 1 module)');
    const odd = lines.indexOf('loras/odd file #1.safetensors (unrecognized, 0 modules)');
    const good = lines.indexOf('ok loras/good (peft, 4 modules)');
    expect(broken).toBeGreaterThanOrEqual(0);
    expect(odd).toBeGreaterThan(broken);
    expect(good).toBeGreaterThan(odd);
    expect(lines[broken + 1]).toBe(
      '  error    AL201 doubled-adapter-name  The key carries the adapter name twice: PEFT will report every tensor as missing.' +
        '  adapter_model.safetensors: base_model.model.model.layers.0.self_attn.q_proj.lora_A.default.default.weight',
    );
    expect(lines[broken + 2]).toMatch(
      /^ {2}warning {2}AL301 zero-update {2}lora_B is all zeros.*v_proj\.lora_B\.weight$/,
    );
  });

  it('lists findings that belong to no adapter under their file', () => {
    const other = lines.indexOf('other files');
    expect(other).toBeGreaterThan(0);
    expect(lines[other + 1]).toBe(
      '  error    AL101 invalid-safetensors  Header length 120000000 is over the limit of 100000000 bytes.  base/model.safetensors',
    );
  });

  it('prints the merge table and ends with the count line', () => {
    expect(text).toContain('merge check (per module)');
    const row = lines.find((l) => l.startsWith('loras/good  model.layers.0.self_attn.q_proj'));
    expect(row).toMatch(/ 2 +0\.4 +1\.3% +ok$/);
    expect(lines.at(-2)).toBe('2 errors, 1 warning, 1 note in 3 adapters (5 files)');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('has no escape codes without colour, and colours severities with it', () => {
    expect(text).not.toContain(ESC);
    const coloured = formatText(sampleReport(), { color: true });
    expect(coloured).toContain(`${ESC}31merror  ${ESC}0m`);
    expect(coloured).toContain(`${ESC}33mwarning${ESC}0m`);
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(text);
  });

  it('quiet keeps errors and the count line only', () => {
    const quiet = formatText(sampleReport(), { color: false, quiet: true });
    expect(quiet).toContain('AL201');
    expect(quiet).toContain('AL101');
    expect(quiet).not.toContain('AL301');
    expect(quiet).not.toContain('AL210');
    expect(quiet).not.toContain('ok loras/good');
    expect(quiet).not.toContain('merge check');
    expect(quiet.trimEnd().split('\n').at(-1)).toBe('2 errors, 1 warning, 1 note in 3 adapters (5 files)');
  });

  it('says when there was nothing to lint, and prints run notices', () => {
    const out = formatText(
      { ...emptyReport, notices: ['changed-file list truncated: scanned everything'] },
      { color: false },
    );
    expect(out).toBe(
      'notice: changed-file list truncated: scanned everything\n\nNo adapters found.\n\n0 errors, 0 warnings, 0 notes in 0 adapters (0 files)\n',
    );
  });

  it('keeps a multi-line message on one line', () => {
    const report = sampleReport();
    const out = formatText(
      { ...report, adapters: [], findings: [{ ...report.findings[0]!, message: 'first\nsecond' }] },
      { color: false },
    );
    expect(out).toContain('doubled-adapter-name  first second  loras/broken/adapter_model.safetensors: ');
  });

  it('prints no terminal control sequences from tensor names or messages', () => {
    const report = sampleReport();
    const evil = { ...report.findings[0]!, tensor: 'w\x1b]0;pwned\x07', message: 'bad\x1b[2J' };
    const out = formatText({ ...report, adapters: [], findings: [evil] }, { color: false });
    expect(out).not.toContain('\x1b');
    expect(out).toContain('bad?[2J  loras/broken/adapter_model.safetensors: w?]0;pwned?');
  });
});
