// The engine's shared model: what discovery produces, what rules see, what reporters print.
// Front doors (CLI, Action) build LintOptions and read LintReport; they never reach further in.
import type { FileKind, SafetensorsHeader, TensorStats } from './safetensors/types.js';

export type Severity = 'error' | 'warning' | 'note';
export type SeverityOrOff = Severity | 'off';
export type FailOn = Severity | 'never';

export interface Finding {
  readonly ruleId: string;
  readonly slug: string;
  readonly severity: Severity;
  /** Path relative to the working folder, forward slashes. */
  readonly file: string;
  readonly tensor?: string;
  /** One sentence a person can act on. */
  readonly message: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** What a rule reports; the engine fills ruleId, slug, severity (after config) and a default file. */
export interface ReportInput {
  readonly message: string;
  readonly file?: string;
  readonly tensor?: string;
  readonly data?: Readonly<Record<string, unknown>>;
  /** Override the rule's default severity for this finding (e.g. AL105's total_size is a warning). */
  readonly severity?: Severity;
}

export type AdapterLayout = 'peft' | 'kohya' | 'diffusers' | 'unrecognized' | 'none';

/** A problem found while reading a file, before any rule runs (AL1xx turn these into findings). */
export type FileProblem =
  | {
      readonly kind: 'invalid-safetensors';
      readonly file: string;
      readonly code: string;
      readonly message: string;
      readonly offset: number | null;
    }
  | { readonly kind: 'lfs-pointer'; readonly file: string; readonly oid?: string; readonly size?: number }
  | { readonly kind: 'pickle'; readonly file: string; readonly reason: string }
  | { readonly kind: 'unsafe-path'; readonly file: string; readonly reason: string }
  | {
      readonly kind: 'bad-shard-index';
      readonly file: string;
      readonly message: string;
      readonly severity: Severity;
    }
  | { readonly kind: 'unreadable'; readonly file: string; readonly message: string };

/** One weights file of an adapter, with its validated header when it could be read. */
export interface WeightsFile {
  /** Path relative to the working folder, forward slashes. */
  readonly file: string;
  /** Absolute, resolved path (inside the root). */
  readonly absPath: string;
  readonly kind: FileKind;
  readonly header: SafetensorsHeader | null;
}

/**
 * Is a module's B·A zero although neither factor is? `energy` is Σ over `probes` random vectors x of
 * ||B·A·x||² (expected: probes·||B·A||²_F); at most `noiseFloor` means zero: but for the probe's own arithmetic,
 * or, under init_lora_weights="orthogonal", but for that init's rounding (pool/product-probe.ts).
 */
export interface ProductProbe {
  readonly energy: number;
  readonly noiseFloor: number;
  readonly probes: number;
}

/** Where a tensor lives: which file, and its header entry. */
export interface TensorRef {
  readonly name: string;
  readonly file: WeightsFile;
}

export type ModuleKind = 'linear' | 'conv' | 'embedding' | 'unknown';

/** One adapted module: the tensors that belong to it, grouped from the keys. */
export interface LoraModule {
  /** Module path without prefix and without the LoRA part, e.g. `model.layers.0.self_attn.q_proj`. */
  readonly name: string;
  readonly kind: ModuleKind;
  /** PEFT `lora_A` / `lora_embedding_A` / kohya `lora_down` / diffusers `down`. */
  readonly down?: TensorRef;
  /** PEFT `lora_B` / `lora_embedding_B` / kohya `lora_up` / diffusers `up`. */
  readonly up?: TensorRef;
  readonly magnitude?: TensorRef;
  /**
   * AdaLoRA `lora_E` [r, 1]: the singular values between the factors, so the update is B·(A⊙E) (row k of A
   * times E[k]). Whether it applies depends on the config (`usesSingularValues`).
   */
  readonly singularValues?: TensorRef;
  readonly upBias?: TensorRef;
  /** kohya `.alpha` scalar tensor. */
  readonly alphaTensor?: TensorRef;
  /** Rank as read from the tensors (down rows), when known. */
  readonly rank?: number;
  /** Value of the `.alpha` scalar (kohya, some diffusers files), read at load time; absent when there is none. */
  readonly alphaValue?: number;
  /** diffusers component the key names (`unet`, `transformer`, `text_encoder` ...); `name` is inside it. */
  readonly component?: string;
}

export interface AdapterConfig {
  /** The parsed JSON object (validated fields below; raw for anything else). */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly peftType: string;
  readonly taskType: string | null;
  readonly r: number;
  readonly loraAlpha: number;
  readonly useRslora: boolean;
  readonly useDora: boolean;
  readonly fanInFanOut: boolean;
  readonly bias: 'none' | 'all' | 'lora_only';
  readonly loraBias: boolean;
  readonly targetModules: string | readonly string[] | null;
  readonly excludeModules: string | readonly string[] | null;
  readonly modulesToSave: readonly string[] | null;
  readonly layersToTransform: readonly number[] | null;
  readonly layersPattern: readonly string[] | null;
  readonly rankPattern: ReadonlyMap<string, number>;
  readonly alphaPattern: ReadonlyMap<string, number>;
  readonly initLoraWeights: unknown;
  readonly trainableTokenIndices: unknown;
}

/**
 * The LoRA configs a diffusers file carries in its safetensors `__metadata__` under `lora_adapter_metadata`
 * (diffusers 0.34+): one PEFT `LoraConfig` dict per component, its keys prefixed `<component>.`.
 */
export interface EmbeddedConfig {
  /** The weights file whose `__metadata__` holds it (relative path, forward slashes). */
  readonly file: string;
  /** Usable configs by component (`transformer`, `text_encoder` ...); '' for keys with no component prefix. */
  readonly components: ReadonlyMap<string, AdapterConfig>;
  /**
   * Components with fields in the metadata, usable or not; null when it is not a JSON object (AL402). A component
   * whose modules are in the file but not here can't be loaded by diffusers (AL403).
   */
  readonly declared: ReadonlySet<string> | null;
  /** Why it, or a component's part of it, can't be used (AL402). */
  readonly errors: readonly string[];
}

export interface Adapter {
  /** Display path relative to the working folder: the folder for PEFT adapters, the file for standalone ones. */
  readonly path: string;
  readonly layout: AdapterLayout;
  /** Short text saying what was seen (for AL210 and the report). */
  readonly layoutNote: string;
  /** `adapter_config.json` relative path, when there is one. */
  readonly configFile: string | null;
  readonly config: AdapterConfig | null;
  /** Why the config could not be used (AL402), when it exists but is broken. */
  readonly configErrors: readonly string[];
  /** diffusers layout: the per-component LoRA configs stored in the weights file's metadata, when there are any. */
  readonly embeddedConfig?: EmbeddedConfig;
  readonly weights: readonly WeightsFile[];
  /** Problems met while reading this adapter's files (AL1xx). */
  readonly fileProblems: readonly FileProblem[];
  /** Every tensor of every readable weights file, by name. */
  readonly tensors: ReadonlyMap<string, TensorRef>;
  readonly modules: readonly LoraModule[];
  /** Value scans by tensor name, filled by the engine before rules run (absent when values were not scanned). */
  readonly stats: ReadonlyMap<string, TensorStats>;
  /** Probes of B·A by the module's down tensor name, for modules whose factors are both non-zero (engine). */
  readonly products: ReadonlyMap<string, ProductProbe>;
  /**
   * Set when the folder has `adapter_config.json` but no `adapter_model.safetensors|bin` (AL404): the other
   * weights files found beside it (relative paths; they are linted as this adapter's weights), possibly none.
   */
  readonly misnamedWeights?: readonly string[];
}

export interface ModuleMergeStats {
  readonly adapter: string;
  readonly module: string;
  readonly baseTensor: string | null;
  readonly scale: number;
  /** ||s*B*A||_F */
  readonly updateNorm: number;
  /** ||W||_F */
  readonly baseNorm: number;
  /** updateNorm / baseNorm */
  readonly ratio: number;
  /** Fraction of elements where round(W + dW) == W in the base dtype (estimate unless exact). */
  readonly roundingLoss?: number;
  readonly roundingLossInterval?: readonly [number, number];
  /** Largest |M - (W + dW)| seen against the merged checkpoint. */
  readonly maxMergedError?: number;
  readonly mergedVerdict?: 'ok' | 'mismatch' | 'not-applied';
  readonly error?: string;
  /** Why the module could not be matched to the base weights (AL501): no such tensor, or the shapes disagree. */
  readonly baseMismatch?: string;
  /** Not checked, for a reason other rules report (e.g. lora_A and lora_B disagree on the rank). */
  readonly skipped?: string;
  /** Base file the tensor was found in (relative path, forward slashes). */
  readonly baseFile?: string;
  readonly baseDtype?: string;
  /** `transposed`: ΔW = s·(B A)ᵀ against the stored weight (fan_in_fan_out Conv1D, embeddings). */
  readonly orientation?: 'normal' | 'transposed';
  readonly dora?: boolean;
  /** Rows whose update was computed element by element for the rounding figure (all rows when exact). */
  readonly roundingRows?: number;
  readonly exact?: boolean;
  /** Elements of round(W + dW) in the base dtype that are +/-Inf, and NaN (every row is covered). */
  readonly overflowCount?: number;
  readonly nanCount?: number;
  /** [row, column] of the first non-finite merged value, in the stored layout. */
  readonly overflowAt?: readonly [number, number];
  readonly mergedTensor?: string;
  readonly mergedFile?: string;
  /** How the merged tensor disagrees (shape, probes, exact rows), when it does. */
  readonly mergedDetail?: string;
  /** NaN or +/-Inf values found in the merged checkpoint's tensor. */
  readonly mergedNonFinite?: number;
}

export interface PathOverride {
  /** Globs relative to the working folder. */
  readonly files: readonly string[];
  readonly rules: Readonly<Record<string, SeverityOrOff>>;
}

export interface LintOptions {
  /** Working folder: report paths are relative to it, and nothing outside it is opened. */
  readonly cwd: string;
  /** Files, folders or globs; empty means the working folder. */
  readonly paths: readonly string[];
  /** When set, only adapters that own at least one of these files (relative paths) are linted. */
  readonly changedFiles?: readonly string[];
  /** Glob patterns to leave out. */
  readonly exclude?: readonly string[];
  readonly rules?: Readonly<Record<string, SeverityOrOff>>;
  readonly overrides?: readonly PathOverride[];
  readonly base?: string;
  readonly merged?: string;
  /** Worker threads; 0 runs everything inline. Default: available cores. */
  readonly threads?: number;
  /** Memory budget in bytes for tensor tiles in flight. */
  readonly maxMemory?: number;
  readonly noOpThreshold?: number;
  readonly precisionThreshold?: number;
  /** Exact (full elementwise) merge checks instead of sampling. */
  readonly exact?: boolean;
  /** Split adapters across jobs: this job takes those whose index % count == index - 1. */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { readonly phase: 'discover'; readonly adapters: number }
  | {
      readonly phase: 'scan' | 'merge';
      readonly done: number;
      readonly total: number;
      readonly label?: string;
    };

export interface AdapterReport {
  readonly path: string;
  readonly layout: AdapterLayout;
  readonly modules: number;
  readonly findings: readonly Finding[];
}

export interface LintReport {
  readonly version: 1;
  readonly tool: { readonly name: string; readonly version: string };
  readonly adapters: readonly AdapterReport[];
  /** Every finding, worst first. */
  readonly findings: readonly Finding[];
  readonly merge: readonly ModuleMergeStats[];
  /** Number of files read. */
  readonly files: number;
  /** Notes about the run itself (e.g. "changed-file list truncated: scanned everything"). */
  readonly notices: readonly string[];
}
