// The CLI end to end, as a process over generated adapters: formats, exit codes, --output, config and ignores.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAnnotation } from '../../src/report/github.js';
import type { Finding } from '../../src/types.js';
import { parseWorkflowCommands } from '../action/run-action.js';
import { llamaLora, writeAdapterFolder } from '../helpers/adapters.js';
import { runCli } from './run-cli.js';

let dir: string;
const BROKEN = 'broken/adapter_model.safetensors';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adapter-lint-cli-'));
  await writeAdapterFolder(join(dir, 'good'), { tensors: llamaLora(2) });
  await writeAdapterFolder(join(dir, 'broken'), {
    tensors: llamaLora(2).map((t) => ({
      ...t,
      name: t.name.replace(/\.(lora_[AB])\.weight$/, '.$1.default.default.weight'),
    })),
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface JsonFinding {
  ruleId: string;
  severity: string;
  file: string;
  tensor?: string;
}
const json = (stdout: string) =>
  JSON.parse(stdout) as { findings: JsonFinding[]; adapters: { path: string; findings: JsonFinding[] }[] };

describe('cli: lint runs', () => {
  it('text: reports the broken adapter, the count line, and exits 1', () => {
    const run = runCli([], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('AL201 doubled-adapter-name');
    expect(run.stdout).toMatch(/\n\d+ errors?, \d+ warnings?, \d+ notes? in 2 adapters \(\d+ files?\)\n$/);
    expect(run.stdout).not.toContain('\x1b[');
  });

  it('a correct adapter alone exits 0 with no findings', () => {
    const run = runCli(['good'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^ok good \(peft, 4 modules\)\n\n0 errors, 0 warnings, 0 notes in 1 adapter \(\d+ files?\)\n$/,
    );
  });

  it('--fail-on never exits 0 even with errors', () => {
    expect(runCli(['--fail-on', 'never'], dir).code).toBe(0);
  });

  it('json: the contract, with relative forward-slash paths', () => {
    const run = runCli(['--format', 'json'], dir);
    expect(run.code).toBe(1);
    const report = json(run.stdout);
    expect(Object.keys(report).slice(0, 5)).toEqual(['version', 'tool', 'adapters', 'findings', 'merge']);
    expect(report.adapters.map((a) => a.path).sort()).toEqual(['broken', 'good']);
    const al201 = report.findings.filter((f) => f.ruleId === 'AL201');
    expect(al201.length).toBeGreaterThan(0);
    expect(al201[0]).toMatchObject({ severity: 'error', file: BROKEN });
    expect(al201[0]!.tensor).toMatch(/\.default\.default\.weight$/);
    expect(report.adapters.find((a) => a.path === 'good')!.findings).toEqual([]);
  });

  it('sarif: valid against the official schema, AL201 located on the weights file', async () => {
    const run = runCli(['--format', 'sarif', '--category', 'shard-1'], dir);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    const schema = JSON.parse(
      await readFile(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
    );
    const { $schema: _draft, id, ...rest } = schema;
    const ajv = new Ajv({ strict: false });
    for (const format of ['uri', 'uri-reference', 'date-time']) ajv.addFormat(format, true);
    const validate = ajv.compile({ $id: id, ...rest });
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run0 = log.runs[0];
    expect(run0.automationDetails.id).toBe('shard-1/');
    const result = run0.results.find((r: { ruleId: string }) => r.ruleId === 'AL201');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(BROKEN);
    expect(run0.tool.driver.rules[result.ruleIndex]).toMatchObject({
      id: 'AL201',
      name: 'doubled-adapter-name',
    });
  });

  it('github: workflow commands with file, line 1 and title, the lines the Action writes', () => {
    const run = runCli(['--format', 'github'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error file=${BROKEN},line=1,title=AL201 doubled-adapter-name::`);
    const al201 = parseWorkflowCommands(run.stdout).find((c) => c.properties.title?.startsWith('AL201'));
    expect(al201?.properties).toEqual({ file: BROKEN, line: '1', title: 'AL201 doubled-adapter-name' });
    // The Action annotates with formatAnnotation (emitAnnotations): every finding of the run is printed as
    // exactly that line, so the two paths cannot drift apart.
    const findings = (JSON.parse(runCli(['--format', 'json'], dir).stdout) as { findings: Finding[] })
      .findings;
    expect(findings.length).toBeGreaterThan(0);
    const lines = run.stdout.split('\n');
    for (const f of findings) expect(lines).toContain(formatAnnotation(f));
  });

  it('--output writes the report to a file and prints the count line', async () => {
    const run = runCli(['--format', 'json', '--output', 'report.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^\d+ errors?, .* \(report written to report\.json\)\n$/);
    const report = json(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(report.findings.some((f) => f.ruleId === 'AL201')).toBe(true);
    await rm(join(dir, 'report.json'));
  });

  it('--ignore turns a rule off', () => {
    const report = json(runCli(['--format', 'json', '--ignore', 'AL201,AL202'], dir).stdout);
    expect(report.findings.map((f) => f.ruleId)).not.toContain('AL201');
  });

  it('--select runs only the listed rules', () => {
    const report = json(runCli(['--format', 'json', '--select', 'AL301', '--fail-on', 'never'], dir).stdout);
    expect(report.findings.filter((f) => f.ruleId !== 'AL301')).toEqual([]);
  });

  it('--config changes a severity; the default .adapter-lint.json is read when present', async () => {
    await writeFile(join(dir, 'lower.json'), JSON.stringify({ rules: { AL201: 'note' } }));
    const lowered = runCli(['--format', 'json', '--config', 'lower.json', '--select', 'AL201'], dir);
    expect(
      json(lowered.stdout)
        .findings.filter((f) => f.ruleId === 'AL201')
        .every((f) => f.severity === 'note'),
    ).toBe(true);
    expect(lowered.code).toBe(0);

    await writeFile(join(dir, '.adapter-lint.json'), JSON.stringify({ ignore: ['AL201'], failOn: 'never' }));
    const byDefault = runCli(['--format', 'json'], dir);
    await rm(join(dir, '.adapter-lint.json'));
    expect(byDefault.code).toBe(0);
    expect(json(byDefault.stdout).findings.map((f) => f.ruleId)).not.toContain('AL201');
  });

  it('--list-rules prints every rule with ID, slug and severity', () => {
    const run = runCli(['--list-rules'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^AL201 +doubled-adapter-name +error +\S/m);
    const list = JSON.parse(runCli(['--list-rules', '--format', 'json'], dir).stdout) as { id: string }[];
    expect(list.map((r) => r.id)).toContain('AL302');
  });

  it('a path given by file name (as pre-commit passes them) lints its adapter', async () => {
    await mkdir(join(dir, 'empty'), { recursive: true });
    const run = runCli(['--format', 'json', BROKEN], dir);
    expect(run.code).toBe(1);
    expect(json(run.stdout).findings.some((f) => f.ruleId === 'AL201' && f.file === BROKEN)).toBe(true);
  });
});
