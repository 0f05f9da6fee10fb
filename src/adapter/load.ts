// Read an adapter plan into an Adapter: config (adapter_config.json, or for diffusers files the
// `lora_adapter_metadata` in the header), headers (never tensor data, except `.alpha` scalars), layout and modules. Every defect becomes a FileProblem or a config error; nothing here throws on bad input.
import { open, readlink } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

import {
  type FileKind,
  isDecodableDtype,
  isFloatDtype,
  openSafetensors,
  resolveInsideRoot,
  SafetensorsError,
  type SafetensorsFile,
  type ShardIndex,
  sniffFile,
} from '../safetensors/index.js';
import type { SafetensorsHeader } from '../safetensors/types.js';
import type { Adapter, AdapterConfig, FileProblem, TensorRef, WeightsFile } from '../types.js';
import { MAX_CONFIG_BYTES, parseAdapterConfig } from './config.js';
import { readEmbeddedConfig } from './diffusers-metadata.js';
import { type AdapterPlan, type CandidateFile, type PathRefusal, toRelative } from './discover.js';
import { detectLayout } from './layout.js';
import { buildModules } from './modules.js';

export interface LoadedAdapter {
  readonly adapter: Adapter;
  /** Files opened for this adapter. */
  readonly filesRead: number;
}

export async function loadAdapter(cwd: string, plan: AdapterPlan): Promise<LoadedAdapter> {
  const problems: FileProblem[] = [];
  let filesRead = 0;
  const rel = (path: string) => toRelative(cwd, path);
  const refuse = async (file: CandidateFile): Promise<boolean> => {
    if (file.refusal === null) return false;
    problems.push(await refusalProblem(cwd, file.path, file.refusal));
    return true;
  };

  let config: AdapterConfig | null = null;
  let configErrors: string[] = [];
  // mlx-lm writes its own adapter_config.json (lora_parameters, num_layers) beside adapters.safetensors
  // (reference §8.3): not a PEFT adapter, so neither its config nor its file names are PEFT defects.
  // A PEFT adapter of another method (LoHa, IA3, prompt tuning...) follows other key grammars: the catalogue
  // makes its peft_type an AL402 error, and no LoRA key rule runs on it.
  let notLora = false;
  let foreign: ForeignConfig | null = null;
  if (plan.config && !(await refuse(plan.config))) {
    filesRead++;
    const text = await readConfigText(plan.config.path);
    if (typeof text === 'string') {
      foreign = foreignConfig(text);
      notLora = foreign !== null;
      const parsed = notLora
        ? { config: null, errors: foreign?.configError ?? [] }
        : parseAdapterConfig(text);
      config = parsed.config;
      configErrors = [...parsed.errors];
    } else configErrors = [text.error];
  }

  const weights: WeightsFile[] = [];
  const alphaValues = new Map<string, number>();
  if (plan.index) {
    if (!(await refuse(plan.index.file))) {
      filesRead++;
      const parsed = plan.index.parsed;
      if (parsed) {
        problems.push(
          ...(await shardIndexProblems(cwd, rel(plan.index.file.path), plan.index.file.root, parsed)),
        );
        for (const shard of parsed.shards) {
          if (shard.path === null) continue;
          filesRead++;
          const file = `${rel(plan.index.file.path).replace(/[^/]*$/, '')}${shard.name}`;
          weights.push({ file, absPath: shard.path, kind: { kind: 'safetensors' }, header: shard.header });
          if (shard.header) await readAlphas(shard.path, shard.header, alphaValues, problems, file);
        }
      }
    }
  } else {
    for (const candidate of plan.weights) {
      if (await refuse(candidate)) continue;
      filesRead++;
      weights.push(await loadWeightsFile(rel(candidate.path), candidate.path, problems, alphaValues));
    }
  }

  const tensors = new Map<string, TensorRef>();
  for (const file of weights) {
    for (const name of file.header?.tensors.keys() ?? []) {
      if (!tensors.has(name)) tensors.set(name, { name, file });
    }
  }
  const readable = weights.some((w) => w.header !== null);
  const detected = readable
    ? detectLayout([...tensors.keys()], plan.config !== null && !notLora)
    : {
        layout: 'none' as const,
        note: weights.length === 0 ? 'no weights file' : 'no readable weights file',
      };
  const guess =
    foreign !== null && readable
      ? { layout: 'unrecognized' as const, note: `${foreign.what}: ${detected.note}` }
      : detected;
  const modules = buildModules(guess.layout, tensors, alphaValues);
  // Only diffusers reads lora_adapter_metadata; a PEFT folder's config is adapter_config.json.
  const embeddedConfig = guess.layout === 'diffusers' ? readEmbeddedConfig(weights) : undefined;

  const adapter: Adapter = {
    path: plan.path,
    layout: guess.layout,
    layoutNote: guess.note,
    configFile: plan.config ? rel(plan.config.path) : null,
    config,
    configErrors,
    ...(embeddedConfig ? { embeddedConfig } : {}),
    weights,
    fileProblems: problems,
    tensors,
    modules,
    stats: new Map(),
    products: new Map(),
    ...(plan.misnamed && !notLora ? { misnamedWeights: plan.weights.map((w) => rel(w.path)) } : {}),
  };
  return { adapter, filesRead };
}

/** PEFT methods other than LoRA (`PeftType`, reference §5.2 / §8.5): their files follow other grammars. */
const OTHER_PEFT_TYPES = new Set([
  'PROMPT_TUNING',
  'MULTITASK_PROMPT_TUNING',
  'P_TUNING',
  'PREFIX_TUNING',
  'ADAPTION_PROMPT',
  'CPT',
  'IA3',
  'LOHA',
  'LOKR',
  'OFT',
  'BOFT',
  'POLY',
  'LN_TUNING',
  'VERA',
  'FOURIERFT',
  'XLORA',
  'HRA',
  'VBLORA',
  'BONE',
  'MISS',
  'RANDLORA',
  'TRAINABLE_TOKENS',
  'C3A',
  'ROAD',
  'SHIRA',
  'WAVEFT',
  'DELORA',
  'GRALORA',
]);

interface ForeignConfig {
  /** What the config says the adapter is. */
  readonly what: string;
  /** AL402 errors it still deserves. */
  readonly configError?: readonly string[];
}

/** What a valid config of another kind says it is (MLX-LM, a non-LoRA PEFT method), or null for a LoRA one. */
function foreignConfig(text: string): ForeignConfig | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const type = (raw as Record<string, unknown>).peft_type;
  if (type === undefined && Object.hasOwn(raw, 'lora_parameters')) {
    return { what: 'an MLX-LM adapter (adapter_config.json with lora_parameters, not PEFT)' };
  }
  if (typeof type === 'string' && OTHER_PEFT_TYPES.has(type)) {
    return {
      what: `a PEFT ${type} adapter, not LoRA, so LoRA key checks were skipped`,
      configError: [
        `peft_type is "${type}", not a LoRA type (LORA or ADALORA): adapter-lint checks LoRA adapters`,
      ],
    };
  }
  return null;
}

async function readConfigText(path: string): Promise<string | { error: string }> {
  try {
    const fh = await open(path, 'r');
    try {
      const { size } = await fh.stat();
      if (size > MAX_CONFIG_BYTES)
        return { error: `the file is ${size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit` };
      const text = (await fh.readFile()).toString('utf8');
      if (text.startsWith('version https://git-lfs.github.com/spec/v1')) {
        return {
          error:
            'the file is a Git LFS pointer, not the config (fetch LFS objects, e.g. lfs: true on actions/checkout)',
        };
      }
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } finally {
      await fh.close();
    }
  } catch (error) {
    return { error: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
}

async function loadWeightsFile(
  file: string,
  absPath: string,
  problems: FileProblem[],
  alphaValues: Map<string, number>,
): Promise<WeightsFile> {
  let kind: FileKind;
  try {
    kind = await sniffFile(absPath);
  } catch (error) {
    problems.push({ kind: 'unreadable', file, message: errorText(error) });
    return { file, absPath, kind: { kind: 'unknown' }, header: null };
  }
  const result = (header: SafetensorsHeader | null): WeightsFile => ({ file, absPath, kind, header });
  switch (kind.kind) {
    case 'lfs-pointer':
      problems.push({
        kind: 'lfs-pointer',
        file,
        ...(kind.oid !== undefined ? { oid: kind.oid } : {}),
        ...(kind.size !== undefined ? { size: kind.size } : {}),
      });
      return result(null);
    case 'pickle':
      problems.push({ kind: 'pickle', file, reason: `pickle data (protocol ${kind.protocol})` });
      return result(null);
    case 'zip':
      problems.push({
        kind: 'pickle',
        file,
        reason: 'a zip archive (the PyTorch torch.save format, pickle inside)',
      });
      return result(null);
    default:
      break;
  }
  if (kind.kind === 'empty' || kind.kind === 'too-small') {
    const size = kind.kind === 'empty' ? 0 : kind.size;
    problems.push({
      kind: 'invalid-safetensors',
      file,
      code: 'HeaderTooSmall',
      message: `not a safetensors file: ${size} byte${size === 1 ? '' : 's'}, header length unreadable`,
      offset: 0,
    });
    return result(null);
  }
  if (kind.kind !== 'safetensors' && !absPath.endsWith('.safetensors')) {
    problems.push({
      kind: 'unreadable',
      file,
      message: 'the file is neither safetensors nor a pickle',
    });
    return result(null);
  }
  let handle: SafetensorsFile;
  try {
    handle = await openSafetensors(absPath);
  } catch (error) {
    problems.push(invalidSafetensors(file, error));
    return result(null);
  }
  try {
    await readAlphaValues(handle, handle.header, alphaValues, problems, file);
  } finally {
    await handle.close().catch(() => {});
  }
  return { file, absPath, kind: { kind: 'safetensors' }, header: handle.header };
}

/** A file that failed to open or validate, as the problem the AL1xx rules report (shared with the merge checks). */
export function invalidSafetensors(file: string, error: unknown): FileProblem {
  if (error instanceof SafetensorsError) {
    if (error.code === 'IoError') return { kind: 'unreadable', file, message: error.message };
    return {
      kind: 'invalid-safetensors',
      file,
      code: error.code,
      message: error.message,
      offset: error.offset,
    };
  }
  return { kind: 'unreadable', file, message: errorText(error) };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readAlphas(
  path: string,
  header: SafetensorsHeader,
  alphaValues: Map<string, number>,
  problems: FileProblem[],
  file: string,
): Promise<void> {
  if (![...header.tensors.keys()].some(isAlphaName)) return;
  try {
    const handle = await openSafetensors(path);
    try {
      await readAlphaValues(handle, header, alphaValues, problems, file);
    } finally {
      await handle.close().catch(() => {});
    }
  } catch (error) {
    problems.push(invalidSafetensors(file, error));
  }
}

function isAlphaName(name: string): boolean {
  return name.endsWith('.alpha');
}

/** `.alpha` scalars (one element) decoded to a number; the reader does the decoding. */
async function readAlphaValues(
  handle: SafetensorsFile,
  header: SafetensorsHeader,
  alphaValues: Map<string, number>,
  problems: FileProblem[],
  file: string,
): Promise<void> {
  for (const [name, info] of header.tensors) {
    if (!isAlphaName(name) || info.numel !== 1) continue;
    try {
      if (isFloatDtype(info.dtype)) {
        // A complex (C64) alpha has no real value to scale by: no alpha, as if none was saved.
        if (!isDecodableDtype(info.dtype)) continue;
        const values = await handle.readFloat32(info, 0, 1);
        alphaValues.set(name, values[0]!);
      } else {
        const bytes = await handle.readBytes(info.start, info.byteLength);
        const value = decodeInteger(info.dtype, bytes);
        if (value !== null) alphaValues.set(name, value);
      }
    } catch (error) {
      problems.push(invalidSafetensors(file, error));
      return;
    }
  }
}

function decodeInteger(dtype: string, bytes: Buffer): number | null {
  switch (dtype) {
    case 'I8':
      return bytes.readInt8(0);
    case 'U8':
    case 'BOOL':
      return bytes.readUInt8(0);
    case 'I16':
      return bytes.readInt16LE(0);
    case 'U16':
      return bytes.readUInt16LE(0);
    case 'I32':
      return bytes.readInt32LE(0);
    case 'U32':
      return bytes.readUInt32LE(0);
    case 'I64':
      return Number(bytes.readBigInt64LE(0));
    case 'U64':
      return Number(bytes.readBigUInt64LE(0));
    default:
      return null;
  }
}

/** The remedy ending the message of a dangling symlink (AL101 adds no other). */
export const MISSING_LINK_FIX = 'restore it or remove the link';

/** A file discovery refused to open: AL107 when it leads outside the root, AL101 (unreadable) otherwise. */
async function refusalProblem(cwd: string, path: string, refusal: PathRefusal): Promise<FileProblem> {
  const file = toRelative(cwd, path);
  switch (refusal.kind) {
    case 'outside':
      return { kind: 'unsafe-path', file, reason: refusal.reason };
    case 'missing': {
      const target = await readlink(path).catch(() => null);
      const message =
        target === null
          ? 'the file no longer exists'
          : `the link target ${toRelative(cwd, resolve(dirname(path), target))} is missing: ${MISSING_LINK_FIX}`;
      return { kind: 'unreadable', file, message };
    }
    case 'unresolvable':
    case 'bad-root':
      return { kind: 'unreadable', file, message: refusal.reason };
  }
}

/** Whether a shard name the index refused would leave the index's folder (a path, `..`, a drive). */
function shardNameLeavesFolder(name: string): boolean {
  return /[/\\]/.test(name) || name.includes('..') || /^[A-Za-z]:/.test(name);
}

/**
 * Shard-index problems as FileProblems: paths leaving the folder are AL107, broken shards AL101, the rest
 * AL105. An unresolvable shard is resolved again to learn why (the index keeps only the text).
 */
export async function shardIndexProblems(
  cwd: string,
  indexFile: string,
  root: string,
  index: ShardIndex,
): Promise<FileProblem[]> {
  const folder = indexFile.replace(/[^/]*$/, '');
  const out: FileProblem[] = [];
  for (const problem of index.problems) {
    const shard = problem.shard;
    const shardIndexProblem = (message: string): FileProblem => ({
      kind: 'bad-shard-index',
      file: indexFile,
      message,
      severity: problem.severity,
    });
    if (problem.code === 'shard.bad-name' && shard !== undefined && shardNameLeavesFolder(shard)) {
      out.push({ kind: 'unsafe-path', file: indexFile, reason: problem.message });
    } else if (problem.code === 'shard.unresolvable' && shard !== undefined) {
      const path = join(dirname(index.indexPath), shard);
      const resolved = await resolveInsideRoot(root, relative(root, path));
      if (!resolved.ok && resolved.kind === 'outside') {
        out.push({ kind: 'unsafe-path', file: indexFile, reason: `shard ${shard}: ${resolved.reason}` });
      } else if (!resolved.ok && resolved.kind === 'missing') {
        const target = await readlink(path).catch(() => null);
        out.push(
          shardIndexProblem(
            target === null
              ? `shard ${shard} is missing`
              : `shard ${shard} is a link whose target ${toRelative(cwd, resolve(dirname(path), target))} is missing: ${MISSING_LINK_FIX}`,
          ),
        );
      } else {
        out.push(
          shardIndexProblem(
            `shard ${shard} cannot be resolved: ${resolved.ok ? 'it changed while linting' : resolved.reason}`,
          ),
        );
      }
    } else if (problem.code === 'shard.invalid' && problem.error && shard) {
      out.push(invalidSafetensors(`${folder}${shard}`, problem.error));
    } else {
      out.push(shardIndexProblem(problem.message));
    }
  }
  return out;
}
