import { hasProxyFix } from './auth-client-address.js';
import type { ProjectIndex } from '../../project/project-index.js';
import type { Summarizer } from '../../project/summarizer.js';

/** The summary domain for the proxies an application declares it trusts. */
export const PROXIES = 'proxies';

interface ProxiesSection {
  readonly proxyFix: true;
}

/** Marks a module that installs werkzeug's ProxyFix (in an app factory, a wsgi module, anywhere). */
export const proxiesSummarizer: Summarizer = {
  domain: PROXIES,
  summarize: ({ python }) => (python && hasProxyFix(python) ? { proxyFix: true } : undefined),
};

/**
 * Whether the application a file belongs to installs ProxyFix in some module. An application is
 * approximated by the file's top-level directory: a tree with two apps side by side (`api/`,
 * `admin/`) keeps them apart, and a module at the root (`wsgi.py`, `app.py`) serves every one.
 */
export function applicationInstallsProxyFix(index: ProjectIndex, path: string): boolean {
  const top = topDir(path);
  for (const { path: other } of index.sections<ProxiesSection>(PROXIES)) {
    const otherTop = topDir(other);
    if (otherTop === undefined || top === undefined || otherTop === top) return true;
  }
  return false;
}

function topDir(path: string): string | undefined {
  const slash = path.indexOf('/');
  return slash < 0 ? undefined : path.slice(0, slash);
}
