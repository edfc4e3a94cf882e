import { describe, expect, test } from '@jest/globals';
import type { FileKind } from '../../src/core/types.js';
import { parsePython } from '../../src/parse/python.js';
import { commentsOf, mayHoldSuppression } from '../../src/suppress/comments.js';

async function comments(kind: FileKind, text: string): Promise<string[]> {
  if (kind === 'python') {
    const doc = await parsePython(text);
    try {
      return commentsOf(kind, text, doc.root).map((c) => `${c.line}:${c.text}`);
    } finally {
      doc.tree.delete();
    }
  }
  return commentsOf(kind, text, undefined).map((c) => `${c.line}:${c.text}`);
}

describe('comments are read from the format, never from text that only looks like one', () => {
  test('Python: tree-sitter comment nodes, not # inside strings or docstrings', async () => {
    const text = [
      'URL = "postgresql://db/app#frag # nosec"',
      'x = 1  # nosec FCG101',
      '"""',
      '# nosec in a docstring',
      '"""',
      "y = f'{a}#{b}'  # flask-crdb-gate: ignore[FCG101] why",
      '',
    ].join('\n');
    expect(await comments('python', text)).toEqual(['2:# nosec FCG101', '6:# flask-crdb-gate: ignore[FCG101] why']);
  });

  test('YAML: the yaml lexer comments, not # in quoted or plain scalars', async () => {
    const text = [
      'a: "x # not a comment"',
      "b: 'it''s # not either' # nosec",
      'url: http://host/path#frag',
      'list: [1, 2] # flask-crdb-gate: ignore[FCG107]',
      '# a full-line comment',
      'block: |  # header comment',
      '  line # inside the block',
      '',
    ].join('\n');
    expect(await comments('yaml', text)).toEqual([
      '2:# nosec',
      '4:# flask-crdb-gate: ignore[FCG107]',
      '5:# a full-line comment',
      '6:# header comment',
    ]);
  });

  test('TOML: # outside the four kinds of strings', async () => {
    const text = [
      'a = "x # no" # yes 1',
      "b = 'c:\\\\x # no' # yes 2",
      'c = """',
      '# no, inside a multi-line string',
      '""" # yes 3',
      "d = '''# no''' # yes 4",
      'e = ["a#b", # yes 5',
      '  "c"]',
      '',
    ].join('\n');
    expect(await comments('toml', text)).toEqual(['1:# yes 1', '2:# yes 2', '5:# yes 3', '6:# yes 4', '7:# yes 5']);
  });

  test('INI: # and ; at the start of a line or after white space, not in a value', async () => {
    const text = [
      '[alembic]',
      'sqlalchemy.url = postgresql://db/app?sslmode=disable ; nosec',
      'a = x#y;z',
      '# full line',
      "note = don't # a comment after an apostrophe",
      '',
    ].join('\n');
    expect(await comments('ini', text)).toEqual(['2:; nosec', '4:# full line', '5:# a comment after an apostrophe']);
  });

  test('dotenv: not inside quoted values; an apostrophe inside a word is a letter', async () => {
    const text = [
      'A="value # not a comment" # nosec',
      "B='x#y' # yes",
      'C=pass#word',
      "D=don't # yes too",
      'E="multi',
      '# still the value',
      'line" # after it',
      '',
    ].join('\n');
    expect(await comments('dotenv', text)).toEqual(['1:# nosec', '2:# yes', '4:# yes too', '7:# after it']);
  });

  test('shell, Dockerfile, Makefile and Procfile: shell quoting and escapes', async () => {
    const sh = [
      'echo "a # b" # nosec',
      "echo 'c # d'",
      'echo \\# e',
      'cockroach sql --insecure # nosec FCG108',
      '',
    ].join('\n');
    expect(await comments('shell', sh)).toEqual(['1:# nosec', '4:# nosec FCG108']);
    const docker = ['# syntax=docker/dockerfile:1', 'FROM python:3.12', 'ENV A="x # y"  # nosec', ''].join('\n');
    expect(await comments('dockerfile', docker)).toEqual(['1:# syntax=docker/dockerfile:1', '3:# nosec']);
    expect(await comments('makefile', 'db:\n\tcockroach start --insecure  # nosec\n')).toEqual(['2:# nosec']);
    expect(await comments('procfile', 'web: gunicorn app:app # nosec\n')).toEqual(['1:# nosec']);
  });

  test('JSON has no comments; the quick test skips files with no marker at all', async () => {
    expect(await comments('json', '{"a": "# nosec"}')).toEqual([]);
    expect(mayHoldSuppression('x = 1\n')).toBe(false);
    expect(mayHoldSuppression('x = 1  # nosec\n')).toBe(true);
    expect(mayHoldSuppression('x = 1  # Flask-CRDB-Gate: ignore\n')).toBe(true);
  });

  test('CRLF line ends are not part of a comment', async () => {
    expect(await comments('shell', 'a # nosec\r\nb\r\n')).toEqual(['1:# nosec']);
    expect(await comments('toml', 'a = 1 # nosec\r\n')).toEqual(['1:# nosec']);
  });
});
