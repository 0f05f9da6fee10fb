// A stand-in for api.github.com on 127.0.0.1: the pulls-files endpoint (paged with Link headers, as GitHub
// does) and the compare endpoint. It records each request so tests can check which calls were made.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DiffEntry {
  readonly filename: string;
  readonly status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  readonly previous_filename?: string;
}

export interface FakeApiState {
  /** Files of each pull request, by number. */
  pulls?: Record<number, readonly DiffEntry[]>;
  /** Files of each comparison, by `base...head`. */
  compares?: Record<string, readonly DiffEntry[]>;
  /** Files per page the server sends, whatever per_page asks (small, to force several pages). */
  pageSize?: number;
  /** Answer every request with this status and message. */
  failWith?: { status: number; message: string };
}

export interface FakeApi {
  readonly url: string;
  readonly requests: { method: string; path: string; authorization?: string }[];
  close(): Promise<void>;
}

export async function startFakeGithubApi(state: FakeApiState): Promise<FakeApi> {
  const requests: FakeApi['requests'] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({
      method: request.method ?? '',
      path: `${url.pathname}${url.search}`,
      authorization: request.headers.authorization,
    });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(body));
    };
    if (state.failWith) {
      send(state.failWith.status, {
        message: state.failWith.message,
        documentation_url: 'https://docs.github.com/rest',
      });
      return;
    }
    const pull = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/.exec(url.pathname);
    if (pull) {
      const files = state.pulls?.[Number(pull[3])];
      if (!files) return send(404, { message: 'Not Found' });
      const size = state.pageSize ?? 30;
      const page = Number(url.searchParams.get('page') ?? '1');
      const last = Math.max(1, Math.ceil(files.length / size));
      send(
        200,
        files.slice((page - 1) * size, page * size).map(toDiffEntry),
        linkHeader(request, url, page, last),
      );
      return;
    }
    const compare = /^\/repos\/([^/]+)\/([^/]+)\/compare\/(.+)$/.exec(url.pathname);
    if (compare) {
      const files = state.compares?.[decodeURIComponent(compare[3]!)];
      if (!files) return send(404, { message: 'Not Found' });
      send(200, {
        status: 'ahead',
        ahead_by: 1,
        behind_by: 0,
        total_commits: 1,
        commits: [],
        files: files.map(toDiffEntry),
      });
      return;
    }
    send(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function linkHeader(request: IncomingMessage, url: URL, page: number, last: number): Record<string, string> {
  const at = (n: number) => {
    const next = new URL(url.pathname + url.search, `http://${request.headers.host}`);
    next.searchParams.set('page', String(n));
    return next.href;
  };
  const links: string[] = [];
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (page > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(page - 1)}>; rel="prev"`);
  return links.length > 0 ? { link: links.join(', ') } : {};
}

function toDiffEntry(entry: DiffEntry) {
  return {
    sha: '0123456789abcdef0123456789abcdef01234567',
    filename: entry.filename,
    status: entry.status,
    additions: 0,
    deletions: 0,
    changes: 0,
    blob_url: `https://github.com/octo-org/models/blob/x/${entry.filename}`,
    raw_url: `https://github.com/octo-org/models/raw/x/${entry.filename}`,
    contents_url: `https://api.github.com/repos/octo-org/models/contents/${entry.filename}`,
    ...(entry.previous_filename ? { previous_filename: entry.previous_filename } : {}),
  };
}
