import { describe, expect, test } from '@jest/globals';
import { parseConfig } from '../../../src/parse/config/index.js';
import { parsePython } from '../../../src/parse/python.js';
import { indexPython } from '../../../src/lang/python/file-index.js';
import { flaskDebugCommands, flaskFileSettings } from '../../../src/models/flask/config-files.js';
import { contextOfName, isSettingsModulePath } from '../../../src/models/flask/config-names.js';
import { constantValue, settingDuration, literalText } from '../../../src/models/flask/config-values.js';
import { flaskSettings } from '../../../src/models/flask/config.js';
import { dedent } from '../../helpers/rule-tester.js';

interface Row {
  key: string;
  value: string;
  line: number;
  context: string;
  form: string;
  owner?: string;
}

async function settings(code: string, path = 'app.py'): Promise<Row[]> {
  const doc = await parsePython(dedent(code));
  try {
    const py = indexPython(doc);
    return flaskSettings(py, path).map((s) => ({
      key: s.key,
      value: s.value.text,
      line: s.span.line,
      context: s.context,
      form: s.form,
      ...(s.owner ? { owner: s.owner } : {}),
    }));
  } finally {
    doc.tree.delete();
  }
}

describe('flaskSettings: the forms', () => {
  test('app.config[...] on an app built by Flask() under any name', async () => {
    const rows = await settings(`
      from flask import Flask
      server = Flask(__name__)
      server.config["SECRET_KEY"] = "k"
      server.config["MY_OWN"] = 1
      other.config["MY_OWN"] = 2
      other.config["SESSION_COOKIE_SECURE"] = False
    `);
    expect(rows.map((r) => [r.key, r.form, r.line])).toEqual([
      ['SECRET_KEY', 'config-item', 3],
      ['MY_OWN', 'config-item', 4],
      ['SESSION_COOKIE_SECURE', 'config-item', 6],
    ]);
  });

  test('update / from_mapping / setdefault with keywords, dict literals, dict() and a named dict', async () => {
    const rows = await settings(`
      def create_app():
          app = Flask(__name__, instance_relative_config=True)
          app.config.update(SECRET_KEY="a", DEBUG=False)
          app.config.update({"JWT_SECRET_KEY": "b"})
          app.config.update(dict(SECURITY_PASSWORD_SALT="c"))
          app.config.from_mapping(SESSION_COOKIE_HTTPONLY=False)
          app.config.from_mapping({"SESSION_COOKIE_SAMESITE": "None"})
          app.config.setdefault("PERMANENT_SESSION_LIFETIME", 3600)
          defaults = {"WTF_CSRF_SECRET_KEY": "d"}
          app.config.from_mapping(defaults)
          return app
    `);
    expect(rows.map((r) => [r.key, r.form, r.value])).toEqual([
      ['SECRET_KEY', 'config-update', '"a"'],
      ['DEBUG', 'config-update', 'False'],
      ['JWT_SECRET_KEY', 'config-update', '"b"'],
      ['SECURITY_PASSWORD_SALT', 'config-update', '"c"'],
      ['SESSION_COOKIE_HTTPONLY', 'config-mapping', 'False'],
      ['SESSION_COOKIE_SAMESITE', 'config-mapping', '"None"'],
      ['PERMANENT_SESSION_LIFETIME', 'config-setdefault', '3600'],
      ['WTF_CSRF_SECRET_KEY', 'config-mapping', '"d"'],
    ]);
  });

  test('current_app and self.app receivers', async () => {
    const rows = await settings(`
      from flask import current_app
      current_app.config["TESTING"] = True
      class Ext:
          def init(self):
              self.app.config.update(DEBUG=True)
    `);
    expect(rows.map((r) => [r.key, r.line])).toEqual([
      ['TESTING', 2],
      ['DEBUG', 5],
    ]);
  });

  test('config classes, subclasses and their contexts', async () => {
    const rows = await settings(`
      class Config:
          SECRET_KEY = "base"
          lower_case = 1
          if True:
              DEBUG = False
      class ProductionConfig(Config):
          DEBUG = False
      class DevelopmentConfig(Config):
          DEBUG = True
      class Local(DevelopmentConfig):
          DEBUG = True
      class CI(TestingConfig):
          DEBUG = True
      class ProdFromDev(DevelopmentConfig):
          pass
      class StagingConfig(DevelopmentConfig):
          DEBUG = True
      class Helper:
          DEBUG = True
      class Child(Config):
          def __init__(self):
              self.DEBUG = True
    `);
    expect(rows.map((r) => [r.key, r.owner, r.context])).toEqual([
      ['SECRET_KEY', 'Config', 'production'],
      ['DEBUG', 'Config', 'production'],
      ['DEBUG', 'ProductionConfig', 'production'],
      ['DEBUG', 'DevelopmentConfig', 'development'],
      ['DEBUG', 'Local', 'development'],
      ['DEBUG', 'CI', 'testing'],
      ['DEBUG', 'StagingConfig', 'production'],
      ['DEBUG', 'Child', 'production'],
    ]);
  });

  test('a class passed to from_object counts whatever its name', async () => {
    const rows = await settings(`
      class Production:
          SECRET_KEY = "x"
      app.config.from_object(Production)
    `);
    expect(rows.map((r) => [r.key, r.form])).toEqual([['SECRET_KEY', 'config-class']]);
  });

  test('module constants count in a settings module, or one read by from_object(__name__)', async () => {
    const code = `
      DEBUG = True
      SECRET_KEY = "x"
      helper = 1
      def f():
          LOCAL = 2
    `;
    expect((await settings(code, 'app/config.py')).map((r) => [r.key, r.form])).toEqual([
      ['DEBUG', 'settings-module'],
      ['SECRET_KEY', 'settings-module'],
    ]);
    expect(await settings(code, 'app/views.py')).toEqual([]);
    expect((await settings(`${code}\napp.config.from_object(__name__)\n`, 'app/views.py')).length).toBe(2);
  });

  test('chained assignments set every target', async () => {
    const rows = await settings('class Config:\n    SECRET_KEY = JWT_SECRET_KEY = "x"\n');
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ['SECRET_KEY', '"x"'],
      ['JWT_SECRET_KEY', '"x"'],
    ]);
  });

  test('app attributes and app.run', async () => {
    const rows = await settings(`
      app = Flask(__name__)
      app.secret_key = "s"
      app.debug = True
      user.debug = True
      app.permanent_session_lifetime = timedelta(days=90)
      socketio.run(app, debug=True)
      if __name__ == "__main__":
          app.run(host="0.0.0.0", debug=True)
    `);
    expect(rows.map((r) => [r.key, r.form, r.line])).toEqual([
      ['SECRET_KEY', 'app-attribute', 2],
      ['DEBUG', 'app-attribute', 3],
      ['PERMANENT_SESSION_LIFETIME', 'app-attribute', 5],
      ['DEBUG', 'app-run', 6],
      ['DEBUG', 'app-run', 8],
    ]);
  });

  test('a FastAPI app is not a Flask app', async () => {
    const rows = await settings(`
      app = FastAPI()
      app.run(debug=True)
      app.debug = True
    `);
    expect(rows).toEqual([]);
  });
});

describe('values', () => {
  async function withValue<T>(code: string, fn: (py: ReturnType<typeof indexPython>) => T): Promise<T> {
    const doc = await parsePython(dedent(code));
    try {
      return fn(indexPython(doc));
    } finally {
      doc.tree.delete();
    }
  }
  const last = (py: ReturnType<typeof indexPython>) => {
    const s = flaskSettings(py, 'config.py');
    return s[s.length - 1]?.value;
  };

  test('durations', async () => {
    const cases: [string, number | undefined][] = [
      ['X = timedelta(days=365)', 365 * 86400],
      ['X = datetime.timedelta(weeks=8)', 8 * 7 * 86400],
      ['X = timedelta(1, 30)', 86430],
      ['X = 86400 * 90', 86400 * 90],
      ['DAY = 86400\nX = DAY * 90', 86400 * 90],
      ['X = int(os.environ.get("LIFE", 60 * 60))', 3600],
      ['X = timedelta(days=int(os.environ["DAYS"]))', undefined],
    ];
    for (const [code, want] of cases) {
      const got = await withValue(code, (py) => {
        const v = last(py);
        return v ? settingDuration(py, v)?.seconds : undefined;
      });
      expect([code, got]).toEqual([code, want]);
    }
  });

  test('constants and fallbacks', async () => {
    const got = await withValue(
      'A = False\nB = os.environ.get("B", True)\nC = os.getenv("C") or 0\nD = os.environ.get("D", "False")\nE = NAME\nNAME = "x"',
      (py) =>
        flaskSettings(py, 'config.py').map((s) => {
          const v = constantValue(py, s.value);
          return v ? [s.key, v.value, v.envFallbackOf ?? null] : [s.key, null];
        }),
    );
    expect(got).toEqual([
      ['A', false, null],
      ['B', true, 'B'],
      ['C', 0, 'C'],
      ['D', 'False', 'D'],
      ['E', 'x', null],
      ['NAME', 'x', null],
    ]);
  });

  test('literal text: literals, constants, f-strings, bytes, encode(); not the environment', async () => {
    const got = await withValue(
      'P = "pre"\nA = "lit"\nB = f"{P}-key"\nC = b"bytes"\nD = "enc".encode()\nE = os.environ["K"]\nF = "a" + os.environ["K"]\nG = secrets.token_hex()',
      (py) => flaskSettings(py, 'config.py').map((s) => [s.key, literalText(py, s.value)?.text ?? null]),
    );
    expect(got).toEqual([
      ['P', 'pre'],
      ['A', 'lit'],
      ['B', 'pre-key'],
      ['C', 'bytes'],
      ['D', 'enc'],
      ['E', null],
      ['F', null],
      ['G', null],
    ]);
  });
});

describe('names', () => {
  test('contexts of class names', () => {
    expect(contextOfName('DevelopmentConfig')).toBe('development');
    expect(contextOfName('DevConfig')).toBe('development');
    expect(contextOfName('LocalSettings')).toBe('development');
    expect(contextOfName('TestingConfig')).toBe('testing');
    expect(contextOfName('TestConfig')).toBe('testing');
    expect(contextOfName('ProductionConfig')).toBe('production');
    expect(contextOfName('Config')).toBeUndefined();
    expect(contextOfName('LatestConfig')).toBeUndefined();
    expect(contextOfName('ContestSettings')).toBeUndefined();
  });

  test('settings modules', () => {
    for (const p of [
      'config.py',
      'app/settings.py',
      'app/prod_config.py',
      'myapp/local_settings.py',
      'settings/base.py',
    ])
      expect([p, isSettingsModulePath(p)]).toEqual([p, true]);
    for (const p of ['app.py', 'configure.py', 'django/conf/global_settings.py', 'config.yaml'])
      expect([p, isSettingsModulePath(p)]).toEqual([p, false]);
  });
});

describe('config files', () => {
  const rows = (kind: Parameters<typeof parseConfig>[0], path: string, text: string) =>
    flaskFileSettings(parseConfig(kind, path, dedent(text)), path).map((s) => [s.key, s.name, s.value, s.context]);

  test('.env with and without the FLASK_ prefix', () => {
    expect(
      rows(
        'dotenv',
        '.env',
        'FLASK_APP=wsgi.py\nFLASK_DEBUG=1\nFLASK_SESSION_COOKIE_SECURE=false\nSECRET_KEY=abc\nDEBUG=True\nFLASK_ENV=development\n',
      ),
    ).toEqual([
      ['DEBUG', 'FLASK_DEBUG', '1', 'production'],
      ['SESSION_COOKIE_SECURE', 'FLASK_SESSION_COOKIE_SECURE', 'false', 'production'],
      ['SECRET_KEY', 'SECRET_KEY', 'abc', 'production'],
      ['ENV', 'FLASK_ENV', 'development', 'production'],
    ]);
  });

  test('compose, Kubernetes, a workflow (testing)', () => {
    expect(rows('yaml', 'docker-compose.yml', 'services:\n  web:\n    environment:\n      SECRET_KEY: abc\n')).toEqual([
      ['SECRET_KEY', 'SECRET_KEY', 'abc', 'production'],
    ]);
    expect(
      rows(
        'yaml',
        'k8s/web.yaml',
        'spec:\n  containers:\n    - env:\n        - name: FLASK_DEBUG\n          value: "1"\n',
      ),
    ).toEqual([['DEBUG', 'FLASK_DEBUG', '1', 'production']]);
    expect(rows('yaml', '.github/workflows/ci.yml', 'env:\n  SECRET_KEY: test\n')).toEqual([
      ['SECRET_KEY', 'SECRET_KEY', 'test', 'testing'],
    ]);
  });

  test('a .cfg read by from_pyfile: top-level keys only', () => {
    expect(rows('ini', 'app.cfg', "DEBUG = True\nSECRET_KEY = 'abc'\n[section]\nDEBUG = True\n")).toEqual([
      ['DEBUG', 'DEBUG', 'True', 'production'],
      ['SECRET_KEY', 'SECRET_KEY', 'abc', 'production'],
    ]);
  });

  test('flask debug command lines', () => {
    const doc = parseConfig(
      'procfile',
      'Procfile',
      'web: flask --debug run\nworker: flask run --no-debug\ndev: FLASK_DEBUG=1 flask run\nalt: python -m flask run --debugger\nprod: gunicorn wsgi:app\n',
    );
    expect(flaskDebugCommands(doc.commands).map((c) => [c.span.line, c.detail])).toEqual([
      [1, '--debug'],
      [3, 'FLASK_DEBUG=1'],
      [4, '--debugger'],
    ]);
  });
});
