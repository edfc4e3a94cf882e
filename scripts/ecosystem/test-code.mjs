// Which paths are test code when no ledger row says so. The targets are measured outside test
// code, so a new finding in a test file must not count against them before anyone judges it. A
// judged row's `test` tag decides instead: the reviewer knows fixtures this guess does not.

const TEST_DIRS = new Set(['test', 'tests', 'testing']);

/** True for a path under a test directory or named like a pytest module or conftest.py. */
export function isTestPath(path) {
  const parts = path.split('/');
  const name = parts.at(-1) ?? '';
  if (parts.slice(0, -1).some((dir) => TEST_DIRS.has(dir))) return true;
  if (name === 'conftest.py') return true;
  return /^test_.*\.py$/.test(name) || /_test\.py$/.test(name);
}
