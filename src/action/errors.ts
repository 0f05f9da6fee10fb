/** A failure the user can fix (bad input, API refusal): reported as its message alone, never a stack. */
export class ActionError extends Error {
  override readonly name = 'ActionError';
}
