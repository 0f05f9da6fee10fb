// Rule IDs, slugs and default severities are an interface (the catalogue): the registry must match it exactly.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';

const CATALOGUE: ReadonlyArray<readonly [string, string, string]> = [
  ['AL101', 'invalid-safetensors', 'error'],
  ['AL102', 'lfs-pointer', 'error'],
  ['AL103', 'pickle-weights', 'warning'],
  ['AL104', 'non-finite', 'error'],
  ['AL105', 'bad-shard-index', 'error'],
  ['AL106', 'empty-tensor', 'warning'],
  ['AL107', 'unsafe-path', 'error'],
  ['AL201', 'doubled-adapter-name', 'error'],
  ['AL202', 'adapter-name-in-key', 'error'],
  ['AL203', 'missing-prefix', 'error'],
  ['AL204', 'doubled-prefix', 'error'],
  ['AL205', 'wrapper-leak', 'error'],
  ['AL206', 'unpaired-lora', 'error'],
  ['AL207', 'rank-mismatch', 'error'],
  ['AL208', 'untargeted-module', 'warning'],
  ['AL209', 'unexpected-tensor', 'warning'],
  ['AL210', 'unrecognized-layout', 'note'],
  ['AL211', 'kohya-key-format', 'error'],
  ['AL301', 'zero-update', 'warning'],
  ['AL302', 'no-op-adapter', 'error'],
  ['AL401', 'missing-config', 'error'],
  ['AL402', 'invalid-config', 'error'],
  ['AL403', 'config-mismatch', 'error'],
  ['AL404', 'misnamed-weights', 'error'],
  ['AL501', 'base-mismatch', 'error'],
  ['AL502', 'merge-no-op', 'error'],
  ['AL503', 'precision-loss', 'warning'],
  ['AL504', 'merged-mismatch', 'error'],
  ['AL505', 'merge-overflow', 'error'],
];

describe('the rule registry', () => {
  it('holds exactly the catalogue, in ID order, with its slugs and default severities', () => {
    expect(RULES.map((r) => [r.id, r.slug, r.severity])).toEqual(CATALOGUE);
  });

  it('gives every rule a one-line description', () => {
    for (const rule of RULES) expect(rule.description).toMatch(/^[^\n]{10,200}$/);
  });
});
