// Event payloads in the shapes GitHub sends (trimmed to the fields a workflow would see first).
const REPO = {
  id: 501,
  node_id: 'R_kgDOAAAB9Q',
  name: 'models',
  full_name: 'octo-org/models',
  private: false,
  owner: { login: 'octo-org', id: 9001, type: 'Organization' },
  html_url: 'https://github.com/octo-org/models',
  fork: false,
  default_branch: 'main',
};

const FORK_REPO = {
  ...REPO,
  id: 777,
  node_id: 'R_kgDOAAADCQ',
  full_name: 'outside-contributor/models',
  owner: { login: 'outside-contributor', id: 4242, type: 'User' },
  html_url: 'https://github.com/outside-contributor/models',
  fork: true,
};

export function pullRequestEvent(number: number, changedFiles: number, options: { fork?: boolean } = {}) {
  const headRepo = options.fork ? FORK_REPO : REPO;
  return {
    action: 'synchronize',
    number,
    before: '1111111111111111111111111111111111111111',
    after: '2222222222222222222222222222222222222222',
    pull_request: {
      url: `https://api.github.com/repos/octo-org/models/pulls/${number}`,
      id: 100000 + number,
      number,
      state: 'open',
      title: 'Update adapters',
      user: { login: headRepo.owner.login, id: headRepo.owner.id, type: 'User' },
      draft: false,
      head: {
        label: `${headRepo.owner.login}:update-adapters`,
        ref: 'update-adapters',
        sha: '2222222222222222222222222222222222222222',
        user: headRepo.owner,
        repo: headRepo,
      },
      base: {
        label: 'octo-org:main',
        ref: 'main',
        sha: '3333333333333333333333333333333333333333',
        user: REPO.owner,
        repo: REPO,
      },
      author_association: options.fork ? 'CONTRIBUTOR' : 'MEMBER',
      merged: false,
      commits: 1,
      additions: 10,
      deletions: 2,
      changed_files: changedFiles,
    },
    repository: REPO,
    organization: { login: 'octo-org', id: 9001 },
    sender: { login: headRepo.owner.login, id: headRepo.owner.id, type: 'User' },
  };
}

export function pushEvent(before: string, after: string) {
  return {
    ref: 'refs/heads/main',
    before,
    after,
    created: /^0+$/.test(before),
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/octo-org/models/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits: [
      {
        id: after,
        tree_id: '4444444444444444444444444444444444444444',
        distinct: true,
        message: 'Retrain adapters',
        timestamp: '2026-09-01T12:00:00Z',
        author: { name: 'Octo', email: 'octo@example.com', username: 'octo' },
        added: [],
        removed: [],
        modified: [],
      },
    ],
    head_commit: null,
    repository: REPO,
    pusher: { name: 'octo', email: 'octo@example.com' },
    sender: { login: 'octo', id: 1, type: 'User' },
  };
}

export function scheduleEvent() {
  return { schedule: '0 3 * * *' };
}
