// Prepares each module's factors on the planning thread a few tasks ahead of the pool, so workers never wait
// on the adapter file; a module's arrays are reused for later modules once its last task is done.
import { type Factors, prepareFactors } from './factors.js';
import { FileHandles } from './file-handles.js';
import { FloatArena } from './float-arena.js';
import type { ModuleWork } from './task-types.js';

interface Prepared {
  readonly factors: Promise<Factors>;
  readonly arrays: Float64Array[];
}

export class FactorPrefetch {
  private readonly prepared = new Map<number, Prepared>();
  private readonly tasksLeft = new Map<number, number>();
  private readonly arena: FloatArena;
  private readonly files = new FileHandles();

  /** `shared`: the factors go to worker threads (SharedArrayBuffer, never copied). */
  constructor(shared: boolean, tasksPerModule: Iterable<number>) {
    this.arena = FloatArena.of(shared);
    for (const moduleIndex of tasksPerModule)
      this.tasksLeft.set(moduleIndex, (this.tasksLeft.get(moduleIndex) ?? 0) + 1);
  }

  /** The module's factors, prepared now if no earlier call started them. */
  get(moduleIndex: number, work: ModuleWork): Promise<Factors> {
    let entry = this.prepared.get(moduleIndex);
    if (!entry) {
      const arrays: Float64Array[] = [];
      entry = { factors: prepareFactors(work, this.arena.allocator(arrays), this.files), arrays };
      entry.factors.catch(() => {}); // reported by whoever awaits it
      this.prepared.set(moduleIndex, entry);
    }
    return entry.factors;
  }

  /** Closes the files read (after every task is over). */
  close(): Promise<void> {
    return this.files.closeAll();
  }

  /** One task of the module is over; after its last, its arrays go back to the arena. */
  taskDone(moduleIndex: number): void {
    const left = (this.tasksLeft.get(moduleIndex) ?? 1) - 1;
    this.tasksLeft.set(moduleIndex, left);
    const entry = this.prepared.get(moduleIndex);
    if (left > 0 || !entry) return;
    this.prepared.delete(moduleIndex);
    // Only once settled: a preparation still running may yet write to its arrays.
    const release = () => this.arena.release(entry.arrays);
    entry.factors.then(release, release);
  }
}
