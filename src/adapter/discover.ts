// From files, folders and globs to adapter plans: which files make up which adapter (nothing is parsed here
// except shard indexes, whose shard list decides which files they own).
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { isInside, readShardIndex, resolveInsideRoot, type ShardIndex } from '../safetensors/index.js';
import type { PathRefusalKind } from '../safetensors/safe-path.js';
import { CONFIG_NAME } from './config.js';
import { SKIPPED_FOLDERS, walkFolder } from './walk.js';

export const PEFT_WEIGHTS = ['adapter_model.safetensors', 'adapter_model.bin'] as const;
const PEFT_INDEX = 'adapter_model.safetensors.index.json';
const PICKLE_EXTENSIONS = ['.bin', '.pt', '.pth', '.ckpt'];
/** Trainer, DeepSpeed and full-model pickles met beside adapters in training output folders: not adapter weights. */
const NOT_ADAPTER_PICKLES =
  /^(training_args\.bin|optimizer\.(pt|bin)|scheduler\.pt|scaler\.pt|rng_state.*\.pth|pytorch_model.*\.bin|mp_rank_\d+_model_states\.pt|(bf16_)?zero_pp_rank_\d+_mp_rank_\d+_optim_states\.pt)$/;

/** A path argument that is neither an existing file or folder nor a glob, or a glob that matches nothing. */
export class LintInputError extends Error {
  override readonly name = 'LintInputError';
}

export interface CandidateFile {
  /** Absolute path as found (not resolved). */
  readonly path: string;
  /** Absolute folder no path may leave. */
  readonly root: string;
  /**
   * Why it must not be opened, or null: `outside` it leads outside the root (AL107); `missing` a dangling
   * symlink; `unresolvable` / `bad-root` it cannot be resolved at all.
   */
  readonly refusal: PathRefusal | null;
}

export interface PathRefusal {
  readonly kind: PathRefusalKind;
  readonly reason: string;
}

/** What a file named explicitly may be; anything else is skipped with a notice. */
const CANDIDATE_NAMES = `${CONFIG_NAME}, *.safetensors, *.safetensors.index.json, *.bin, *.pt, *.pth, *.ckpt`;

export interface AdapterPlan {
  /** Display path relative to the working folder (folder for PEFT, file otherwise). */
  readonly path: string;
  readonly root: string;
  readonly config: CandidateFile | null;
  readonly weights: readonly CandidateFile[];
  readonly index: { readonly file: CandidateFile; readonly parsed: ShardIndex | null } | null;
  /** adapter_config.json without adapter_model.* (AL404). */
  readonly misnamed: boolean;
  /** Every file the adapter owns, relative to the working folder (for changed-file filtering). */
  readonly owns: readonly string[];
}

export interface DiscoverOptions {
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly exclude?: readonly string[];
}

export interface Discovery {
  readonly plans: AdapterPlan[];
  readonly notices: string[];
}

export function toRelative(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

function kindOf(path: string): 'config' | 'index' | 'safetensors' | 'pickle' | null {
  const name = basename(path);
  if (name === CONFIG_NAME) return 'config';
  if (name.endsWith('.safetensors.index.json')) return 'index';
  if (name.endsWith('.safetensors')) return 'safetensors';
  if (PICKLE_EXTENSIONS.some((ext) => name.endsWith(ext))) return 'pickle';
  return null;
}

function isWalkCandidate(path: string): boolean {
  const kind = kindOf(path);
  return kind !== null && !(kind === 'pickle' && NOT_ADAPTER_PICKLES.test(basename(path)));
}

export async function discoverAdapters(options: DiscoverOptions): Promise<Discovery> {
  const cwd = resolve(options.cwd);
  const notices: string[] = [];
  const excluded = options.exclude?.length ? picomatch([...options.exclude], { dot: true }) : () => false;
  const isExcluded = (abs: string) => {
    const rel = toRelative(cwd, abs);
    return excluded(rel) || excluded(`${rel}/`);
  };
  const rootFor = (abs: string, isDir: boolean) => (isInside(cwd, abs) ? cwd : isDir ? abs : dirname(abs));

  const found = new Map<string, CandidateFile>();
  /** `known`: the walk already resolved it (null: a regular file, nothing to refuse). */
  const add = async (path: string, root: string, known?: PathRefusal | null) => {
    if (found.has(path) || isExcluded(path)) return;
    let refusal = known ?? null;
    if (known === undefined) {
      // Relative to the root, so reasons name the path as the user sees it, not an absolute one.
      const resolved = await resolveInsideRoot(root, relative(root, path) || '.');
      if (!resolved.ok) refusal = { kind: resolved.kind, reason: resolved.reason };
    }
    found.set(path, { path, root, refusal });
  };

  const walk = async (dir: string) => {
    const root = rootFor(dir, true);
    const entries = await walkFolder(
      dir,
      root,
      (p, isDir) => isExcluded(p) || (!isDir && !isWalkCandidate(p)),
    );
    for (const entry of entries) await add(entry.path, root, entry.refusal);
  };

  const inputs = options.paths.length > 0 ? options.paths : ['.'];
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    const info = await lstat(abs).catch(() => null);
    if (info) {
      const isDir =
        info.isDirectory() || (info.isSymbolicLink() && (await stat(abs).catch(() => null))?.isDirectory());
      if (isDir) await walk(abs);
      else if (kindOf(abs) !== null) await add(abs, rootFor(abs, false));
      else notices.push(`${input}: not an adapter file (${CANDIDATE_NAMES}), skipped`);
      continue;
    }
    if (!picomatch.scan(input).isGlob) {
      throw new LintInputError(`${input}: no such file or folder`);
    }
    const matches = await glob([input], {
      cwd,
      absolute: true,
      dot: true,
      onlyFiles: false,
      followSymbolicLinks: false,
      ignore: [...SKIPPED_FOLDERS].map((f) => `**/${f}/**`),
    });
    // A mistyped glob must not pass as a clean run (ESLint: "No files matching the pattern").
    if (matches.length === 0) throw new LintInputError(`${input}: no files match this pattern`);
    for (const match of matches.sort()) {
      const path = match.endsWith('/') ? match.slice(0, -1) : match;
      const isDir = (await stat(path).catch(() => null))?.isDirectory() ?? false;
      if (isDir) await walk(path);
      else if (isWalkCandidate(path)) await add(path, rootFor(path, false));
    }
  }

  // A config or adapter_model.* named on its own brings its folder companions along.
  for (const file of [...found.values()]) {
    const name = basename(file.path);
    const dir = dirname(file.path);
    if (name === CONFIG_NAME) {
      const siblings = await readdir(dir).catch(() => [] as string[]);
      for (const sibling of siblings.sort()) {
        const path = join(dir, sibling);
        if (isWalkCandidate(path)) await add(path, file.root);
      }
    } else if ((PEFT_WEIGHTS as readonly string[]).includes(name) || name === PEFT_INDEX) {
      const config = join(dir, CONFIG_NAME);
      if (await lstat(config).catch(() => null)) await add(config, file.root);
    }
  }

  return { plans: await groupIntoAdapters(cwd, [...found.values()]), notices };
}

async function groupIntoAdapters(cwd: string, files: readonly CandidateFile[]): Promise<AdapterPlan[]> {
  const byFolder = new Map<string, CandidateFile[]>();
  for (const file of files) {
    const dir = dirname(file.path);
    byFolder.set(dir, [...(byFolder.get(dir) ?? []), file]);
  }
  const plans: AdapterPlan[] = [];
  for (const [dir, group] of byFolder) {
    const named = (name: string) => group.find((f) => basename(f.path) === name);
    const config = named(CONFIG_NAME) ?? null;
    const claimed = new Set<CandidateFile>();
    if (config) claimed.add(config);

    // Shard indexes first: they own their shards.
    const indexes = new Map<CandidateFile, ShardIndex | null>();
    for (const file of group.filter((f) => kindOf(f.path) === 'index')) {
      const parsed = file.refusal ? null : await readShardIndex(file.path, file.root);
      indexes.set(file, parsed);
      for (const shard of parsed?.shards ?? []) {
        const owned = group.find((f) => basename(f.path) === shard.name);
        if (owned) claimed.add(owned);
      }
    }
    const shardsOf = (index: CandidateFile) =>
      (indexes.get(index)?.shards ?? []).flatMap((s) => {
        const file = group.find((f) => basename(f.path) === s.name);
        return file ? [file] : [];
      });

    if (config) {
      const main = named(PEFT_WEIGHTS[0]) ?? null;
      const mainIndex = main ? null : (named(PEFT_INDEX) ?? null);
      const mainBin = main || mainIndex ? null : (named(PEFT_WEIGHTS[1]) ?? null);
      let weights: CandidateFile[];
      let index: AdapterPlan['index'] = null;
      let misnamed = false;
      if (main || mainBin) {
        weights = [(main ?? mainBin)!];
      } else if (mainIndex) {
        index = { file: mainIndex, parsed: indexes.get(mainIndex) ?? null };
        weights = shardsOf(mainIndex);
        claimed.add(mainIndex);
      } else {
        misnamed = true;
        weights = group.filter(
          (f) => !claimed.has(f) && (kindOf(f.path) === 'safetensors' || kindOf(f.path) === 'pickle'),
        );
      }
      for (const w of weights) claimed.add(w);
      plans.push(makePlan(cwd, toRelative(cwd, dir), config.root, config, weights, index, misnamed));
    }
    for (const [file, parsed] of indexes) {
      if (claimed.has(file)) continue;
      claimed.add(file);
      plans.push(
        makePlan(cwd, toRelative(cwd, file.path), file.root, null, shardsOf(file), { file, parsed }, false),
      );
    }
    for (const file of group) {
      if (claimed.has(file)) continue;
      plans.push(makePlan(cwd, toRelative(cwd, file.path), file.root, null, [file], null, false));
    }
  }
  plans.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return foldSymlinkTargets(plans);
}

/**
 * A config-less weights file that is the same file as an adapter's weights, through a link either way
 * (`a/adapter_model.safetensors -> ../shared/w.safetensors`, or `loose.safetensors -> a/adapter_model.safetensors`),
 * belongs to that adapter: it is not linted again on its own (as config-less weights it would get AL401), and
 * a change to it selects the adapter.
 */
async function foldSymlinkTargets(plans: AdapterPlan[]): Promise<AdapterPlan[]> {
  if (!plans.some((plan) => !plan.config && !plan.index)) return plans;
  const real = async (file: CandidateFile) =>
    file.refusal ? null : await realpath(file.path).catch(() => null);
  const linkedBy = new Map<string, AdapterPlan[]>();
  for (const plan of plans) {
    if (!plan.config && !plan.index) continue;
    for (const weights of plan.weights) {
      const target = await real(weights);
      // Real paths on both sides: the same file, whether reached by a link or through a linked working folder.
      if (target) linkedBy.set(target, [...(linkedBy.get(target) ?? []), plan]);
    }
  }
  const targets = new Map<AdapterPlan, string[]>();
  const kept: AdapterPlan[] = [];
  for (const plan of plans) {
    const only = !plan.config && !plan.index && plan.weights.length === 1 ? plan.weights[0]! : null;
    const owners = only ? linkedBy.get((await real(only)) ?? '') : undefined;
    if (!owners || owners.includes(plan)) {
      kept.push(plan);
      continue;
    }
    for (const owner of owners) targets.set(owner, [...(targets.get(owner) ?? []), ...plan.owns]);
  }
  return kept.map((plan) => {
    const extra = targets.get(plan);
    return extra ? { ...plan, owns: [...plan.owns, ...extra] } : plan;
  });
}

function makePlan(
  cwd: string,
  path: string,
  root: string,
  config: CandidateFile | null,
  weights: CandidateFile[],
  index: AdapterPlan['index'],
  misnamed: boolean,
): AdapterPlan {
  const owns = [config, index?.file, ...weights]
    .filter((f): f is CandidateFile => f !== null && f !== undefined)
    .map((f) => toRelative(cwd, f.path));
  return { path, root, config, weights, index, misnamed, owns };
}
