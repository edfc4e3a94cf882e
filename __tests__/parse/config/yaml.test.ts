import { describe, expect, test } from '@jest/globals';
import type { Span } from '../../../src/core/types.js';
import { parseConfig } from '../../../src/parse/config/index.js';
import type { ConfigDoc, ConfigEntry } from '../../../src/parse/config/types.js';

const at = (s: Span): string => `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
const yaml = (text: string): ConfigDoc => parseConfig('yaml', 'f.yml', text);
const entry = (doc: ConfigDoc, path: string): ConfigEntry | undefined =>
  doc.entries.find((e) => e.path.join('.') === path);

describe('docker-compose', () => {
  const compose = [
    'x-db-env: &db-env', //                                       1
    '  DATABASE_URL: postgresql://app:s3cret@db.internal:26257/bank', // 2
    'services:', //                                                3
    '  roach:', //                                                 4
    '    image: cockroachdb/cockroach:v24.1.0', //                 5
    '    command: start-single-node --insecure --advertise-addr=roach', // 6
    '  roach2:', //                                                7
    '    image: cockroachdb/cockroach:v24.1.0', //                 8
    '    command:', //                                             9
    '      - start', //                                            10
    '      - --insecure', //                                       11
    "      - '--join=roach,roach2'", //                            12
    '    healthcheck:', //                                         13
    '      test: ["CMD-SHELL", "cockroach node status --insecure || exit 1"]', // 14
    '  web:', //                                                   15
    '    image: ghcr.io/acme/web:1.0', //                          16
    '    environment:', //                                         17
    '      <<: *db-env', //                                        18
    '      PGSSLMODE: ${PGSSLMODE:-disable}', //                   19
    '  worker:', //                                                20
    '    image: ghcr.io/acme/web:1.0', //                          21
    '    entrypoint: ["/bin/sh", "-c"]', //                        22
    '    command: ["flask run --host 0.0.0.0"]', //                23
    '    environment:', //                                         24
    '      - SQLALCHEMY_DATABASE_URI=postgresql+psycopg2://u:${DB_PASSWORD}@db/x', // 25
    '      - DEBUG', //                                            26
    '',
  ].join('\n');
  const doc = yaml(compose);

  test('command as a string keeps its words exactly, with the service image', () => {
    const cmd = doc.commands.find((c) => c.argv[0] === 'start-single-node');
    expect(cmd).toEqual({
      argv: ['start-single-node', '--insecure', '--advertise-addr=roach'],
      image: 'cockroachdb/cockroach:v24.1.0',
      span: { line: 6, column: 14, endLine: 6, endColumn: 65 },
    });
  });

  test('command as a list, quotes removed', () => {
    const cmd = doc.commands.find((c) => c.argv[0] === 'start');
    expect(cmd?.argv).toEqual(['start', '--insecure', '--join=roach,roach2']);
    expect(cmd?.image).toBe('cockroachdb/cockroach:v24.1.0');
    expect(at(cmd!.span)).toBe('10:7-12:30');
  });

  test('healthcheck CMD-SHELL is a shell line, placed inside its string', () => {
    const cmd = doc.commands.find((c) => c.argv.join(' ') === 'cockroach node status --insecure');
    expect(cmd?.image).toBeUndefined();
    expect(at(cmd!.span)).toBe('14:28-14:60');
    expect(doc.commands.some((c) => c.argv.join(' ') === 'exit 1')).toBe(true);
  });

  test('entrypoint and command run as one argv; the sh -c script is opened', () => {
    expect(doc.commands.find((c) => c.argv[0] === '/bin/sh')).toMatchObject({
      argv: ['/bin/sh', '-c', 'flask run --host 0.0.0.0'],
      image: 'ghcr.io/acme/web:1.0',
      span: { line: 22, column: 17, endLine: 23, endColumn: 42 },
    });
    expect(doc.commands.find((c) => c.argv[0] === 'flask')).toMatchObject({
      argv: ['flask', 'run', '--host', '0.0.0.0'],
      image: undefined,
      span: { line: 23, column: 16, endLine: 23, endColumn: 40 },
    });
  });

  test('environment as a map, with a merged anchor (entry keeps the anchor position)', () => {
    const url = entry(doc, 'services.web.environment.DATABASE_URL');
    expect(url).toMatchObject({
      key: 'DATABASE_URL',
      value: 'postgresql://app:s3cret@db.internal:26257/bank',
      document: 0,
    });
    expect(at(url!.span)).toBe('2:17-2:63');
    expect(entry(doc, 'services.web.environment.PGSSLMODE')).toMatchObject({
      value: '${PGSSLMODE:-disable}',
      span: { line: 19 },
    });
    expect(entry(doc, 'x-db-env.DATABASE_URL')?.span.line).toBe(2);
    expect(doc.entries.some((e) => e.key === '<<')).toBe(false);
  });

  test('environment as a list: `- KEY=value` is an entry keyed KEY, a bare `- KEY` none', () => {
    const e = entry(doc, 'services.worker.environment.0');
    expect(e).toMatchObject({ key: 'SQLALCHEMY_DATABASE_URI', value: 'postgresql+psycopg2://u:${DB_PASSWORD}@db/x' });
    expect(at(e!.span)).toBe('25:33-25:76');
    expect(doc.entries.some((x) => x.key === 'DEBUG' || x.value === 'DEBUG')).toBe(false);
  });

  test('every scalar is an entry with its key path', () => {
    expect(entry(doc, 'services.roach.image')).toMatchObject({ key: 'image', span: { line: 5, column: 12 } });
    expect(entry(doc, 'services.roach2.command.1')).toMatchObject({
      key: 'command',
      value: '--insecure',
      span: { line: 11 },
    });
  });
});

describe('Kubernetes', () => {
  const manifest = [
    'apiVersion: v1', //                                           1
    'kind: ConfigMap', //                                          2
    'metadata: {name: init}', //                                   3
    'data:', //                                                    4
    '  init.sh: |', //                                             5
    '    #!/bin/sh', //                                            6
    '    /cockroach/cockroach init --insecure --host=cockroachdb-0', // 7
    '---', //                                                      8
    'apiVersion: apps/v1', //                                      9
    'kind: StatefulSet', //                                        10
    'metadata:', //                                                11
    '  name: cockroachdb', //                                      12
    'spec:', //                                                    13
    '  template:', //                                              14
    '    spec:', //                                                15
    '      initContainers:', //                                    16
    '        - name: wait', //                                     17
    '          image: busybox:1.36', //                            18
    '          command: ["sh", "-c", "until nslookup cockroachdb-public; do sleep 2; done"]', // 19
    '      containers:', //                                        20
    '        - name: cockroachdb', //                              21
    '          image: cockroachdb/cockroach:v24.1.0', //           22
    '          args:', //                                          23
    '            - start', //                                      24
    '            - --insecure', //                                 25
    '            - --join=cockroachdb-0.cockroachdb,cockroachdb-1.cockroachdb', // 26
    '          env:', //                                           27
    '            - name: COCKROACH_PASSWORD', //                   28
    '              valueFrom:', //                                 29
    '                secretKeyRef: {name: crdb, key: password}', // 30
    '            - name: DATABASE_URL', //                         31
    '              value: "postgresql://root@cockroachdb-public:26257/app?sslmode=verify-full"', // 32
    '          readinessProbe:', //                                33
    '            exec:', //                                        34
    '              command: ["/cockroach/cockroach", "node", "status", "--insecure"]', // 35
    '        - name: official', //                                 36
    '          image: cockroachdb/cockroach:v24.1.0', //           37
    '          command:', //                                       38
    '            - "/bin/bash"', //                                39
    '            - "-ecx"', //                                     40
    '            - exec /cockroach/cockroach start --logtostderr --insecure --advertise-host $(hostname -f)', // 41
    '',
  ].join('\n');
  const doc = yaml(manifest);

  test('a multi-document stream numbers its documents', () => {
    expect(entry(doc, 'data.init.sh')?.document).toBe(0);
    expect(entry(doc, 'kind')?.document).toBe(0);
    expect(doc.entries.filter((e) => e.key === 'kind').map((e) => e.document)).toEqual([0, 1]);
  });

  test('a literal block starts at its first content line', () => {
    expect(at(entry(doc, 'data.init.sh')!.span)).toBe('6:5-7:62');
  });

  test('args without command: one CommandFact with the container image', () => {
    const cmd = doc.commands.find((c) => c.argv[0] === 'start');
    expect(cmd).toEqual({
      argv: ['start', '--insecure', '--join=cockroachdb-0.cockroachdb,cockroachdb-1.cockroachdb'],
      image: 'cockroachdb/cockroach:v24.1.0',
      span: { line: 24, column: 13, endLine: 26, endColumn: 73 },
    });
  });

  test('command + args of initContainers, and the sh -c script inside', () => {
    expect(doc.commands.find((c) => c.argv[0] === 'sh')?.image).toBe('busybox:1.36');
    const inner = doc.commands.find((c) => c.argv[0] === 'nslookup');
    expect(inner?.argv).toEqual(['nslookup', 'cockroachdb-public']);
    expect(inner?.span.line).toBe(19);
  });

  test('the official manifest: bash -ecx "exec cockroach start ..." is opened', () => {
    const inner = doc.commands.find((c) => c.argv[0] === 'exec');
    expect(inner?.argv).toEqual([
      'exec',
      '/cockroach/cockroach',
      'start',
      '--logtostderr',
      '--insecure',
      '--advertise-host',
      '$(hostname -f)',
    ]);
    expect(inner?.span.line).toBe(41);
  });

  test('exec probes are commands', () => {
    expect(doc.commands.find((c) => c.argv[0] === '/cockroach/cockroach' && c.argv[1] === 'node')).toMatchObject({
      argv: ['/cockroach/cockroach', 'node', 'status', '--insecure'],
      image: undefined,
      span: { line: 35 },
    });
  });

  test('env[].name/value is an entry keyed by name; valueFrom gives none', () => {
    const url = doc.entries.find((e) => e.key === 'DATABASE_URL');
    expect(url?.path).toEqual(['spec', 'template', 'spec', 'containers', 0, 'env', 1, 'value']);
    expect(url?.value).toBe('postgresql://root@cockroachdb-public:26257/app?sslmode=verify-full');
    expect(url?.span.line).toBe(32);
    expect(url?.document).toBe(1);
    expect(doc.entries.some((e) => e.key === 'COCKROACH_PASSWORD')).toBe(false);
    expect(doc.entries.some((e) => e.value === 'password' || e.value === 'crdb')).toBe(false);
  });
});

describe('GitHub workflows', () => {
  const workflow = [
    'name: ci', //                                                 1
    'on: [push, pull_request]', //                                 2
    'env:', //                                                     3
    '  PGSSLMODE: require', //                                     4
    'jobs:', //                                                    5
    '  test:', //                                                  6
    '    runs-on: ubuntu-latest', //                               7
    '    steps:', //                                               8
    '      - uses: actions/checkout@v4', //                        9
    '      - name: Start CockroachDB', //                          10
    '        run: |', //                                           11
    '          docker run -d -p 26257:26257 cockroachdb/cockroach:v24.1.0 start-single-node --insecure', // 12
    '          cockroach sql --insecure \\', //                    13
    '            --host=localhost -e "CREATE DATABASE app"  # create', // 14
    '      - run: pytest -q && coverage xml', //                   15
    '        env:', //                                             16
    '          DATABASE_URL: postgresql://root@localhost:26257/app', // 17
    '      - shell: pwsh', //                                      18
    '        run: Get-ChildItem', //                               19
    '',
  ].join('\n');
  const doc = yaml(workflow);

  test('run scripts become shell commands at their exact lines and columns', () => {
    const docker = doc.commands.find((c) => c.argv[0] === 'docker');
    expect(docker?.argv.slice(-2)).toEqual(['start-single-node', '--insecure']);
    expect(at(docker!.span)).toBe('12:11-12:98');
    const sql = doc.commands.find((c) => c.argv[0] === 'cockroach');
    expect(sql?.argv).toEqual(['cockroach', 'sql', '--insecure', '--host=localhost', '-e', 'CREATE DATABASE app']);
    expect(at(sql!.span)).toBe('13:11-14:54');
    expect(doc.commands.filter((c) => c.span.line === 15).map((c) => c.argv)).toEqual([
      ['pytest', '-q'],
      ['coverage', 'xml'],
    ]);
  });

  test('non-shell steps are not read as shell', () => {
    expect(doc.commands.some((c) => c.argv[0] === 'Get-ChildItem')).toBe(false);
  });

  test('env maps are entries', () => {
    expect(entry(doc, 'env.PGSSLMODE')).toMatchObject({ key: 'PGSSLMODE', value: 'require', span: { line: 4 } });
    expect(entry(doc, 'jobs.test.steps.2.env.DATABASE_URL')?.span.line).toBe(17);
  });
});

describe('plain YAML and errors', () => {
  test('Helm values files are plain YAML; scalar types are kept', () => {
    const doc = yaml('image:\n  tag: v24.1.0\ntls:\n  enabled: false\nreplicas: 3\nconf:\n  cache: null\n');
    expect(entry(doc, 'tls.enabled')?.value).toBe(false);
    expect(entry(doc, 'replicas')?.value).toBe(3);
    expect(entry(doc, 'conf.cache')?.value).toBeNull();
  });

  test('comments produce nothing; CRLF line ends keep line numbers', () => {
    const doc = yaml('# DATABASE_URL: postgresql://a:b@c/d\r\na: 1\r\nb: two\r\n');
    expect(doc.entries.map((e) => [e.key, e.span.line, e.span.column])).toEqual([
      ['a', 2, 4],
      ['b', 3, 4],
    ]);
  });

  test('a Helm template is reported as a parse error, not a crash', () => {
    const helm =
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  {{- if not .Values.autoscaling.enabled }}\n  replicas: {{ .Values.replicaCount }}\n  {{- end }}\n';
    expect(() => yaml(helm)).toThrow(/^YAML syntax error at line \d+: /);
  });

  test('malformed YAML throws a one-line message with the line', () => {
    expect(() => yaml('a: [1, 2\nb: c\n')).toThrow('YAML syntax error at line 2');
    try {
      yaml('services:\n  web:\n    image: x\n   bad: y\n');
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });

  test('self-referencing and exponential aliases terminate', () => {
    expect(yaml('a: &a [1, *a]\n').entries.map((e) => e.value)).toEqual([1]);
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++)
      bomb += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    expect(() => yaml(bomb)).toThrow(/expands to more than/);
  });

  test('an empty file is an empty document', () => {
    expect(yaml('')).toEqual({ format: 'yaml', entries: [], commands: [] });
  });
});

describe('other CI formats', () => {
  test('GitLab CI script lists, Azure Pipelines script/bash steps, Tekton steps with an image', () => {
    const gitlab = yaml(
      'test:\n  services:\n    - name: cockroachdb/cockroach:v24.1.0\n  before_script:\n    - cockroach sql --insecure --host=crdb -e "CREATE DATABASE app"\n  script: pytest -q\n',
    );
    expect(gitlab.commands.map((c) => [c.argv[0], c.span.line])).toEqual([
      ['cockroach', 5],
      ['pytest', 6],
    ]);
    const azure = yaml(
      'steps:\n  - script: flask db upgrade\n  - bash: |\n      cockroach start-single-node --insecure --background\n',
    );
    expect(
      azure.commands.map((c) => [c.argv.join(' '), c.span.line]).sort((a, b) => Number(a[1]) - Number(b[1])),
    ).toEqual([
      ['flask db upgrade', 2],
      ['cockroach start-single-node --insecure --background', 4],
    ]);
    const tekton = yaml(
      'spec:\n  steps:\n    - name: db\n      image: cockroachdb/cockroach:v24.1.0\n      args: [start-single-node, --insecure]\n',
    );
    expect(tekton.commands).toEqual([
      {
        argv: ['start-single-node', '--insecure'],
        image: 'cockroachdb/cockroach:v24.1.0',
        span: { line: 5, column: 13, endLine: 5, endColumn: 44 },
      },
    ]);
  });
});
