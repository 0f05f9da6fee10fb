import { describe, expect, it } from 'vitest';
import {
  annotationProperties,
  escapeData,
  escapeProperty,
  formatAnnotation,
  formatGithub,
} from '../../src/report/github.js';
import type { Finding } from '../../src/types.js';
import { doubledName, sampleReport, unrecognized, zeroUpdate } from './sample-report.js';

describe('escaping (as @actions/core does)', () => {
  it('escapes % CR LF in data, and also : , in properties', () => {
    expect(escapeData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeProperty('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext%3A a%2Cb');
  });
  it('escapes % before anything else, so an escape sequence in the text survives', () => {
    expect(escapeData('%0A')).toBe('%250A');
    expect(escapeProperty('%3A:')).toBe('%253A%3A');
  });
});

describe('formatAnnotation', () => {
  it('writes one command with file, line 1 and title', () => {
    expect(formatAnnotation(doubledName)).toBe(
      '::error file=loras/broken/adapter_model.safetensors,line=1,title=AL201 doubled-adapter-name::' +
        'The key carries the adapter name twice: PEFT will report every tensor as missing.' +
        '%0ATensor: base_model.model.model.layers.0.self_attn.q_proj.lora_A.default.default.weight',
    );
  });
  it('maps note to notice and escapes properties in the file name', () => {
    const f: Finding = { ...unrecognized, file: 'a,b:c.safetensors', message: 'x\ny' };
    expect(formatAnnotation(f)).toBe(
      '::notice file=a%2Cb%3Ac.safetensors,line=1,title=AL210 unrecognized-layout::x%0Ay',
    );
  });
  it('gives the properties the Action gave through @actions/core: file, title and line 1 (startLine)', () => {
    expect(annotationProperties(zeroUpdate)).toEqual([
      ['file', zeroUpdate.file],
      ['line', '1'],
      ['title', 'AL301 zero-update'],
    ]);
  });

  it('adds the checkout fix to an LFS pointer finding that lacks it (as the Action always did)', () => {
    const lfs: Finding = {
      ruleId: 'AL102',
      slug: 'lfs-pointer',
      severity: 'error',
      file: 'a/adapter_model.safetensors',
      message: 'The file is a Git LFS pointer.',
    };
    expect(formatAnnotation(lfs)).toBe(
      '::error file=a/adapter_model.safetensors,line=1,title=AL102 lfs-pointer::The file is a Git LFS pointer. ' +
        'Fix: check out with `lfs: true` on actions/checkout so the real weights are present.',
    );
  });

  it('cannot be broken out of by a newline and "::" in a tensor name', () => {
    const f: Finding = { ...doubledName, tensor: 'x\n::set-output name=a::b' };
    const line = formatAnnotation(f);
    expect(line.split('\n')).toHaveLength(1);
    expect(line.endsWith('%0ATensor: x%0A::set-output name=a::b')).toBe(true);
  });
});

describe('formatGithub', () => {
  it('annotates every finding worst first and ends with the count line', () => {
    const lines = formatGithub(sampleReport()).trimEnd().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['::error', '::error', '::warning', '::notice', '2']);
    expect(lines[0]).toContain('title=AL101 invalid-safetensors');
    expect(lines.at(-1)).toBe('2 errors, 1 warning, 1 note in 3 adapters (5 files)');
  });

  it('caps annotations per level, says how many were left out first, and logs the rest', () => {
    const many = Array.from({ length: 13 }, (_, i) => ({
      ...doubledName,
      tensor: `t${String(i).padStart(2, '0')}`,
    }));
    const notes = Array.from({ length: 10 }, (_, i) => ({ ...unrecognized, file: `n${i}.safetensors` }));
    const lines = formatGithub(sampleReport({ findings: [...many, ...notes] }))
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe(
      '::notice title=adapter-lint%3A more findings::4 more findings are not annotated ' +
        '(GitHub attaches 10 per level per step); they are listed in the log below.',
    );
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('::notice '))).toHaveLength(10);
    const logged = lines.filter((l) => !l.startsWith('::'));
    expect(logged.slice(0, 4)).toEqual([
      `error AL201 doubled-adapter-name ${doubledName.file}: t10: ${doubledName.message}`,
      `error AL201 doubled-adapter-name ${doubledName.file}: t11: ${doubledName.message}`,
      `error AL201 doubled-adapter-name ${doubledName.file}: t12: ${doubledName.message}`,
      `note AL210 unrecognized-layout n9.safetensors: ${unrecognized.message}`,
    ]);
  });

  it('maxPerLevel 0 annotates nothing: one notice, then every finding as a log line', () => {
    const out = formatGithub(sampleReport(), { maxPerLevel: 0 });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::notice title=adapter-lint%3A more findings::4 more findings are not annotated ' +
        '(GitHub attaches 0 per level per step); they are listed in the log below.',
    );
    expect(lines.filter((l) => l.startsWith('::'))).toHaveLength(1);
    expect(lines.slice(1, -1).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
      'error AL101',
      'error AL201',
      'warning AL301',
      'note AL210',
    ]);
    expect(lines.at(-1)).toBe('2 errors, 1 warning, 1 note in 3 adapters (5 files)');
  });

  it('log lines carry no control characters from a tensor name', () => {
    const evil = { ...doubledName, tensor: 'a\u2028::error::x\x1b[2Jb' };
    const out = formatGithub(sampleReport({ findings: [evil] }), { maxPerLevel: 0 });
    const logged = out.split('\n').filter((l) => l.startsWith('error AL201'));
    expect(logged).toEqual([
      `error AL201 doubled-adapter-name ${doubledName.file}: a ::error::x?[2Jb: ${doubledName.message}`,
    ]);
  });

  it('an LFS pointer logged past the cap carries the checkout fix, as its annotation does', () => {
    const pointer: Finding = {
      ruleId: 'AL102',
      slug: 'lfs-pointer',
      severity: 'error',
      file: 'a/adapter_model.safetensors',
      message: 'a/adapter_model.safetensors is a Git LFS pointer, not the weights.',
    };
    const out = formatGithub(sampleReport({ findings: [pointer] }), { maxPerLevel: 0 });
    const logged = out.split('\n').filter((l) => l.startsWith('error AL102'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('check out with `lfs: true` on actions/checkout');
    expect(formatAnnotation(pointer)).toContain('check out with `lfs: true` on actions/checkout');
  });

  it('quiet annotates errors only', () => {
    const out = formatGithub(sampleReport(), { quiet: true });
    expect(out).not.toContain('::warning');
    expect(out).not.toContain('::notice');
    expect(out.match(/::error /g)).toHaveLength(2);
  });
});
