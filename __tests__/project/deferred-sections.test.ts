import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Finding } from '../../src/core/types.js';
import { scan } from '../../src/engine/scan.js';
import type { ScanReport } from '../../src/engine/result.js';
import { DEFAULT_ANALYSIS } from '../../src/engine/options.js';
import { FLASK_FUNCTIONS_DOMAIN } from '../../src/models/flask/summary.js';
import { ProjectIndex, SectionsNeeded } from '../../src/project/project-index.js';
import { settle, type BuildSections } from '../../src/project/settle.js';
import type { ModuleSummary } from '../../src/project/types.js';
import type { ProjectSeen } from '../../src/project/summarizer.js';
import { summarizeModule } from '../../src/project/summarize.js';
import { parsePython } from '../../src/parse/python.js';
import { indexPython } from '../../src/lang/python/file-index.js';
import { SQL_DOMAIN } from '../../src/models/sql/summary.js';
import { knownSqlTexts, SQL_TEXTS_DOMAIN } from '../../src/models/sql/foreign.js';
import { unprotectedStateChange } from '../../src/rules/design/unprotected-state-change.js';
import type { Rule } from '../../src/rules/rule.js';
import { dedent, runProject } from '../helpers/rule-tester.js';

const module = (path: string, sections: ModuleSummary['sections'], deferred?: string[]): ModuleSummary => ({
  path,
  kind: 'python',
  imports: {},
  starImports: [],
  constants: {},
  defines: [],
  sections,
  ...(deferred ? { deferred } : {}),
});

describe('deferred sections in the project index', () => {
  const index = (): ProjectIndex =>
    new ProjectIndex([
      module('app/views.py', { d: { x: 1 } }),
      module('app/helpers.py', {}, ['d']),
      module('app/util.py', {}, ['d']),
    ]);

  test('a section built in phase 1 answers at once; a deferred one asks to be built, then answers', () => {
    const ix = index();
    expect(ix.section('app/views.py', 'd')).toEqual({ x: 1 });
    expect(() => ix.section('app/helpers.py', 'd')).toThrow(SectionsNeeded);
    ix.fill({ path: 'app/helpers.py', domain: 'd' }, { y: 2 });
    expect(ix.section('app/helpers.py', 'd')).toEqual({ y: 2 });
    ix.fill({ path: 'app/util.py', domain: 'd' }, undefined);
    expect(ix.section('app/util.py', 'd')).toBeUndefined();
  });

  test('iterating a domain names every module still missing it, and then yields them all', () => {
    const ix = index();
    ix.fill({ path: 'app/util.py', domain: 'd' }, undefined);
    let needed: SectionsNeeded | undefined;
    try {
      ix.sections('d');
    } catch (e) {
      needed = e as SectionsNeeded;
    }
    expect(needed?.requests).toEqual([{ path: 'app/helpers.py', domain: 'd' }]);
    ix.fill({ path: 'app/helpers.py', domain: 'd' }, { y: 2 });
    expect([...ix.sections('d')].map((s) => s.path)).toEqual(['app/helpers.py', 'app/views.py']);
    // Domains nobody deferred are not affected.
    expect([...ix.sections('other')]).toEqual([]);
  });
});

describe('settle builds what a question needs, in rounds', () => {
  // A rule whose decide follows a chain of deferred sections: views -> a -> b.
  const rule = {
    meta: { id: 'FCG999', name: 'chain', severity: 'low' },
    check: () => undefined,
    decide: (_q: unknown, { path, index }: { path: string; index: ProjectIndex }) => {
      let at: string | undefined = path;
      const seen: string[] = [];
      while (at) {
        const s: { next?: string; bad?: boolean } | undefined = index.section(at, 'd');
        if (s?.bad) return { message: `bad at ${at} via ${seen.join(',')}` };
        seen.push(at);
        at = s?.next;
      }
      return false;
    },
  } as unknown as Rule;
  const finding = { ruleId: 'FCG999', path: 'v.py', line: 1, message: 'held', pending: {} } as unknown as Finding;
  const summaries = [module('v.py', { d: { next: 'a.py' } }), module('a.py', {}, ['d']), module('b.py', {}, ['d'])];
  const built: Record<string, { next?: string; bad?: boolean }> = { 'a.py': { next: 'b.py' }, 'b.py': { bad: true } };

  test('each round builds the sections the last one asked for, and the question is asked again', async () => {
    const rounds: string[][] = [];
    const build: BuildSections = async (requests) => {
      rounds.push(requests.map((r) => r.path));
      return requests.map((request) => ({ request, section: built[request.path] }));
    };
    const out = await settle([finding], new ProjectIndex(summaries), [rule], DEFAULT_ANALYSIS, undefined, build);
    expect(rounds).toEqual([['a.py'], ['b.py']]);
    expect(out.findings.map((f) => f.message)).toEqual(['bad at b.py via v.py,a.py']);
    expect(out.findings[0]).not.toHaveProperty('pending');
  });

  test('a section that cannot be built counts as empty, and the question still ends', async () => {
    const out = await settle(
      [finding],
      new ProjectIndex(summaries),
      [rule],
      DEFAULT_ANALYSIS,
      undefined,
      async () => [],
    );
    expect(out.findings).toEqual([]);
    const none = await settle([finding], new ProjectIndex(summaries), [rule], DEFAULT_ANALYSIS);
    expect(none.findings).toEqual([]);
  });
});

// A helper module that does not import Flask has its functions' section deferred; a view in
// another module that calls it still finds the write through it, and the guard of a module that
// imports Flask (built in phase 1) still covers the other view.
const VIEWS = `
  from flask import Flask, request
  from .services import create_user
  from .auth import login_required

  app = Flask(__name__)

  @app.route("/notes", methods=["POST"])
  def add_user():
      create_user(request.form["name"])
      return "", 201

  @app.route("/notes/guarded", methods=["POST"])
  @login_required
  def add_guarded():
      create_user(request.form["name"])
      return "", 201
`;
const SERVICES = `
  from .models import db, User

  def create_user(name):
      db.session.add(User(name=name))
      db.session.commit()
`;
const AUTH = `
  from functools import wraps
  from flask import abort
  from flask_login import current_user

  def login_required(view):
      @wraps(view)
      def wrapper(*args, **kwargs):
          if not current_user.is_authenticated:
              abort(401)
          return view(*args, **kwargs)
      return wrapper
`;

describe('deferred flask-functions sections, end to end', () => {
  test('the rule tester builds them when asked: the write through the helper is found, the guard honoured', async () => {
    const findings = await runProject(unprotectedStateChange, {
      'app/views.py': VIEWS,
      'app/services.py': SERVICES,
      'app/auth.py': AUTH,
    });
    expect(findings.map((f) => `${f.path}:${f.line}`)).toEqual(['app/views.py:7']);
    expect(findings[0]?.message).toMatch(/create_user\(\), which runs db\.session\.add\(\)/);
  });

  test('the engine reads the deferred modules again for the project phase and says nothing was skipped', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fcg-deferred-'));
    try {
      for (const [p, code] of Object.entries({
        'app/__init__.py': '',
        'app/views.py': VIEWS,
        'app/services.py': SERVICES,
        'app/auth.py': AUTH,
      })) {
        mkdirSync(dirname(join(root, p)), { recursive: true });
        writeFileSync(join(root, p), dedent(code));
      }
      const report = await scan({
        root,
        threshold: { failBelow: 'F', minScore: undefined, failOnSeverity: undefined },
        timing: true,
      });
      const state = report.findings.filter((f) => f.ruleId === unprotectedStateChange.meta.id);
      expect(state.map((f) => `${f.path}:${f.line}`)).toEqual(['app/views.py:7']);
      expect(report.skipped).toEqual([]);
      // services.py was summarised late: its functions' section was asked for.
      expect(report.timing?.rules['late sections']).toBeDefined();
      expect(report.timing?.counts.bytesRead).toBeGreaterThan(report.timing?.counts.bytesScanned ?? Infinity);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  /** Scans a tree of (dedented) files in path order, in this thread, with timing; the tree is removed after. */
  const scanTree = async (files: Readonly<Record<string, string>>): Promise<ScanReport> => {
    const root = mkdtempSync(join(tmpdir(), 'fcg-deferred-'));
    try {
      for (const [p, code] of Object.entries(files)) {
        mkdirSync(dirname(join(root, p)), { recursive: true });
        writeFileSync(join(root, p), dedent(code));
      }
      return await scan({
        root,
        threshold: { failBelow: 'F', minScore: undefined, failOnSeverity: undefined },
        timing: true,
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };

  test('a SQL section deferred before the project showed Flask is built when a caller question needs it', async () => {
    // In-thread, in path order: a/db.py and a/service.py come before any module importing Flask,
    // so their SQL sections are deferred; the question about find()'s callers reads every module's.
    const report = await scanTree({
      'a/db.py': `
        def find(conn, name):
            cur = conn.cursor()
            cur.execute("SELECT * FROM users WHERE name = '%s'" % name)
            return cur.fetchall()
      `,
      // Its caller, also before Flask is seen: only its deferred section knows it passes `name` on.
      'a/service.py': `
        from a.db import find

        def lookup(conn, name):
            return find(conn, name)
      `,
      'b/views.py': `
        from flask import Flask, request
        from a.service import lookup

        app = Flask(__name__)

        @app.route("/users")
        def users():
            return {"rows": lookup(app.conn, request.args["name"])}
      `,
    });
    const sql = report.findings.filter((f) => f.ruleId === 'FCG501');
    expect(sql.map((f) => [f.path, f.line, f.severity])).toEqual([['a/db.py', 3, 'high']]);
    expect(sql[0]?.message).toMatch(/lookup\(\) in b\/views\.py on line 8 passes it request data/);
    expect(report.timing?.rules['late sections']).toBeDefined();
    expect(report.skipped).toEqual([]);
  });

  test('built text passed to an imported function is read as SQL only once that function runs SQL', async () => {
    const report = await scanTree({
      'a/sql.py': 'def run(cur, query):\n    cur.execute(query)\n',
      'a/errors.py': 'class Bad(Exception):\n    pass\n',
      // Before Flask is seen: phase 1 leaves both calls' texts unread. Only run() runs SQL, so
      // only its argument's text is read, in phase 2.
      'a/service.py': `
        from a.errors import Bad
        from a.sql import run

        def search(cur, q):
            if not q:
                raise Bad("SELECT needs a name, got %s" % q)
            return run(cur, "SELECT * FROM t WHERE name = '%s'" % q)
      `,
      'b/views.py': `
        from flask import Flask, request
        from a.service import search

        app = Flask(__name__)

        @app.route("/s")
        def s():
            return {"rows": search(app.cur, request.args["q"])}
      `,
    });
    const sql = report.findings.filter((f) => f.ruleId === 'FCG501');
    expect(sql.map((f) => [f.path, f.line, f.severity])).toEqual([['a/service.py', 7, 'high']]);
    expect(sql[0]?.message).toMatch(
      /reaches run\(\), which runs it as SQL in another module: `q` is parameter `q` of search\(\), and search\(\) in b\/views\.py on line 8 passes it request data/,
    );
    expect(report.timing?.rules['late sections']).toBeDefined();
    expect(report.skipped).toEqual([]);
  });

  test('the sql-texts section holds the SQL-looking built arguments of imported functions, by start', async () => {
    const text = dedent(`
      from a.errors import Bad
      from a.sql import run
      import psycopg2

      def search(cur, q):
          Bad("no rows for %s" % q)
          psycopg2.connect("SELECT %s" % q)
          local_helper("SELECT * FROM t WHERE x = %s" % q)
          return run(cur, f"SELECT * FROM t WHERE name = '{q}'")
    `);
    const doc = await parsePython(text);
    try {
      const texts = knownSqlTexts(indexPython(doc));
      const at = text.indexOf('f"SELECT');
      // Prose, a library's function and a function of this file are left out.
      expect(Object.keys(texts ?? {})).toEqual([String(at)]);
      expect(texts?.[String(at)]).toMatchObject({
        construction: 'an f-string',
        parts: [{ label: 'q', kind: 'param' }],
      });
    } finally {
      doc.tree.delete();
    }
  });

  test('without Flask, a question about a helper reads again only the modules that may call it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fcg-deferred-callers-'));
    const files: Record<string, string> = {
      'a/db.py': `
        def find(conn, name):
            cur = conn.cursor()
            cur.execute("SELECT * FROM users WHERE name = '%s'" % name)
            return cur.fetchall()
      `,
      'a/service.py': `
        from a.db import find

        def lookup(conn, name):
            return find(conn, name)
      `,
    };
    // More modules deferring the section than phase 2 builds all at once (FEW_DEFERRED, 64).
    for (let i = 0; i < 70; i++) files[`z/unrelated${i}.py`] = `def helper(x):\n    return str(x)\n`;
    try {
      let late = 0;
      for (const [p, code] of Object.entries(files)) {
        mkdirSync(dirname(join(root, p)), { recursive: true });
        writeFileSync(join(root, p), dedent(code));
        if (p.startsWith('a/')) late += Buffer.byteLength(dedent(code));
      }
      const report = await scan({
        root,
        threshold: { failBelow: 'F', minScore: undefined, failOnSeverity: undefined },
        timing: true,
      });
      expect(report.findings.filter((f) => f.ruleId === 'FCG501').map((f) => [f.path, f.line])).toEqual([
        ['a/db.py', 3],
      ]);
      // a/db.py and a/service.py, whose SQL sections phase 1 deferred; none of z/.
      const counts = report.timing?.counts ?? {};
      expect((counts['bytesRead'] ?? 0) - (counts['bytesScanned'] ?? 0)).toBe(late);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test(`${FLASK_FUNCTIONS_DOMAIN} is deferred where Flask is not imported, sql only until the project shows Flask`, async () => {
    const deferredOf = async (code: string, seen?: ProjectSeen): Promise<readonly string[] | undefined> => {
      const text = dedent(code);
      const doc = await parsePython(text);
      try {
        const file = { path: 'm.py', kind: 'python' as const, role: 'production' as const, text, lines: [] };
        return summarizeModule({ file, python: indexPython(doc), config: undefined, ...(seen ? { seen } : {}) })
          .deferred;
      } finally {
        doc.tree.delete();
      }
    };
    expect(await deferredOf(SERVICES)).toEqual([FLASK_FUNCTIONS_DOMAIN, SQL_DOMAIN, SQL_TEXTS_DOMAIN]);
    expect(await deferredOf(SERVICES, { flask: true })).toEqual([FLASK_FUNCTIONS_DOMAIN]);
    expect(await deferredOf(VIEWS)).toBeUndefined();
    expect(await deferredOf('from flask_login import current_user\n')).toBeUndefined();
    expect(await deferredOf('import flaskext_like\n')).toEqual([FLASK_FUNCTIONS_DOMAIN, SQL_DOMAIN, SQL_TEXTS_DOMAIN]);
  });
});
