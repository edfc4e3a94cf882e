// Hostile input shapes (issue 11, denial of service): each builds a small repository whose scan
// was once quadratic or worse in its size, or overflowed the stack. One home for both users:
// __tests__/hostile/dos-*.test.ts builds them at test time (no large fixtures are committed) and
// `npm run bench -- --hostile` scans each at 1x, 10x and about 1 MB with the bundled CLI.
//
// A shape is { name, what, unit, build(n) }: build(n) returns the repository as { relativePath: text }
// for n units of the shape (n nesting levels, n keys, n lines, ...), growing linearly in n;
// `unit` is the 1x size the bench starts from.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const URI = 'postgresql://app:hunter2@db.example.com:26257/app?sslmode=disable';

/** n levels of aliases, each list naming the level below nine times: 9^n nodes once expanded. */
function laughs(n) {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < n; i++) {
    const ref = `*a${i - 1}`;
    lines.push(`a${i}: &a${i} [${Array(9).fill(ref).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

export const SHAPES = [
  {
    name: 'yaml-aliases',
    what: 'a scanned YAML file of nested aliases (billion laughs)',
    unit: 9,
    build: (n) => ({ 'deploy/values.yml': laughs(n) }),
  },
  {
    name: 'yaml-many-aliases',
    what: 'a scanned YAML file of n aliases to one anchor',
    unit: 5000,
    build: (n) => ({ 'deploy/values.yml': `base: &db "${URI}"\nurls:\n${'  - *db\n'.repeat(n)}` }),
  },
  {
    name: 'config-aliases',
    what: '.flask-crdb-gate.yml of nested aliases (billion laughs)',
    unit: 9,
    config: true,
    build: (n) => ({ '.flask-crdb-gate.yml': laughs(n), 'app.py': 'x = 1\n' }),
  },
  {
    name: 'nested-calls',
    what: 'str(str(...)) n deep around a URI in a connect call',
    unit: 500,
    build: (n) => ({
      'app.py': `import psycopg2\nconn = psycopg2.connect(${'str('.repeat(n)}"${URI}"${')'.repeat(n)})\n`,
    }),
  },
  {
    name: 'config-unknown-keys',
    what: '.flask-crdb-gate.yml with n unknown keys',
    unit: 2000,
    config: true,
    build: (n) => ({
      '.flask-crdb-gate.yml': Array.from({ length: n }, (_, i) => `unknown_key_${i}: ${i}\n`).join(''),
      'app.py': 'x = 1\n',
    }),
  },
  {
    name: 'shell-unclosed',
    what: 'a shell script of n unclosed `"$(`',
    unit: 2000,
    build: (n) => ({ 'run.sh': `psql "${'"$('.repeat(n)}\n` }),
  },
  {
    name: 'makefile-continuations',
    what: 'a Makefile recipe of n line continuations',
    unit: 10000,
    build: (n) => ({ Makefile: `db:\n\tpsql ${URI} \\\n${'\t  --quiet \\\n'.repeat(n)}\t  -c 'select 1'\n` }),
  },
  {
    name: 'dockerfile-continuations',
    what: 'a Dockerfile RUN of n line continuations',
    unit: 10000,
    build: (n) => ({
      Dockerfile: `FROM python:3.12\nRUN psql ${URI} \\\n${'  --quiet \\\n'.repeat(n)}  -c 'select 1'\n`,
    }),
  },
  {
    name: 'toml-uri-array',
    what: 'a one-line TOML array of n URIs',
    unit: 1000,
    build: (n) => ({
      'settings.toml': `urls = [${Array.from({ length: n }, (_, i) => `"postgresql://app:pw${i}@db${i}.example.com:26257/app?sslmode=disable"`).join(', ')}]\n`,
    }),
  },
  {
    name: 'password-uris',
    what: 'a Python file of n distinct password URIs',
    unit: 1000,
    build: (n) => ({
      'settings.py': Array.from(
        { length: n },
        (_, i) => `DB_${i} = "postgresql://app:secret${i}@db${i}.example.com:26257/app?sslmode=disable"\n`,
      ).join(''),
    }),
  },
  {
    name: 'nosec-lines',
    what: 'a Python file of n `# nosec` lines',
    unit: 20000,
    build: (n) => ({ 'app.py': `${'# nosec\n'.repeat(n)}x = 1\n` }),
  },
  {
    name: 'deep-json',
    what: 'a JSON file nested n levels deep',
    unit: 1000,
    build: (n) => ({ 'settings.json': `${'{"a":'.repeat(n)}"${URI}"${'}'.repeat(n)}\n` }),
  },
  {
    name: 'deep-yaml',
    what: 'a YAML file nested n levels deep (flow style)',
    unit: 1000,
    build: (n) => ({ 'values.yml': `${'{a: '.repeat(n)}"${URI}"${'}'.repeat(n)}\n` }),
  },
  {
    name: 'plus-chain',
    what: 'a URI + "x" + "x" ... n times in a connect call',
    unit: 2000,
    build: (n) => ({ 'app.py': `import psycopg2\nconn = psycopg2.connect("${URI}"${' + "x"'.repeat(n)})\n` }),
  },
  {
    name: 'deep-python',
    what: 'a Python expression nested n levels deep',
    unit: 1000,
    build: (n) => ({
      'app.py': `import psycopg2\nconn = psycopg2.connect(${'['.repeat(n)}"${URI}"${']'.repeat(n)})\n`,
    }),
  },
];

export function shape(name) {
  const s = SHAPES.find((x) => x.name === name);
  if (!s) throw new Error(`no hostile shape named ${name}`);
  return s;
}

/** The byte size of a built repository. */
export function bytesOf(files) {
  return Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
}

/**
 * The unit count whose repository is closest to `bytes` (at least 1): a linear estimate from two
 * builds, then corrected by the size it gives (a shape whose lines lengthen with n, numbered
 * anchors say, grows a little faster than linearly).
 */
export function unitsFor(s, bytes) {
  const a = bytesOf(s.build(s.unit));
  const b = bytesOf(s.build(s.unit * 2));
  let n = Math.max(1, Math.round(s.unit + ((bytes - a) * s.unit) / (b - a)));
  for (let k = 0; k < 3; k++) n = Math.max(1, Math.round((n * bytes) / bytesOf(s.build(n))));
  return n;
}

/** Writes the repository into `dir` (created as needed). */
export function writeShape(dir, files) {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
}
