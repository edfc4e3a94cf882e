// package.json is inlined by the bundler at build time: the bundle never reads it at run time.
import pkg from '../package.json' with { type: 'json' };
import { repositoryWebUrl } from './report/docs-location.js';

/** Kept equal to package.json's version by a test. */
export const TOOL_NAME = 'flask-crdb-gate';
export const TOOL_VERSION = '0.1.0';

/** The repository package.json names: the SARIF `informationUri` and the base of every rule link. */
export const TOOL_URI: string = (() => {
  const url = repositoryWebUrl(pkg.repository);
  if (url === undefined) throw new Error('package.json must name the repository (its "repository" field)');
  return url;
})();
