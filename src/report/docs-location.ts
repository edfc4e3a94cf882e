/**
 * Where a report's rule links point: the docs pages of the code that actually runs. The CLI's
 * bundle knows the repository package.json names (inlined at build time); inside the action the
 * runner says which repository and ref it checked the action out from (GITHUB_ACTION_REPOSITORY,
 * GITHUB_ACTION_REF), so a fork or a pinned tag links to its own pages, never a dead one.
 */

/** What a report says about the tool: its name, version, home page and the ref its docs are read at. */
export interface ToolInfo {
  readonly name: string;
  readonly version: string;
  /** The repository's web page, without a trailing slash. */
  readonly informationUri: string;
  /** The branch, tag or commit whose docs/rules pages the links open; default `main`. */
  readonly docsRef?: string;
}

export const DEFAULT_DOCS_REF = 'main';

/**
 * The web page of package.json's `repository` (a string or `{ url }`), as npm accepts it:
 * `git+https://github.com/o/r.git`, `https://github.com/o/r`, `git@github.com:o/r.git`,
 * `github:o/r` or `o/r`. Undefined when it names no repository.
 */
export function repositoryWebUrl(field: unknown): string | undefined {
  const raw = typeof field === 'string' ? field : (field as { url?: unknown } | null | undefined)?.url;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  let url = raw.trim().replace(/^git\+/, '');
  const ssh = /^(?:ssh:\/\/)?git@([^:/]+)[:/](.+)$/.exec(url);
  if (ssh) url = `https://${ssh[1]}/${ssh[2]}`;
  const short = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(url);
  if (short) url = `https://github.com/${short[1]}`;
  url = url
    .replace(/^git:\/\//, 'https://')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
  return /^https?:\/\/[^/]+\/[^/]+\/[^/]+$/.test(url) ? url : undefined;
}

/** A ref as URL path segments: `v1`, `release/2.x` (slashes kept, each segment encoded). */
function refPath(ref: string): string {
  return ref.split('/').map(encodeURIComponent).join('/');
}

/** The rule's docs page (docs/rules/<name>.md) at the tool's repository and ref. */
export function ruleDocsUrl(tool: Pick<ToolInfo, 'informationUri' | 'docsRef'>, ruleName: string): string {
  const base = tool.informationUri.replace(/\/+$/, '');
  return `${base}/blob/${refPath(tool.docsRef || DEFAULT_DOCS_REF)}/docs/rules/${encodeURIComponent(ruleName)}.md`;
}

/**
 * The tool as the action runs it: the repository and ref the runner checked the action out from,
 * when it says (a `uses: owner/repo@ref` step); otherwise the tool as built (`uses: ./`, a local
 * run). GITHUB_SERVER_URL keeps links on a GitHub Enterprise Server host.
 */
export function actionTool(tool: ToolInfo, env: Readonly<Record<string, string | undefined>>): ToolInfo {
  const repository = env['GITHUB_ACTION_REPOSITORY']?.trim();
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) return tool;
  const server = (env['GITHUB_SERVER_URL']?.trim() || 'https://github.com').replace(/\/+$/, '');
  const ref = env['GITHUB_ACTION_REF']?.trim();
  return {
    ...tool,
    informationUri: `${server}/${repository}`,
    ...(ref ? { docsRef: ref } : { docsRef: DEFAULT_DOCS_REF }),
  };
}
