// Turns a failed GitHub API call into a message that names the call and says what to do about it.
import { ActionError } from './errors.js';

export async function callApi<T>(call: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (typeof status !== 'number') throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ActionError(`GitHub API call ${call} failed with HTTP ${status}: ${detail}. ${hint(status)}`);
  }
}

function hint(status: number): string {
  if (status === 401) return 'The token input is missing, expired or invalid.';
  if (status === 403) {
    return 'The token lacks permission (give the job `permissions: contents: read, pull-requests: read`) or a rate limit was hit; set mode: all to skip the API.';
  }
  if (status === 404) return 'The repository or pull request was not found, or the token cannot see it.';
  if (status >= 500) return 'GitHub had a server error; re-run the job.';
  return 'Set mode: all to lint every adapter without the API.';
}
