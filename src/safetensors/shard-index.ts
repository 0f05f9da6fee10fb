// Sharded checkpoints: `*.safetensors.index.json` parsed with limits, then checked against the shards.
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SafetensorsError } from './errors.js';
import { ioError, openSafetensors, readFully } from './file.js';
import { findInvalidUtf8, JsonCursor, JsonSyntaxError } from './json-tokenizer.js';
import { resolveInsideRoot } from './safe-path.js';
import type { SafetensorsHeader } from './types.js';

/** Limits in the spirit of huggingface.js `parse-safetensors-index.ts`. */
export const SHARD_INDEX_LIMITS = {
  maxBytes: 250_000_000,
  maxDepth: 64,
  maxStringBytes: 100_000,
  maxShards: 10_000,
  maxMetadataEntries: 1_000,
} as const;

export type ShardIndexProblemCode =
  | 'index.unreadable'
  | 'index.too-large'
  | 'index.invalid-json'
  | 'index.schema'
  | 'index.duplicate-key'
  | 'index.too-many-shards'
  | 'shard.bad-name'
  | 'shard.unresolvable'
  | 'shard.invalid'
  | 'shard.tensor-missing'
  | 'shard.tensor-unlisted'
  | 'shard.tensor-in-two-shards'
  | 'shard.numbering'
  | 'index.total-size';

export interface ShardIndexProblem {
  readonly code: ShardIndexProblemCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly shard?: string;
  readonly tensor?: string;
  /** Set for `shard.invalid`: the reader's error. */
  readonly error?: SafetensorsError;
}

export interface ShardInfo {
  /** The name as written in `weight_map`. */
  readonly name: string;
  /** Resolved real path, or null when the name was refused or the file does not resolve inside the root. */
  readonly path: string | null;
  /** The validated header, or null when the shard could not be opened. */
  readonly header: SafetensorsHeader | null;
}

export interface ShardIndex {
  readonly indexPath: string;
  /** `weight_map`: tensor name → shard name (empty when the index could not be parsed). */
  readonly weightMap: ReadonlyMap<string, string>;
  /** Distinct shards in order of first reference. */
  readonly shards: readonly ShardInfo[];
  /** `metadata.total_size` when present as an integer (or a string of digits). */
  readonly totalSize: bigint | null;
  readonly problems: readonly ShardIndexProblem[];
  /** True when no problem has severity `error`. */
  readonly ok: boolean;
}

const SHARD_NUMBERING = /-(\d{5})-of-(\d{5})\.safetensors$/;

/** Why a weight_map value is not a plain shard file name, or null when it is one. */
export function badShardName(name: string): string | null {
  if (name.length === 0) return 'empty name';
  if (name.includes('\0')) return 'contains NUL';
  if (name.includes('/') || name.includes('\\')) return 'contains a path separator';
  if (name.includes('://')) return 'is a URL';
  if (name === '.' || name === '..' || name.includes('..')) return 'contains `..`';
  if (/^[A-Za-z]:/.test(name)) return 'is a drive path';
  if (!name.endsWith('.safetensors')) return 'does not end in `.safetensors`';
  return null;
}

interface ParsedIndex {
  weightMap: Map<string, string>;
  totalSize: bigint | null;
}

class IndexSchemaError extends Error {
  constructor(
    message: string,
    readonly code: ShardIndexProblemCode,
  ) {
    super(message);
  }
}

function parseIndexJson(bytes: Uint8Array): ParsedIndex {
  const badByte = findInvalidUtf8(bytes);
  if (badByte >= 0) throw new JsonSyntaxError('invalid UTF-8', badByte, 'utf8');
  const cursor = new JsonCursor(bytes, {
    maxDepth: SHARD_INDEX_LIMITS.maxDepth,
    maxStringBytes: SHARD_INDEX_LIMITS.maxStringBytes,
  });
  const weightMap = new Map<string, string>();
  let totalSize: bigint | null = null;
  const topKeys = new Set<string>();
  let sawWeightMap = false;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new JsonSyntaxError('byte order mark before JSON', 0, 'json.bom');
  }
  cursor.readObject((key) => {
    if (topKeys.has(key))
      throw new IndexSchemaError(`duplicate top-level key ${JSON.stringify(key)}`, 'index.duplicate-key');
    topKeys.add(key);
    if (key === 'weight_map') {
      sawWeightMap = true;
      if (cursor.peekKind() !== 'object')
        throw new IndexSchemaError('`weight_map` must be an object', 'index.schema');
      const shards = new Set<string>();
      cursor.readObject((tensor) => {
        if (weightMap.has(tensor)) {
          throw new IndexSchemaError(
            `duplicate tensor ${JSON.stringify(tensor)} in weight_map`,
            'index.duplicate-key',
          );
        }
        if (cursor.peekKind() !== 'string') {
          throw new IndexSchemaError(
            `weight_map value of ${JSON.stringify(tensor)} must be a string`,
            'index.schema',
          );
        }
        const shard = cursor.readString();
        shards.add(shard);
        if (shards.size > SHARD_INDEX_LIMITS.maxShards) {
          throw new IndexSchemaError(
            `more than ${SHARD_INDEX_LIMITS.maxShards} shards`,
            'index.too-many-shards',
          );
        }
        weightMap.set(tensor, shard);
      });
    } else if (key === 'metadata') {
      if (cursor.peekKind() !== 'object')
        throw new IndexSchemaError('`metadata` must be an object', 'index.schema');
      let entries = 0;
      const metadataKeys = new Set<string>();
      cursor.readObject((name) => {
        if (++entries > SHARD_INDEX_LIMITS.maxMetadataEntries) {
          throw new IndexSchemaError(
            `more than ${SHARD_INDEX_LIMITS.maxMetadataEntries} metadata entries`,
            'index.schema',
          );
        }
        if (metadataKeys.has(name)) {
          throw new IndexSchemaError(`duplicate metadata key ${JSON.stringify(name)}`, 'index.duplicate-key');
        }
        metadataKeys.add(name);
        if (name !== 'total_size') {
          cursor.skipValue();
          return;
        }
        const kind = cursor.peekKind();
        if (kind === 'number') {
          const n = cursor.readNumber();
          if (n.kind !== 'uint')
            throw new IndexSchemaError('`total_size` must be a non-negative integer', 'index.schema');
          totalSize = n.value;
        } else if (kind === 'string') {
          const text = cursor.readString();
          if (!/^\d{1,20}$/.test(text)) {
            throw new IndexSchemaError('`total_size` must be a non-negative integer', 'index.schema');
          }
          totalSize = BigInt(text);
        } else {
          throw new IndexSchemaError('`total_size` must be a non-negative integer', 'index.schema');
        }
      });
    } else {
      cursor.skipValue();
    }
  });
  cursor.expectEnd();
  if (!sawWeightMap) throw new IndexSchemaError('missing `weight_map`', 'index.schema');
  return { weightMap, totalSize };
}

/** Read and check a shard index; shards must be plain file names beside the index, inside `root`. */
export async function readShardIndex(indexPath: string, root: string): Promise<ShardIndex> {
  const problems: ShardIndexProblem[] = [];
  const failed = (): ShardIndex => ({
    indexPath,
    weightMap: new Map(),
    shards: [],
    totalSize: null,
    problems,
    ok: false,
  });

  let bytes: Uint8Array;
  try {
    const fh = await open(indexPath, 'r');
    try {
      const { size } = await fh.stat({ bigint: true });
      if (size > BigInt(SHARD_INDEX_LIMITS.maxBytes)) {
        problems.push({
          code: 'index.too-large',
          severity: 'error',
          message: `index is ${size} bytes, over the ${SHARD_INDEX_LIMITS.maxBytes}-byte limit`,
        });
        return failed();
      }
      bytes = new Uint8Array(Number(size));
      await readFully(fh, indexPath, bytes, 0);
    } finally {
      await fh.close();
    }
  } catch (error) {
    const reason = error instanceof SafetensorsError ? error : ioError(indexPath, error);
    problems.push({ code: 'index.unreadable', severity: 'error', message: reason.message });
    return failed();
  }

  let parsed: ParsedIndex;
  try {
    parsed = parseIndexJson(bytes);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      problems.push({
        code: 'index.invalid-json',
        severity: 'error',
        message: `invalid JSON at byte ${error.index}: ${error.message}`,
      });
      return failed();
    }
    if (error instanceof IndexSchemaError) {
      problems.push({ code: error.code, severity: 'error', message: error.message });
      return failed();
    }
    throw error;
  }

  const { weightMap, totalSize } = parsed;
  const folder = dirname(indexPath);
  const shardNames = [...new Set(weightMap.values())];
  const shards: ShardInfo[] = [];
  for (const name of shardNames) {
    const bad = badShardName(name);
    if (bad !== null) {
      problems.push({
        code: 'shard.bad-name',
        severity: 'error',
        message: `shard name ${JSON.stringify(name)} ${bad}`,
        shard: name,
      });
      shards.push({ name, path: null, header: null });
      continue;
    }
    const resolved = await resolveInsideRoot(root, join(folder, name));
    if (!resolved.ok) {
      problems.push({ code: 'shard.unresolvable', severity: 'error', message: resolved.reason, shard: name });
      shards.push({ name, path: null, header: null });
      continue;
    }
    try {
      const file = await openSafetensors(resolved.realPath);
      await file.close();
      shards.push({ name, path: resolved.realPath, header: file.header });
    } catch (error) {
      if (!(error instanceof SafetensorsError)) throw error;
      problems.push({
        code: 'shard.invalid',
        severity: 'error',
        message: `shard ${name}: ${error.code}: ${error.message}`,
        shard: name,
        error,
      });
      shards.push({ name, path: resolved.realPath, header: null });
    }
  }

  checkAgreement(weightMap, shards, problems);
  checkNumbering(shardNames, problems);

  if (totalSize !== null && shards.every((s) => s.header !== null)) {
    const actual = shards.reduce((sum, s) => sum + BigInt(s.header!.fileSize - s.header!.dataStart), 0n);
    if (actual !== totalSize) {
      problems.push({
        code: 'index.total-size',
        severity: 'warning',
        message: `metadata.total_size is ${totalSize} but the shards hold ${actual} data bytes`,
      });
    }
  }

  return {
    indexPath,
    weightMap,
    shards,
    totalSize,
    problems,
    ok: problems.every((p) => p.severity !== 'error'),
  };
}

function checkAgreement(
  weightMap: ReadonlyMap<string, string>,
  shards: readonly ShardInfo[],
  problems: ShardIndexProblem[],
): void {
  const byName = new Map(shards.map((s) => [s.name, s]));
  for (const [tensor, shardName] of weightMap) {
    const header = byName.get(shardName)?.header;
    if (header && !header.tensors.has(tensor)) {
      problems.push({
        code: 'shard.tensor-missing',
        severity: 'error',
        message: `weight_map puts ${JSON.stringify(tensor)} in ${shardName}, which has no such tensor`,
        shard: shardName,
        tensor,
      });
    }
  }
  const owner = new Map<string, string>();
  for (const shard of shards) {
    if (shard.header === null) continue;
    for (const tensor of shard.header.tensors.keys()) {
      const previous = owner.get(tensor);
      if (previous !== undefined) {
        problems.push({
          code: 'shard.tensor-in-two-shards',
          severity: 'error',
          message: `tensor ${JSON.stringify(tensor)} is in both ${previous} and ${shard.name}`,
          shard: shard.name,
          tensor,
        });
        continue;
      }
      owner.set(tensor, shard.name);
      const listed = weightMap.get(tensor);
      if (listed !== shard.name) {
        problems.push({
          code: 'shard.tensor-unlisted',
          severity: 'error',
          message:
            listed === undefined
              ? `tensor ${JSON.stringify(tensor)} in ${shard.name} is not in weight_map`
              : `tensor ${JSON.stringify(tensor)} is in ${shard.name} but weight_map says ${listed}`,
          shard: shard.name,
          tensor,
        });
      }
    }
  }
}

function checkNumbering(shardNames: readonly string[], problems: ShardIndexProblem[]): void {
  const numbered = shardNames
    .map((name) => ({ name, match: SHARD_NUMBERING.exec(basename(name)) }))
    .filter((s) => s.match !== null);
  if (numbered.length === 0) return;
  if (numbered.length !== shardNames.length) {
    const plain = shardNames.filter((n) => !SHARD_NUMBERING.test(n));
    problems.push({
      code: 'shard.numbering',
      severity: 'error',
      message: `some shards are numbered -NNNNN-of-MMMMM and some are not: ${plain.join(', ')}`,
    });
  }
  const totals = new Set(numbered.map((s) => s.match![2]!));
  if (totals.size > 1) {
    problems.push({
      code: 'shard.numbering',
      severity: 'error',
      message: `shards disagree on the shard count: ${[...totals].join(', ')}`,
    });
    return;
  }
  const total = Number([...totals][0]);
  const seen = new Set(numbered.map((s) => Number(s.match![1])));
  const outOfRange = [...seen].filter((i) => i < 1 || i > total);
  const missing: number[] = [];
  for (let i = 1; i <= total && missing.length < 20; i++) if (!seen.has(i)) missing.push(i);
  if (outOfRange.length > 0 || missing.length > 0) {
    problems.push({
      code: 'shard.numbering',
      severity: 'error',
      message:
        `shard numbers must be exactly 1..${total}` +
        (missing.length > 0 ? `; missing ${missing.join(', ')}` : '') +
        (outOfRange.length > 0 ? `; out of range ${outOfRange.join(', ')}` : ''),
    });
  }
}
