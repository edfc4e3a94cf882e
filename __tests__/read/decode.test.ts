import { expect, test } from '@jest/globals';
import { decode } from '../../src/read/decode.js';

const enc = (s: string) => new TextEncoder().encode(s);

test('UTF-8 with and without BOM', () => {
  expect(decode(enc('x = "é"'), true)).toEqual({ ok: true, text: 'x = "é"' });
  expect(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('a=1')]), false)).toEqual({ ok: true, text: 'a=1' });
});

test('UTF-16 LE and BE with BOM', () => {
  const le = new Uint8Array([0xff, 0xfe, ...Buffer.from('A=1\n', 'utf16le')]);
  expect(decode(le, false)).toEqual({ ok: true, text: 'A=1\n' });
  const be = Buffer.from('A=1\n', 'utf16le').swap16();
  expect(decode(new Uint8Array([0xfe, 0xff, ...be]), false)).toEqual({ ok: true, text: 'A=1\n' });
});

test('binary and undecodable files are refused with a reason', () => {
  expect(decode(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1]), true)).toEqual({
    ok: false,
    reason: 'binary file (NUL byte)',
  });
  expect(decode(new Uint8Array([0x61, 0xff, 0x62]), false)).toEqual({
    ok: false,
    reason: 'not valid UTF-8 or UTF-16 text',
  });
  expect(decode(new Uint8Array([0x61, 0xff, 0x62]), true)).toMatchObject({
    ok: false,
    reason: expect.stringContaining('PEP 263'),
  });
});

test('Python files may declare their encoding (PEP 263)', () => {
  const latin1 = new Uint8Array([...enc('# -*- coding: latin-1 -*-\nname = "'), 0xe9, ...enc('"\n')]);
  expect(decode(latin1, true)).toEqual({ ok: true, text: '# -*- coding: latin-1 -*-\nname = "é"\n' });
  // a coding comment after code does not count
  const late = new Uint8Array([...enc('x = 1\n# coding: latin-1\n'), 0xe9]);
  expect(decode(late, true).ok).toBe(false);
});
