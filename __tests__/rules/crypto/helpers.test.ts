import { describe, expect, test } from '@jest/globals';
import { parsePython } from '../../../src/parse/python.js';
import { indexPython } from '../../../src/lang/python/file-index.js';
import { nameWords, squashedName } from '../../../src/models/names/name-words.js';
import { originOf, whereValueGoes } from '../../../src/lang/python/value-flow.js';
import { purposeOf } from '../../../src/models/names/purpose-words.js';

describe('nameWords', () => {
  test.each([
    ['resetCode', ['reset', 'code']],
    ['API_KEY', ['api', 'key']],
    ['X-Session-Id', ['x', 'session', 'id']],
    ['HTTPServerToken', ['http', 'server', 'token']],
    ['sha1sum', ['sha', '1', 'sum']],
  ])('%s', (name, words) => expect(nameWords(name)).toEqual(words));
  test('squashed', () => expect(squashedName('api_Key')).toBe('apikey'));
});

describe('purposeOf', () => {
  test.each([
    ['api_token', 'secret'],
    ['verification_code', 'secret'],
    ['status_code', 'neutral'],
    ['footprint', 'neutral'],
    ['spinner', 'neutral'],
    ['retry_delay', 'benign'],
    ['cache_key', 'benign'],
    ['secretary', 'neutral'],
    ['tokenizer', 'neutral'],
    ['csrfToken', 'secret'],
    ['md5sum', 'benign'],
    ['fileETag', 'benign'],
  ])('%s is %s', (name, purpose) => expect(purposeOf(name)).toBe(purpose));
});

async function firstCall(code: string, callee: string) {
  const doc = await parsePython(code);
  const py = indexPython(doc);
  const call = py.calls.find((c) => c.childForFieldName('function')?.text === callee);
  if (!call) throw new Error(`no call to ${callee}`);
  return { py, call };
}

describe('whereValueGoes', () => {
  test('through join, a generator and a method to an attribute', async () => {
    const { call } = await firstCall('self.api_token = "".join(r.choice(c) for _ in range(8)).upper()\n', 'r.choice');
    const flow = whereValueGoes(call);
    expect(flow.sink.kind).toBe('assignment');
    expect(flow.sink.names).toEqual(['api_token']);
    expect(flow.through).toEqual(['join', 'upper']);
  });
  test('a return names the function; an f-string keeps its text', async () => {
    const { call } = await firstCall('def reset_link():\n    return f"/reset?token={r.x()}"\n', 'r.x');
    const flow = whereValueGoes(call);
    expect(flow.sink).toMatchObject({ kind: 'return', names: ['reset_link'] });
    expect(flow.texts[0]).toContain('/reset?token=');
  });
  test('tuple assignment picks the matching target; a subscript key is a name', async () => {
    const a = await firstCall('delay, token = r.a(), r.b()\n', 'r.b');
    expect(whereValueGoes(a.call).sink.names).toEqual(['token']);
    const b = await firstCall('app.config["SECRET_KEY"] = r.c()\n', 'r.c');
    expect(whereValueGoes(b.call).sink.names).toEqual(['SECRET_KEY']);
  });
  test('a keyword names itself and its callee; an index is not a destination', async () => {
    const a = await firstCall('User(password=r.d())\n', 'r.d');
    expect(whereValueGoes(a.call).sink).toMatchObject({ kind: 'keyword', names: ['password', 'User'] });
    const b = await firstCall('x = items[r.e()]\n', 'r.e');
    expect(whereValueGoes(b.call).sink.kind).toBe('index');
  });
});

describe('originOf', () => {
  test('follows a module constant and a self attribute', async () => {
    const code =
      'IV = b"0" * 16\nclass C:\n    def __init__(self):\n        self.iv = IV\n    def f(self):\n        return g(self.iv)\n';
    const { py, call } = await firstCall(code, 'g');
    const arg = call.childForFieldName('arguments')?.namedChildren[0];
    if (!arg) throw new Error('no argument');
    const origin = originOf(arg, py);
    expect(origin.names).toEqual(['self.iv', 'IV']);
    expect(origin.node.type).toBe('binary_operator');
    expect(origin.boundAt).toBe('module');
  });
});
