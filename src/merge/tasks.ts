// STUB owned by the merge work: worker-side merge computations, dispatched from src/pool/run-task.ts.
export async function runMergeTask(_payload: unknown): Promise<unknown> {
  throw new Error('merge tasks are not implemented yet');
}
