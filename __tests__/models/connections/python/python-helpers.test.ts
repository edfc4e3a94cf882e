import { describe, expect, test } from '@jest/globals';
import { DYNAMIC } from '../../../../src/core/dynamic.js';
import { parsePython, type Node, type PythonDoc } from '../../../../src/parse/python.js';
import { Evaluator, joinText, asStr, type PyValue } from '../../../../src/lang/python/evaluate.js';
import { buildImportMap, calleeNames, resolveName } from '../../../../src/lang/python/imports.js';
import { BINDING_NODE_TYPES, ScopeIndex } from '../../../../src/lang/python/scope.js';
import { spanOf } from '../../../../src/lang/python/span.js';
import { constantStringValue, decodeString, isDocstring, stringValue } from '../../../../src/lang/python/strings.js';
import { py } from './helpers.js';

async function withDoc<T>(source: string, fn: (doc: PythonDoc) => T): Promise<T> {
  const doc = await parsePython(source);
  try {
    return fn(doc);
  } finally {
    doc.tree.delete();
  }
}

/** The right-hand side of the last assignment to `name` in the file. */
function rhs(doc: PythonDoc, name: string): Node {
  const all = doc.root.descendantsOfType('assignment').filter((a) => a.childForFieldName('left')?.text === name);
  const last = all[all.length - 1];
  const right = last?.childForFieldName('right');
  if (!right) throw new Error(`no assignment to ${name}`);
  return right;
}

function evaluator(doc: PythonDoc): Evaluator {
  const imports = buildImportMap(doc.root);
  return new Evaluator(new ScopeIndex(doc.root, doc.root.descendantsOfType([...BINDING_NODE_TYPES])), imports);
}

function text(v: PyValue): string | undefined {
  const s = asStr(v);
  return s ? joinText(s) : undefined;
}

describe('strings', () => {
  test('prefixes, escapes, triple quotes, implicit concatenation', async () => {
    // String.raw: the Python source keeps its backslashes.
    await withDoc(
      String.raw`a = r"C:\new\table" rb'\x00'
b = "tab\there\x41\u00e9\101\\ \q"
c = """multi
line"""
d = ("postgresql://u@h"
     # a comment between pieces
     '/db' f"?x={{literal}}")
e = b"bytes"
f = "line\
continued"
`,
      (doc) => {
        expect(stringValue(rhs(doc, 'a'))).toBe('C:\\new\\table\\x00');
        expect(stringValue(rhs(doc, 'b'))).toBe('tab\thereAé\x41\\ \\q');
        expect(stringValue(rhs(doc, 'c'))).toBe('multi\nline');
        const d = rhs(doc, 'd').firstNamedChild as Node;
        expect(stringValue(d)).toBe('postgresql://u@h/db?x={literal}');
        expect(decodeString(rhs(doc, 'e'))?.bytes).toBe(true);
        expect(stringValue(rhs(doc, 'f'))).toBe('linecontinued');
      },
    );
  });

  test('f-string interpolations are DYNAMIC in the plain decoding', async () => {
    await withDoc('x = f"a{b}c{d!r}e{f:>3}"\n', (doc) => {
      const decoded = decodeString(rhs(doc, 'x'));
      expect(decoded?.parts.map((p) => (p.kind === 'text' ? p.text : p.plain))).toEqual([
        'a',
        true,
        'c',
        false,
        'e',
        false,
      ]);
      expect(stringValue(rhs(doc, 'x'))).toBe(`a${DYNAMIC}c${DYNAMIC}e${DYNAMIC}`);
      expect(constantStringValue(rhs(doc, 'x'))).toBeUndefined();
    });
  });

  test('docstrings are string statements; assigned strings are not', async () => {
    await withDoc('"""doc"""\nx = "value"\n', (doc) => {
      const [doc1, value] = doc.root.descendantsOfType('string');
      expect(isDocstring(doc1 as Node)).toBe(true);
      expect(isDocstring(value as Node)).toBe(false);
      expect(spanOf(value as Node)).toEqual({ line: 2, column: 5, endLine: 2, endColumn: 12 });
    });
  });
});

describe('imports', () => {
  test('aliases, from-imports, nested modules, star imports', async () => {
    await withDoc(
      py`
        import psycopg2 as pg
        import sqlalchemy.engine.url
        from sqlalchemy import create_engine as ce
        from sqlalchemy.engine import URL
        from os import *
        pg.connect()
        ce()
        URL.create()
        sqlalchemy.engine.url.make_url()
        getenv()
      `,
      (doc) => {
        const imports = buildImportMap(doc.root);
        const calls = doc.root.descendantsOfType('call');
        expect(calls.map((c) => calleeNames(c, imports)[0])).toEqual([
          'psycopg2.connect',
          'sqlalchemy.create_engine',
          'sqlalchemy.engine.URL.create',
          'sqlalchemy.engine.url.make_url',
          'getenv',
        ]);
        expect(calleeNames(calls[4] as Node, imports)).toEqual(['getenv', 'os.getenv']);
        const fn = (calls[0] as Node).childForFieldName('function') as Node;
        expect(resolveName(fn, imports)).toBe('psycopg2.connect');
      },
    );
  });

  test('a name imported two ways keeps both meanings', async () => {
    await withDoc(
      py`
        try:
            import psycopg2 as driver
        except ImportError:
            import psycopg as driver
        driver.connect()
      `,
      (doc) => {
        const imports = buildImportMap(doc.root);
        const call = doc.root.descendantsOfType('call')[0] as Node;
        expect(calleeNames(call, imports)).toEqual(['psycopg2.connect', 'psycopg.connect']);
      },
    );
  });
});

describe('evaluator', () => {
  test('constants, concatenation, f-strings with constants, format and %', async () => {
    await withDoc(
      py`
        HOST = "db.example.com"
        PORT = 26257
        A = "postgresql://" + HOST + ":" + str(PORT)
        B = f"{A}/app?sslmode={'require'}"
        C = "{}:{port}".format(HOST, port=PORT)
        D = "%s/%d" % (HOST, PORT)
        E = "%(h)s" % {"h": HOST}
        F = " ".join(["host=" + HOST, "sslmode=disable"])
        G = f"{HOST!r}"
      `,
      (doc) => {
        const ev = evaluator(doc);
        expect(text(ev.evaluate(rhs(doc, 'A')))).toBe('postgresql://db.example.com:26257');
        expect(text(ev.evaluate(rhs(doc, 'B')))).toBe('postgresql://db.example.com:26257/app?sslmode=require');
        expect(text(ev.evaluate(rhs(doc, 'C')))).toBe('db.example.com:26257');
        expect(text(ev.evaluate(rhs(doc, 'D')))).toBe('db.example.com/26257');
        expect(text(ev.evaluate(rhs(doc, 'E')))).toBe('db.example.com');
        expect(text(ev.evaluate(rhs(doc, 'F')))).toBe('host=db.example.com sslmode=disable');
        expect(text(ev.evaluate(rhs(doc, 'G')))).toBe(DYNAMIC);
      },
    );
  });

  test('environment lookups and their fallbacks', async () => {
    await withDoc(
      py`
        import os
        from os import environ, getenv
        A = os.environ.get("A_URL", "fallback-a")
        B = getenv("B_URL") or "fallback-b"
        C = environ["C_URL"]
        D = os.getenv("D_URL", default="fallback-d")
        E = f"x{os.environ.get('E', 'e')}y"
      `,
      (doc) => {
        const ev = evaluator(doc);
        const a = ev.evaluate(rhs(doc, 'A'));
        expect(a.kind === 'str' && a.segments[0]?.envFallbackOf).toBe('A_URL');
        expect(a.kind === 'str' && a.segments[0]?.literal?.text).toBe('"fallback-a"');
        const b = ev.evaluate(rhs(doc, 'B'));
        expect(text(b)).toBe('fallback-b');
        expect(b.kind === 'str' && b.segments[0]?.envFallbackOf).toBe('B_URL');
        expect(ev.evaluate(rhs(doc, 'C'))).toEqual({ kind: 'unknown', envName: 'C_URL' });
        expect(text(ev.evaluate(rhs(doc, 'D')))).toBe('fallback-d');
        const e = ev.evaluate(rhs(doc, 'E'));
        expect(e.kind === 'str' && e.segments.map((s) => [s.text, s.envFallbackOf])).toEqual([
          ['x', undefined],
          ['e', 'E'],
          ['y', undefined],
        ]);
      },
    );
  });

  test('scopes: reassignment, locals, globals, class bodies, cycles', async () => {
    await withDoc(
      py`
        TWICE = "a"
        TWICE = "b"
        AUG = "x"
        AUG += "y"
        G = "module"
        def f():
            L = "local"
            USE_L = L
            USE_G = G
        def g():
            global G2
            G2 = "set in g"
        USE_G2 = G2
        class K:
            ATTR = "attr"
            USE_ATTR = ATTR
        X = Y
        Y = X
        P, Q = "p", "q"
        USE_TWICE = TWICE
        USE_AUG = AUG
        USE_P = P
        USE_CYCLE = X
        D = dict(a="1", **{"b": "2"})
        USE_D = D["b"]
      `,
      (doc) => {
        const ev = evaluator(doc);
        expect(text(ev.evaluate(rhs(doc, 'USE_TWICE')))).toBeUndefined();
        expect(text(ev.evaluate(rhs(doc, 'USE_AUG')))).toBeUndefined();
        expect(text(ev.evaluate(rhs(doc, 'USE_L')))).toBe('local');
        expect(text(ev.evaluate(rhs(doc, 'USE_G')))).toBe('module');
        expect(text(ev.evaluate(rhs(doc, 'USE_G2')))).toBe('set in g');
        expect(text(ev.evaluate(rhs(doc, 'USE_ATTR')))).toBe('attr');
        expect(text(ev.evaluate(rhs(doc, 'USE_P')))).toBe('p');
        expect(ev.evaluate(rhs(doc, 'USE_CYCLE')).kind).toBe('unknown');
        expect(text(ev.evaluate(rhs(doc, 'USE_D')))).toBe('2');
      },
    );
  });

  test('a conditional is known only when both branches agree', async () => {
    await withDoc('A = "x" if c else "x"\nB = "x" if c else "y"\n', (doc) => {
      const ev = evaluator(doc);
      expect(text(ev.evaluate(rhs(doc, 'A')))).toBe('x');
      expect(ev.evaluate(rhs(doc, 'B')).kind).toBe('unknown');
    });
  });
});
