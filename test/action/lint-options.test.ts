// The Action reads only inside the workspace: every `paths` entry (a glob by its static prefix), base-model
// and merged-model are confined with symlinks followed, before anything is linted.
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionError } from '../../src/action/errors.js';
import type { ActionInputs } from '../../src/action/inputs.js';
import { buildLintOptions } from '../../src/action/lint-options.js';

let top: string;
let workspace: string;
let elsewhere: string;

beforeAll(async () => {
  top = await realpath(await mkdtemp(join(tmpdir(), 'adapter-lint-options-')));
  workspace = join(top, 'ws');
  elsewhere = join(top, 'elsewhere');
  await mkdir(join(workspace, 'adapters/run'), { recursive: true });
  await mkdir(join(workspace, '..foo'), { recursive: true });
  await mkdir(join(workspace, 'models/base'), { recursive: true });
  await mkdir(elsewhere, { recursive: true });
  await writeFile(join(elsewhere, 'model.safetensors'), 'x');
  await writeFile(join(workspace, '..foo/model.safetensors'), 'x');
  await symlink(elsewhere, join(workspace, 'linked-out'));
  await symlink(join(workspace, 'models'), join(workspace, 'linked-in'));
});
afterAll(() => rm(top, { recursive: true, force: true }));

function inputs(overrides: Partial<ActionInputs>): ActionInputs {
  return {
    paths: [],
    mode: 'all',
    ignore: [],
    maxAnnotations: 10,
    token: '',
    exact: false,
    fix: false,
    ...overrides,
  };
}

/** The ActionError message, or 'ok' when the options were built. */
async function verdict(overrides: Partial<ActionInputs>): Promise<string> {
  try {
    await buildLintOptions(inputs(overrides), workspace, undefined);
    return 'ok';
  } catch (error) {
    if (error instanceof ActionError) return error.message;
    throw error;
  }
}

const outside = (input: string, path: string) =>
  `Input ${input} (${path}) is outside the workspace; adapter-lint only reads files inside it.`;

describe('paths input is confined to the workspace', () => {
  it('accepts files, folders and globs inside, even a missing one (discovery reports that)', async () => {
    expect(
      await verdict({
        paths: ['adapters', 'adapters/run', '**/*.safetensors', 'adapters/*/adapter_config.json', 'not-yet'],
      }),
    ).toBe('ok');
    expect(await verdict({ paths: ['linked-in/base', join(workspace, 'adapters')] })).toBe('ok');
  });

  it('refuses .. and absolute paths outside', async () => {
    expect(await verdict({ paths: ['../elsewhere'] })).toBe(outside('paths', '../elsewhere'));
    expect(await verdict({ paths: ['/etc'] })).toBe(outside('paths', '/etc'));
    expect(await verdict({ paths: ['adapters', '../missing/x'] })).toBe(outside('paths', '../missing/x'));
  });

  it('refuses a symlink leading outside, and a path through it', async () => {
    expect(await verdict({ paths: ['linked-out'] })).toBe(outside('paths', 'linked-out'));
    expect(await verdict({ paths: ['linked-out/model.safetensors'] })).toBe(
      outside('paths', 'linked-out/model.safetensors'),
    );
  });

  it('checks a glob by its static prefix, and refuses `..` after it', async () => {
    expect(await verdict({ paths: ['../elsewhere/*.safetensors'] })).toBe(
      outside('paths', '../elsewhere/*.safetensors'),
    );
    expect(await verdict({ paths: ['/etc/**'] })).toBe(outside('paths', '/etc/**'));
    expect(await verdict({ paths: ['linked-out/**/*.safetensors'] })).toBe(
      outside('paths', 'linked-out/**/*.safetensors'),
    );
    expect(await verdict({ paths: ['adapters/*/../../../elsewhere/*'] })).toBe(
      outside('paths', 'adapters/*/../../../elsewhere/*'),
    );
  });
});

describe('base-model and merged-model are confined to the workspace', () => {
  it('accepts a model inside, through an inner symlink, and a folder named ..foo', async () => {
    expect(await verdict({ baseModel: 'models/base' })).toBe('ok');
    expect(await verdict({ baseModel: 'linked-in/base', mergedModel: '..foo/model.safetensors' })).toBe('ok');
  });

  it('refuses a symlink leading outside (realpath), naming the input', async () => {
    expect(await verdict({ baseModel: 'linked-out/model.safetensors' })).toBe(
      outside('base-model', 'linked-out/model.safetensors'),
    );
    expect(await verdict({ baseModel: 'models/base', mergedModel: 'linked-out' })).toBe(
      outside('merged-model', 'linked-out'),
    );
  });

  it('refuses .. and absolute paths, and a missing model inside is its own error', async () => {
    expect(await verdict({ baseModel: '../elsewhere/model.safetensors' })).toBe(
      outside('base-model', '../elsewhere/model.safetensors'),
    );
    expect(await verdict({ baseModel: join(elsewhere, 'model.safetensors') })).toBe(
      outside('base-model', join(elsewhere, 'model.safetensors')),
    );
    expect(await verdict({ baseModel: 'models/none' })).toBe(
      'Input base-model: models/none does not exist in the workspace.',
    );
  });

  it('builds the options from confined inputs unchanged', async () => {
    const { options } = await buildLintOptions(
      inputs({ paths: ['adapters'], baseModel: 'models/base' }),
      workspace,
      undefined,
    );
    expect(options).toMatchObject({ cwd: workspace, paths: ['adapters'], base: 'models/base' });
  });
});
