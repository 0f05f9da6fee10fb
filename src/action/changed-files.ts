// Which files a run should look at: the files a pull request or push changed, or everything.
// Returns relative paths of files that exist after the change (removed files skipped, renames followed).
import type { getOctokit } from '@actions/github';
import { callApi } from './github-api.js';
import type { Mode } from './inputs.js';

type Octokit = ReturnType<typeof getOctokit>;

/** The fields of the event payloads this module reads. */
export interface EventPayload {
  readonly number?: number;
  readonly pull_request?: { readonly number?: number; readonly changed_files?: number };
  readonly before?: string;
  readonly after?: string;
  readonly deleted?: boolean;
}

/** The part of @actions/github's context this module reads. */
export interface EventContext {
  readonly eventName: string;
  readonly payload: EventPayload;
  readonly repo: { readonly owner: string; readonly repo: string };
}

/** `changedFiles` undefined means lint everything; `notice` says why when that was a fallback. */
export interface ChangeScope {
  readonly changedFiles?: readonly string[];
  readonly description: string;
  readonly notice?: string;
}

/** GitHub's caps: the pulls files API stops at 3000 files, the compare API at 300. */
export const PULL_FILES_CAP = 3000;
export const COMPARE_FILES_CAP = 300;
const ZERO_SHA = /^0+$/;

interface DiffEntry {
  readonly filename: string;
  readonly status: string;
}

const PULL_EVENTS = new Set(['pull_request', 'pull_request_target']);

export function resolveMode(mode: Mode, eventName: string): 'changed' | 'all' {
  if (mode !== 'auto') return mode;
  return PULL_EVENTS.has(eventName) || eventName === 'push' ? 'changed' : 'all';
}

export async function findChangeScope(
  mode: 'changed' | 'all',
  context: EventContext,
  octokit: () => Octokit,
): Promise<ChangeScope> {
  if (mode === 'all') return { description: `all adapters (event ${context.eventName})` };
  if (PULL_EVENTS.has(context.eventName)) return pullRequestScope(context, octokit());
  if (context.eventName === 'push') return pushScope(context, octokit());
  return {
    description: 'all adapters',
    notice: `mode: changed has no changed-file list for event ${context.eventName}: linting every adapter.`,
  };
}

async function pullRequestScope(context: EventContext, octokit: Octokit): Promise<ChangeScope> {
  const pull = context.payload.pull_request;
  const number = Number(pull?.number ?? context.payload.number);
  if (!Number.isInteger(number)) {
    return {
      description: 'all adapters',
      notice: 'The event payload names no pull request: linting every adapter.',
    };
  }
  const entries: DiffEntry[] = await callApi(`pulls.listFiles (pull request #${number})`, () =>
    octokit.paginate(octokit.rest.pulls.listFiles, { ...context.repo, pull_number: number, per_page: 100 }),
  );
  const expected = typeof pull?.changed_files === 'number' ? pull.changed_files : 0;
  if (entries.length >= PULL_FILES_CAP || expected > entries.length) {
    const total = Math.max(expected, entries.length);
    return {
      description: 'all adapters',
      notice: `Pull request #${number} changes ${total} files; the GitHub API lists at most ${PULL_FILES_CAP}: linting every adapter instead.`,
    };
  }
  return { changedFiles: existingFiles(entries), description: `files changed by pull request #${number}` };
}

async function pushScope(context: EventContext, octokit: Octokit): Promise<ChangeScope> {
  const { before, after, deleted } = context.payload as {
    before?: string;
    after?: string;
    deleted?: boolean;
  };
  if (deleted) return { changedFiles: [], description: 'nothing (the pushed branch was deleted)' };
  if (!before || !after || ZERO_SHA.test(before)) {
    return {
      description: 'all adapters',
      notice: 'A new branch was pushed (no earlier commit to compare with): linting every adapter.',
    };
  }
  const basehead = `${before}...${after}`;
  const response = await callApi(`repos.compareCommitsWithBasehead (${basehead})`, () =>
    octokit.rest.repos.compareCommitsWithBasehead({ ...context.repo, basehead }),
  );
  const entries: DiffEntry[] = response.data.files ?? [];
  if (entries.length >= COMPARE_FILES_CAP) {
    return {
      description: 'all adapters',
      notice: `The push changes ${entries.length} or more files; the GitHub compare API lists at most ${COMPARE_FILES_CAP}: linting every adapter instead.`,
    };
  }
  return {
    changedFiles: existingFiles(entries),
    description: `files changed by push ${before.slice(0, 7)}...${after.slice(0, 7)}`,
  };
}

/** Renames are listed under their new name, which is the file that exists now; removed files are gone. */
function existingFiles(entries: readonly DiffEntry[]): string[] {
  return [
    ...new Set(entries.filter((entry) => entry.status !== 'removed').map((entry) => entry.filename)),
  ].sort();
}
