import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  EMPTY_CONFIG,
  loadConfig,
  parseConfig,
  type RuleIdentity,
  resolveRuleId,
  resolveRuleSettings,
} from '../../src/config-file.js';

const RULES: RuleIdentity[] = [
  { id: 'AL201', slug: 'doubled-adapter-name' },
  { id: 'AL208', slug: 'untargeted-module' },
  { id: 'AL210', slug: 'unrecognized-layout' },
  { id: 'AL301', slug: 'zero-update' },
];
const parse = (value: unknown) => parseConfig(JSON.stringify(value), 'cfg.json', RULES);
const problem = (value: unknown) => {
  try {
    parse(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('parseConfig', () => {
  it('reads every field, turning slugs into IDs', () => {
    const config = parse({
      $schema: './schema.json',
      rules: { AL208: 'off', 'zero-update': 'error' },
      ignore: ['AL210'],
      overrides: [{ files: ['legacy/**'], rules: { AL201: 'warning' }, ignore: ['al301'] }],
      exclude: ['**/scratch/**'],
      failOn: 'warning',
    });
    expect(config).toEqual({
      rules: { AL208: 'off', AL301: 'error' },
      ignore: ['AL210'],
      overrides: [{ files: ['legacy/**'], rules: { AL201: 'warning', AL301: 'off' } }],
      exclude: ['**/scratch/**'],
      failOn: 'warning',
    });
  });

  it('accepts an empty object', () => {
    expect(parse({})).toEqual(EMPTY_CONFIG);
  });

  it('names the file and field of each problem', () => {
    expect(problem({ rules: { AL209: 'off' } })).toBe(
      'cfg.json: rules.AL209: unknown rule "AL209" (did you mean AL201?)',
    );
    expect(problem({ rules: { 'zero-updat': 'off' } })).toBe(
      'cfg.json: rules.zero-updat: unknown rule "zero-updat" (did you mean AL301 (zero-update)?)',
    );
    expect(problem({ rules: { AL208: 'warn' } })).toBe(
      'cfg.json: rules.AL208: must be one of "error", "warning", "note", "off", got "warn"',
    );
    expect(problem({ ignore: 'AL208' })).toBe('cfg.json: ignore: must be an array of strings, got "AL208"');
    expect(problem({ ignore: ['XYZ123456'] })).toBe('cfg.json: ignore[0]: unknown rule "XYZ123456"');
    expect(problem({ failOn: 'critical' })).toBe(
      'cfg.json: failOn: must be one of "error", "warning", "note", "never", got "critical"',
    );
    expect(problem({ overrides: [{ files: [], rules: {} }] })).toBe(
      'cfg.json: overrides[0].files: must list at least one glob',
    );
    expect(problem({ overrides: [{ files: ['a'], rule: {} }] })).toBe(
      'cfg.json: overrides[0].rule: unknown field (did you mean "rules"?); allowed: files, rules, ignore',
    );
    expect(problem({ exclude: [''] })).toBe('cfg.json: exclude[0]: must be a non-empty string, got ""');
    expect(problem({ fail_on: 'error' })).toMatch(
      /^cfg\.json: fail_on: unknown field \(did you mean "failOn"\?\)/,
    );
    expect(problem([])).toBe('cfg.json: must be a JSON object');
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseConfig('{ "rules": ', 'cfg.json', RULES)).toThrow(/^cfg\.json: not valid JSON \(/);
  });
});

describe('resolveRuleId', () => {
  it('takes an ID in any case or a slug', () => {
    expect(resolveRuleId('al201', RULES)).toBe('AL201');
    expect(resolveRuleId('untargeted-module', RULES)).toBe('AL208');
    expect(resolveRuleId('Untargeted-Module', RULES)).toBe('AL208');
    expect(resolveRuleId(' ZERO-UPDATE ', RULES)).toBe('AL301');
    expect(() => resolveRuleId('AL999', RULES)).toThrow('unknown rule "AL999"');
  });
});

describe('resolveRuleSettings', () => {
  const config = parse({
    rules: { AL208: 'error' },
    ignore: ['AL210'],
    overrides: [{ files: ['legacy/**'], rules: { AL201: 'warning', AL301: 'note' } }],
  });

  it('turns ignored rules off at top level and in every override', () => {
    expect(resolveRuleSettings(config, { ignore: ['AL301'] }, RULES)).toEqual({
      rules: { AL208: 'error', AL210: 'off', AL301: 'off' },
      overrides: [{ files: ['legacy/**'], rules: { AL201: 'warning', AL301: 'off' } }],
    });
  });

  it('select keeps only the listed rules', () => {
    expect(resolveRuleSettings(EMPTY_CONFIG, { select: ['AL201', 'AL301'] }, RULES).rules).toEqual({
      AL208: 'off',
      AL210: 'off',
    });
  });
});

describe('loadConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'adapter-lint-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns the empty config when there is no default file', async () => {
    expect(await loadConfig(dir, undefined, RULES)).toEqual({ file: null, config: EMPTY_CONFIG });
  });

  it('reads .adapter-lint.json from the folder by default', async () => {
    await writeFile(join(dir, '.adapter-lint.json'), '{ "ignore": ["AL208"] }');
    const loaded = await loadConfig(dir, undefined, RULES);
    expect(loaded.file).toBe('.adapter-lint.json');
    expect(loaded.config.ignore).toEqual(['AL208']);
    await rm(join(dir, '.adapter-lint.json'));
  });

  it('an explicit file must exist', async () => {
    await expect(loadConfig(dir, 'nope.json', RULES)).rejects.toThrow('nope.json: no such file');
  });
});
