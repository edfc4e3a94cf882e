/**
 * Suppression comments through the engine's per-file step (analyzeFile) with real rules: every
 * form, every comment syntax, the statement that starts on the comment's line, and what is
 * reported as unused.
 */
import { describe, expect, test } from '@jest/globals';
import type { SourceFile } from '../../src/core/types.js';
import { fileRole } from '../../src/discover/roles.js';
import { analyzeFile, type FileResult } from '../../src/engine/analyze-file.js';
import { configKindOf } from '../../src/parse/config/kind.js';
import type { Rule } from '../../src/rules/rule.js';
import { passwordInConnectionString } from '../../src/rules/secrets/password-in-connection-string.js';
import { passwordLiteral } from '../../src/rules/secrets/password-literal.js';
import { insecureClient } from '../../src/rules/transport/insecure-client.js';
import { insecureCluster } from '../../src/rules/transport/insecure-cluster.js';
import { sslmodeDisabled } from '../../src/rules/transport/sslmode-disabled.js';
import { statementsOf } from '../../src/suppress/scope.js';
import { summariseSuppressions } from '../../src/suppress/summary.js';
import { dedent } from '../helpers/rule-tester.js';

const RULES: readonly Rule[] = [
  sslmodeDisabled,
  insecureCluster,
  insecureClient,
  passwordInConnectionString,
  passwordLiteral,
];
const DSN = 'postgresql://app@db.prod.example:26257/bank?sslmode=disable';

async function analyse(path: string, code: string, rules: readonly Rule[] = RULES): Promise<FileResult> {
  const kind = configKindOf(path);
  if (!kind) throw new Error(`no parser for ${path}`);
  const text = dedent(code);
  const file: SourceFile = { path, kind, role: fileRole(path), text, lines: text.split(/\r\n|\r|\n/) };
  const result = await analyzeFile(file, rules);
  if (result.skipped.length > 0) throw new Error(result.skipped.map((s) => s.reason).join('; '));
  return result;
}

const at = (r: FileResult) => ({
  kept: r.findings.map((f) => `${f.ruleId}@${f.line}`).sort(),
  suppressed: r.suppressed.map((f) => `${f.ruleId}@${f.line} by ${f.suppressedBy.line}`).sort(),
});

const unused = (r: FileResult) => summariseSuppressions(r.suppressions, r.suppressed).unused.map((u) => u.line);

describe('Python', () => {
  test('on the finding line: nosec, nosec RULE, ignore[RULE] reason, by id or by name', async () => {
    const r = await analyse(
      'app/db.py',
      `
      import psycopg2
      a = psycopg2.connect("${DSN}")  # nosec
      b = psycopg2.connect("${DSN}")  # nosec FCG101
      c = psycopg2.connect("${DSN}")  # flask-crdb-gate: ignore[sslmode-disabled] read replica behind a TLS proxy
      d = psycopg2.connect("${DSN}")
      `,
    );
    expect(at(r)).toEqual({ kept: ['FCG101@5'], suppressed: ['FCG101@2 by 2', 'FCG101@3 by 3', 'FCG101@4 by 4'] });
    expect(r.suppressed.find((f) => f.line === 4)?.suppressedBy).toEqual({
      line: 4,
      kind: 'ignore',
      directive: 'ignore[sslmode-disabled]',
      reason: 'read replica behind a TLS proxy',
    });
  });

  test('a suppression for another rule suppresses nothing and is reported unused', async () => {
    const r = await analyse(
      'app/db.py',
      `
      import psycopg2
      a = psycopg2.connect("${DSN}")  # nosec FCG107
      b = psycopg2.connect("${DSN}")  # flask-crdb-gate: ignore[FCG108] wrong rule
      `,
    );
    expect(at(r).kept).toEqual(['FCG101@2', 'FCG101@3']);
    expect(unused(r)).toEqual([2, 3]);
  });

  test('the first line of a multi-line statement covers the whole statement', async () => {
    const r = await analyse(
      'app/db.py',
      `
      import psycopg2
      engine = psycopg2.connect(  # nosec FCG101
          "${DSN}",
      )
      other = psycopg2.connect(
          "${DSN}",
      )  # nosec FCG101
      `,
    );
    // The second comment sits on the statement's last line, not its first: it covers only line 7.
    expect(at(r)).toEqual({ kept: ['FCG101@6'], suppressed: ['FCG101@3 by 2'] });
    expect(unused(r)).toEqual([7]);
  });

  test('a comment on a line of its own covers nothing below it', async () => {
    const r = await analyse(
      'app/db.py',
      `
      import psycopg2
      # nosec FCG101
      a = psycopg2.connect("${DSN}")
      `,
    );
    expect(at(r).kept).toEqual(['FCG101@3']);
    expect(unused(r)).toEqual([2]);
  });

  test('on a compound statement the header is covered, never its body', async () => {
    const r = await analyse(
      'app/db.py',
      `
      import psycopg2
      with psycopg2.connect(  # nosec FCG101
          "${DSN}",
      ) as conn:
          other = psycopg2.connect("${DSN}")
      `,
    );
    expect(at(r)).toEqual({ kept: ['FCG101@5'], suppressed: ['FCG101@3 by 2'] });
  });

  test('# nosec inside a string or a docstring is no suppression', async () => {
    const r = await analyse(
      'app/db.py',
      `
      import psycopg2
      a = psycopg2.connect("${DSN}", application_name="# nosec")
      def f():
          """# nosec"""
          return psycopg2.connect("${DSN}")
      `,
    );
    expect(at(r).kept).toEqual(['FCG101@2', 'FCG101@5']);
    expect(r.suppressions).toEqual([]);
  });

  test('Bandit ids: # nosec B106 suppresses our hard-coded password finding; B602 is left to Bandit', async () => {
    const r = await analyse(
      'app/db.py',
      `
      import psycopg2
      a = psycopg2.connect(host="db.prod.example", sslmode="verify-full", password="fixture-pass-1")  # nosec B106
      b = psycopg2.connect(host="db.prod.example", sslmode="verify-full", password="fixture-pass-2")  # nosec B602
      c = 1  # nosec
      `,
    );
    expect(at(r)).toEqual({ kept: ['FCG202@3'], suppressed: ['FCG202@2 by 2'] });
    // In Python, a nosec naming none of our rules may be Bandit's: never reported unused.
    expect(unused(r)).toEqual([]);
  });

  test('a reason never carries a secret the file holds', async () => {
    const r = await analyse(
      'app/db.py',
      `
      import psycopg2
      a = psycopg2.connect(host="db.prod.example", sslmode="verify-full", password="hunter2-fixture")  # nosec FCG202 hunter2-fixture is fake
      `,
    );
    expect(r.suppressed).toHaveLength(1);
    expect(r.suppressed[0]?.suppressedBy.reason).toBe('**** is fake');
    expect(JSON.stringify(r)).not.toContain('hunter2-fixture');
  });
});

describe('configuration formats', () => {
  test('YAML: on the line, and on a key whose list value spans the lines below', async () => {
    const r = await analyse(
      'docker-compose.yml',
      `
      services:
        a:
          image: cockroachdb/cockroach:v24.1.0
          command: start --insecure --join=a  # nosec FCG107 throwaway CI cluster
        b:
          image: cockroachdb/cockroach:v24.1.0
          command:  # flask-crdb-gate: ignore[insecure-cluster] throwaway CI cluster
            - start
            - --insecure
            - --join=b
        c:  # nosec FCG107
          image: cockroachdb/cockroach:v24.1.0
          command: ["start", "--insecure", "--join=c"]
      `,
    );
    // A mapping value (a whole service) is not covered: its keys have lines of their own.
    expect(at(r)).toEqual({ kept: ['FCG107@13'], suppressed: ['FCG107@4 by 4', 'FCG107@8 by 7'] });
    expect(unused(r)).toEqual([11]);
  });

  test('YAML: # nosec inside a quoted scalar is text', async () => {
    const r = await analyse(
      'deploy/job.yaml',
      `
      command: "cockroach start --insecure --join=x # nosec"
      `,
    );
    expect(at(r).kept).toEqual(['FCG107@1']);
  });

  test('.env, INI, shell, Dockerfile and Makefile comments', async () => {
    const env = await analyse('.env', `DATABASE_URL=${DSN}  # nosec FCG101\nOTHER_URL=${DSN}\n`);
    expect(at(env)).toEqual({ kept: ['FCG101@2'], suppressed: ['FCG101@1 by 1'] });

    const sh = await analyse(
      'scripts/init.sh',
      `
      cockroach sql --insecure --host=db.prod.example -e "select 1"  # nosec FCG108 bootstrap only
      cockroach sql --insecure --host=db.prod.example -e "select 2"
      `,
    );
    expect(at(sh)).toEqual({ kept: ['FCG108@2'], suppressed: ['FCG108@1 by 1'] });

    const docker = await analyse(
      'Dockerfile',
      `
      FROM cockroachdb/cockroach:v24.1.0
      CMD cockroach start-single-node --insecure  # flask-crdb-gate: ignore[FCG107] local image
      `,
    );
    expect(at(docker).suppressed).toEqual(['FCG107@2 by 2']);

    const make = await analyse('Makefile', 'db:\n\tcockroach start-single-node --insecure  # nosec FCG107\n');
    expect(at(make).suppressed).toEqual(['FCG107@2 by 2']);

    const ini = await analyse(
      'alembic.ini',
      `
      [alembic]
      ; flask-crdb-gate: ignore[FCG101] on a line of its own: covers nothing
      sqlalchemy.url = ${DSN}
      `,
    );
    expect(at(ini).kept).toEqual(['FCG101@3']);
    expect(unused(ini)).toEqual([2]);

    const inline = await analyse(
      'alembic.ini',
      `
      [alembic]
      sqlalchemy.url = ${DSN} ; nosec FCG101
      [replica]
      sqlalchemy.url = ${DSN} # flask-crdb-gate: ignore[FCG101] proxied
      `,
    );
    expect(at(inline)).toEqual({ kept: [], suppressed: ['FCG101@2 by 2', 'FCG101@4 by 4'] });

    const toml = await analyse(
      'settings.toml',
      `
      [database]
      url = "${DSN}"  # nosec FCG101
      [replica]
      url = "${DSN}"
      `,
    );
    expect(at(toml)).toEqual({ kept: ['FCG101@4'], suppressed: ['FCG101@2 by 2'] });
  });

  test('TOML and YAML: the lines a key covers when its value starts on the comment line', () => {
    const toml = 'a = 1\ndb = [  # nosec\n  "cockroach",\n  "--insecure",\n]\n[t]\nb = { c = 1 }\n';
    const at = statementsOf('toml', toml, toml.split('\n'), undefined);
    expect([at(1), at(2), at(6), at(7)]).toEqual([undefined, { from: 2, to: 5 }, undefined, undefined]);
    const yaml = 'a:\n  b: 1\nc: |\n  x\n  y\nd: [1,\n  2]\n';
    const y = statementsOf('yaml', yaml, yaml.split('\n'), undefined);
    expect([y(1), y(2), y(3), y(6)]).toEqual([undefined, undefined, { from: 3, to: 5 }, { from: 6, to: 7 }]);
    // A file that does not parse (the rules skipped it) gives no statements, and no error.
    expect(statementsOf('toml', 'a = [', ['a = ['], undefined)(1)).toBeUndefined();
  });

  test('outside Python a bare # nosec that suppresses nothing is reported: Bandit does not read these files', async () => {
    const r = await analyse('.env', `A=1  # nosec\nDATABASE_URL=${DSN}\n`);
    expect(at(r).kept).toEqual(['FCG101@2']);
    expect(unused(r)).toEqual([1]);
  });

  test('a suppression naming only rules that did not run is not called unused', async () => {
    const r = await analyse('.env', `A=1  # nosec FCG599\nB=2  # nosec FCG101\n`, [sslmodeDisabled]);
    expect(unused(r)).toEqual([2]);
  });

  test('unknown rule names are reported with the suppression', async () => {
    const r = await analyse('.env', `DATABASE_URL=${DSN}  # flask-crdb-gate: ignore[sslmode-disabeld]\n`);
    expect(at(r).kept).toEqual(['FCG101@1']);
    expect(summariseSuppressions(r.suppressions, r.suppressed).unused).toEqual([
      { path: '.env', line: 1, directive: 'ignore[sslmode-disabeld]', unknown: ['sslmode-disabeld'] },
    ]);
  });
});

describe('summary', () => {
  test('counts suppressed findings, comments that took effect, and those without a reason', async () => {
    const r = await analyse(
      'app/db.py',
      `
      import psycopg2
      a = psycopg2.connect("${DSN}")  # nosec
      b = psycopg2.connect("${DSN}")  # flask-crdb-gate: ignore[FCG101] proxied
      c = psycopg2.connect(  # nosec FCG101
          "${DSN}", "${DSN}",
      )
      `,
    );
    // Line 5 holds two findings, both covered by the comment on line 4.
    expect(summariseSuppressions(r.suppressions, r.suppressed)).toEqual({
      findings: 4,
      used: 3,
      withoutReason: 2,
      unused: [],
    });
  });
});
