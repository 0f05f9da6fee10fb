// Engine step after the value scans: probe B·A of the modules whose factors are both non-zero and finite, so
// AL301/AL302 can tell a product that is zero although neither factor is (pool/product-probe.ts has the math).
import { moduleConfig } from './adapter/module-config.js';
import { resolveRank, usesSingularValues } from './adapter/scaling.js';
import { hashSeed } from './merge/random.js';
import type { Executor, ProductResult } from './pool/index.js';
import type { ProductProbeModule } from './pool/tasks.js';
import { isDecodableDtype } from './safetensors/index.js';
import type { TensorStats } from './safetensors/types.js';
import type { Adapter, LoraModule, ProductProbe } from './types.js';

/** Bytes of factors per pool task. */
const TASK_BYTES = 64 * 1024 * 1024;

interface ProductJob {
  readonly adapter: Adapter;
  /** The first module's lora_A file, to name in a failure. */
  readonly displayFile: string;
  readonly modules: ProductProbeModule[];
}

/** The modules whose factors are both non-zero and finite, with shapes that make B·A: probed (AL301). */
function productJobs(adapters: readonly Adapter[]): ProductJob[] {
  const jobs: ProductJob[] = [];
  for (const adapter of adapters) {
    let current: ProductProbeModule[] = [];
    let displayFile = '';
    let bytes = 0;
    for (const module of adapter.modules) {
      // AdaLoRA's update is B·(A⊙E); its untrained signature is E = 0, judged from the scans.
      if (!module.down || !module.up || module.magnitude || usesSingularValues(adapter, module)) continue;
      const down = module.down.file.header?.tensors.get(module.down.name);
      const up = module.up.file.header?.tensors.get(module.up.name);
      if (!down || !up || !isDecodableDtype(down.dtype) || !isDecodableDtype(up.dtype)) continue;
      if (!nonZeroFinite(adapter.stats.get(down.name), adapter.stats.get(up.name))) continue;
      const rank = down.dims[0];
      if (rank === undefined || up.dims[1] !== rank || rank === 0 || up.dims.slice(2).some((d) => d !== 1))
        continue;
      if (expertFactors(adapter, module, rank)) continue;
      if (current.length > 0 && bytes + down.byteLength + up.byteLength > TASK_BYTES) {
        jobs.push({ adapter, displayFile, modules: current });
        current = [];
        bytes = 0;
      }
      if (current.length === 0) displayFile = module.down.file.file;
      current.push({
        key: down.name,
        down: { file: module.down.file.absPath, start: down.start, dtype: down.dtype, numel: down.numel },
        up: { file: module.up.file.absPath, start: up.start, dtype: up.dtype, numel: up.numel },
        rank,
        seed: hashSeed(down.name),
        ...(moduleConfig(adapter, module)?.initLoraWeights === 'orthogonal'
          ? { init: 'orthogonal' as const }
          : {}),
      });
      bytes += down.byteLength + up.byteLength;
    }
    if (current.length > 0) jobs.push({ adapter, displayFile, modules: current });
  }
  return jobs;
}

/**
 * Factors of a PEFT `target_parameters` module over several experts ([r·E, in] and [out, r·E]) interleave the
 * experts differently in A and B, so B·A is not their update (reference §4.6): not probed.
 */
function expertFactors(adapter: Adapter, module: LoraModule, rank: number): boolean {
  const config = adapter.layout === 'peft' ? adapter.config : null;
  return !!config && Array.isArray(config.raw.target_parameters) && rank !== resolveRank(config, module.name);
}

function nonZeroFinite(...stats: Array<TensorStats | undefined>): boolean {
  return stats.every(
    (s) => s !== undefined && !s.allZero && s.nanCount + s.posInfCount + s.negInfCount === 0,
  );
}

/** A failed probe only leaves its modules without a product verdict (the values were read fine by the scan). */
export async function probeProducts(
  adapters: readonly Adapter[],
  executor: Executor,
  notices: string[],
): Promise<void> {
  await Promise.all(
    productJobs(adapters).map(async ({ adapter, displayFile, modules }) => {
      try {
        const result = await executor.run<ProductResult>({ kind: 'product', modules });
        for (const [key, probe] of result.products)
          (adapter.products as Map<string, ProductProbe>).set(key, probe);
      } catch (error) {
        notices.push(
          `${displayFile}: the check for factors whose product is zero (AL301) was skipped for ${modules.length} module(s): ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }),
  );
}
