import { describe, expect, test } from '@jest/globals';
import { parsePython } from '../../src/parse/python.js';
import { sameApplication } from '../../src/project/application.js';
import { ProjectIndex } from '../../src/project/project-index.js';
import { moduleNamesOf, relativeTarget } from '../../src/project/module-name.js';
import { summarizeModule } from '../../src/project/summarize.js';
import type { ModuleSummary } from '../../src/project/types.js';
import { indexPython } from '../../src/lang/python/file-index.js';
import { dedent } from '../helpers/rule-tester.js';

async function summary(path: string, code: string): Promise<ModuleSummary> {
  const text = dedent(code);
  const doc = await parsePython(text);
  try {
    const python = indexPython(doc);
    const file = { path, kind: 'python' as const, role: 'production' as const, text, lines: text.split('\n') };
    return summarizeModule({ file, python, config: undefined }, []);
  } finally {
    doc.tree.delete();
  }
}

async function project(files: Record<string, string>): Promise<ProjectIndex> {
  return new ProjectIndex(await Promise.all(Object.entries(files).map(([p, c]) => summary(p, c))));
}

describe('module names', () => {
  test.each([
    ['app/models.py', ['app.models', 'models']],
    ['src/app/__init__.py', ['src.app', 'app']],
    ['{{cookiecutter.slug}}/src/config.py', ['src.config', 'config']],
    ['setup.cfg', []],
  ])('%s', (path, names) => expect(moduleNamesOf(path)).toEqual(names));

  test.each([
    ['app/views/user.py', '.models', 'app/views/models'],
    ['app/views/user.py', '..models.User', 'app/models/User'],
    ['app/views/user.py', '...x', 'x'],
    ['user.py', '..x', undefined],
  ])('%s imports %s', (from, dotted, target) => expect(relativeTarget(from, dotted)).toBe(target));
});

describe('ProjectIndex', () => {
  test('a relative import reaches the class, through a package __init__ that re-exports it', async () => {
    const index = await project({
      'app/__init__.py': 'from .models import User\n',
      'app/models/__init__.py': 'from .user import User\n',
      'app/models/user.py': 'class User:\n    pass\n',
      'app/views.py': 'from . import models\nfrom app import User\nfrom .models import User as U\n',
    });
    expect(index.resolveLocal('app/views.py', 'U')).toEqual({ path: 'app/models/user.py', name: 'User' });
    expect(index.resolveLocal('app/views.py', 'User')).toEqual({ path: 'app/models/user.py', name: 'User' });
    expect(index.resolveLocal('app/views.py', 'models.User')).toEqual({ path: 'app/models/user.py', name: 'User' });
    expect(index.resolveLocal('app/views.py', 'models')).toEqual({ path: 'app/models/__init__.py', name: undefined });
  });

  test('absolute imports find a module under a source root the repository does not declare', async () => {
    const index = await project({
      'src/shop/settings.py':
        'DB_HOST = "db.internal"\nPORT = 5432\nDEBUG = False\nURL = f"postgresql://{DB_HOST}/shop"\n',
      'src/shop/db.py': 'from shop.settings import DB_HOST, PORT as P\nimport shop.settings as s\n',
    });
    const host = index.resolveLocal('src/shop/db.py', 'DB_HOST');
    expect(host).toEqual({ path: 'src/shop/settings.py', name: 'DB_HOST' });
    expect(index.constant(host!)).toBe('db.internal');
    expect(index.constant(index.resolveLocal('src/shop/db.py', 'P')!)).toBe(5432);
    expect(index.constant(index.resolveLocal('src/shop/db.py', 's.DEBUG')!)).toBe(false);
    expect(index.constant(index.resolveLocal('src/shop/db.py', 's.URL')!)).toBe('postgresql://db.internal/shop');
  });

  test('an environment fallback or a computed value is no constant', async () => {
    const index = await project({
      'config.py': 'import os\nA = os.environ.get("A", "dev")\nB = os.environ["B"]\nC = "x"\nC = compute()\n',
    });
    expect(index.module('config.py')?.constants).toEqual({});
    expect(index.module('config.py')?.defines).toEqual(expect.arrayContaining(['A', 'B', 'C', 'os']));
  });

  test('a library import does not resolve, nor a name the module does not bind', async () => {
    const index = await project({ 'app.py': 'from flask import Flask\nfrom .missing import x\n' });
    expect(index.resolveLocal('app.py', 'Flask')).toBeUndefined();
    expect(index.resolveLocal('app.py', 'x')).toBeUndefined();
    expect(index.resolveLocal('app.py', 'nothing')).toBeUndefined();
  });

  test('of two apps in one tree, an import reaches the one beside the importing file', async () => {
    const index = await project({
      'one/app/config.py': 'KEY = "one"\n',
      'two/app/config.py': 'KEY = "two"\n',
      'two/app/main.py': 'from app.config import KEY\n',
    });
    expect(index.constant(index.resolveLocal('two/app/main.py', 'KEY')!)).toBe('two');
  });

  test('star imports and import cycles', async () => {
    const index = await project({
      'a.py': 'from b import *\n',
      'b.py': 'from a import *\nfrom c import X\n',
      'c.py': 'X = 1\nfrom a import Y\n',
    });
    expect(index.resolveLocal('a.py', 'X')).toEqual({ path: 'c.py', name: 'X' });
    expect(index.resolveLocal('c.py', 'Y')).toBeUndefined();
  });
});

describe('sameApplication', () => {
  test.each([
    ['api/views.py', 'api/extensions.py', true],
    ['api/views.py', 'admin/__init__.py', false],
    ['api/views.py', 'wsgi.py', true],
    ['config.py', 'admin/settings.py', true],
  ])('%s and %s', (a, b, same) => expect(sameApplication(a, b)).toBe(same));
});

describe('importersOf: the modules that may name something of a module', () => {
  test('direct importers, importers of an importer, importers of a package it lies in; not the others', async () => {
    const index = await project({
      'app/__init__.py': '',
      'app/db.py': 'def find(conn, name):\n    return conn\n',
      'app/service.py': 'from app.db import find\n\ndef lookup(conn, name):\n    return find(conn, name)\n',
      'app/views.py': 'from app import service\n\ndef view(conn):\n    return service.lookup(conn, "x")\n',
      'app/other.py': 'import os\n',
      'cli.py': 'import app\n\napp.db.find(None, "x")\n',
      'tools/report.py': 'from .fmt import line\n',
      'tools/fmt.py': 'def line():\n    return ""\n',
    });
    expect(index.importersOf('app/db.py')).toEqual(['app/db.py', 'app/service.py', 'app/views.py', 'cli.py']);
    expect(index.importersOf('tools/fmt.py')).toEqual(['tools/fmt.py', 'tools/report.py']);
    expect(index.importersOf('app/other.py')).toEqual(['app/other.py', 'cli.py']);
  });

  test('a namespace package (no __init__.py): `import pkg.mod` binds `pkg`, and still counts', async () => {
    const index = await project({
      'pkg/db.py': 'def find(conn, name):\n    return conn\n',
      'main.py': 'import pkg.db\n\npkg.db.find(None, "x")\n',
      'src/tools/fmt.py': 'def line():\n    return ""\n',
      'src/report.py': 'import tools.fmt\n',
      'other.py': 'import os\n',
    });
    expect(index.resolveLocal('main.py', 'pkg.db.find')).toEqual({ path: 'pkg/db.py', name: 'find' });
    expect(index.importersOf('pkg/db.py')).toEqual(['main.py', 'pkg/db.py']);
    expect(index.importersOf('src/tools/fmt.py')).toEqual(['src/report.py', 'src/tools/fmt.py']);
  });
});
