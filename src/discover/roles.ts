import type { FileRole } from '../core/types.js';

const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist', '.tmpl', '.tpl'];
// `regression` and `regress`: PostgreSQL's and pgAdmin's name for their test harness.
const TEST_DIRS = new Set([
  'test',
  'tests',
  'testing',
  '__tests__',
  'fixtures',
  'test_data',
  'testdata',
  'spec',
  'regression',
  'regress',
]);
const DEV_DIRS = new Set(['.devcontainer', 'dev', 'devtools', 'local']);

/**
 * What a file is for, from its path alone. Conventions, not certainties: the config file of a
 * later issue can name more test or development paths.
 */
export function fileRole(path: string): FileRole {
  // Reading, the role setting and several rules ask about the same file in a row.
  if (path !== lastPath) {
    lastRole = roleOfPath(path);
    lastPath = path;
  }
  return lastRole;
}

let lastPath: string | undefined;
let lastRole: FileRole = 'production';

function roleOfPath(path: string): FileRole {
  const segments = path.split('/');
  const base = (segments[segments.length - 1] as string).toLowerCase();
  const dirs = segments.slice(0, -1).map((s) => s.toLowerCase());

  // `.env.example`, `config.example.yml`, `settings.sample.py`: documentation of configuration.
  const parts = base.split('.');
  // `cred_example.json`, `settings-sample.py`: the same, with the word joined to the stem.
  const stem = parts[0] as string;
  if (
    TEMPLATE_SUFFIXES.some((s) => base.endsWith(s)) ||
    parts.slice(1).some((p) => ['example', 'sample', 'template'].includes(p)) ||
    /[_-](?:example|sample|template)$/.test(stem)
  ) {
    return 'template';
  }
  if (base === 'example.env' || base === 'sample.env' || base === 'template.env') return 'template';

  if (dirs.some((d) => TEST_DIRS.has(d))) return 'test';
  if (/^test_.*\.py$/.test(base) || /_tests?\.py$/.test(base) || base === 'conftest.py' || base === 'tests.py')
    return 'test';
  if (
    base === '.env.test' ||
    base === '.env.testing' ||
    base.startsWith('docker-compose.test') ||
    base.startsWith('compose.test')
  )
    return 'test';

  if (dirs.some((d) => DEV_DIRS.has(d))) return 'development';
  if (base === '.flaskenv') return 'development';
  if (['.env.development', '.env.dev', '.env.local', '.env.development.local'].includes(base)) return 'development';
  if (/^(docker-)?compose\.(override|dev|development|local)\.ya?ml$/.test(base)) return 'development';
  if (/^(docker-)?compose[-_.](dev|development|local)\.ya?ml$/.test(base)) return 'development';
  if (
    /(^|[._-])(dev|development|local)\.(ya?ml|env|toml|ini|cfg|json|py)$/.test(base) &&
    !base.startsWith('.env.production')
  ) {
    return 'development';
  }
  return 'production';
}
