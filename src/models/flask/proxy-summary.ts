import { sameApplication } from '../../project/application.js';
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
 * Whether the application a file belongs to (src/project/application.ts) installs ProxyFix in
 * some module.
 */
export function applicationInstallsProxyFix(index: ProjectIndex, path: string): boolean {
  for (const { path: other } of index.sections<ProxiesSection>(PROXIES)) if (sameApplication(path, other)) return true;
  return false;
}
