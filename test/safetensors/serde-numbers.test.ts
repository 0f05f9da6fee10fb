// Numbers in fields the reference ignores are still parsed by serde_json (the header is buffered for
// #[serde(flatten)]), by its own algorithm: accept and reject exactly as serde_json 1.0.87 did on each
// token of test/fixtures/serde-json-numbers.tsv (verdicts recorded from serde_json itself, half of them
// tokens where JavaScript's Number() would decide differently).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SafetensorsError } from '../../src/safetensors/errors.js';
import { parseHeader } from '../../src/safetensors/header.js';
import { serdeAcceptsNumber } from '../../src/safetensors/serde-number.js';

const cases = readFileSync(new URL('../fixtures/serde-json-numbers.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => line.split('\t') as [string, 'ok' | 'err']);

function headerVerdict(token: string): 'ok' | 'err' {
  const json = Buffer.from(`{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2],"x":${token}}}`);
  try {
    parseHeader(json, 8 + json.length + 2, 'numbers.safetensors');
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(SafetensorsError);
    expect((error as SafetensorsError).code).toBe('InvalidHeaderDeserialization');
    return 'err';
  }
}

describe("serde_json's number grammar and range", () => {
  it('has the recorded verdicts, both kinds', () => {
    expect(cases.length).toBe(600);
    expect(cases.filter(([, v]) => v === 'ok').length).toBeGreaterThan(100);
    expect(cases.filter(([, v]) => v === 'err').length).toBeGreaterThan(100);
  });

  it('decides every recorded token as serde_json did, in an ignored tensor field', () => {
    const wrong = cases.filter(([token, verdict]) => headerVerdict(token) !== verdict);
    expect(wrong).toEqual([]);
  });

  it('the cases the review found', () => {
    expect(serdeAcceptsNumber('1.7976931348623158e308')).toBe(false); // f64::MAX, out of range for serde
    expect(serdeAcceptsNumber('18446744073709551616.')).toBe(true); // empty fraction after a long integer
    expect(serdeAcceptsNumber('18446744073709551616.e5')).toBe(true);
    expect(serdeAcceptsNumber('1.')).toBe(false);
    expect(serdeAcceptsNumber('1e400')).toBe(false);
    expect(serdeAcceptsNumber('1e-400')).toBe(true);
    expect(serdeAcceptsNumber('0e999999999999')).toBe(true);
    expect(serdeAcceptsNumber('1e999999999999')).toBe(false);
  });
});
